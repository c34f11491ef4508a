/**
 * The audit log's vocabulary (PIPL: records of processing personal information). Every action the server
 * records, with the label staff pages show. New actions are appended here; rows are never edited.
 */
export const AUDIT_ACTIONS = [
  'bootstrap',
  'grant',
  'invite',
  'grant.attach',
  'revoke',
  'invite.cancel',
  'org.import',
  'membership.approve',
  'membership.reject',
  'pii.reveal',
  'pii.export',
  'org.create',
  'org.update',
  'station.create',
  'model_worker.flag',
  'model_worker.unflag',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  bootstrap: '初始化部署（市总工会与首位管理员）',
  grant: '授予角色',
  invite: '按手机号邀请（待首次登录生效）',
  'grant.attach': '邀请生效（被邀请人首次短信登录）',
  revoke: '撤销角色',
  'invite.cancel': '撤回邀请',
  'org.import': '导入组织架构',
  'membership.approve': '入会/转会申请通过',
  'membership.reject': '入会/转会申请退回',
  'pii.reveal': '查看完整手机号或身份证号',
  'pii.export': '导出个人信息',
  'org.create': '新建组织',
  'org.update': '修改组织（名称、自动审核、兜底、调解中心）',
  'station.create': '新建驿站',
  'model_worker.flag': '标记劳模（会员优惠）',
  'model_worker.unflag': '取消劳模标记',
};
