/** Both platform variants (org-qrcode.h5.tsx / org-qrcode.weapp.tsx) take these props. */
export interface OrgQrcodeProps {
  code: string;
  name: string;
}

export const ORG_QRCODE_TEXT = {
  title: '入会二维码',
  hint: '职工扫码即可申请加入本组织。打印张贴时请保持二维码完整、清晰。',
  download: '下载图片（PNG，可打印）',
  save: '保存到相册',
  saving: '正在保存…',
  saved: '已保存到相册',
  longPress: '也可以长按二维码保存图片',
  failed: '没能保存，请长按二维码保存，或在相册权限中允许保存',
  label: (name: string) => `${name}的入会二维码`,
};
