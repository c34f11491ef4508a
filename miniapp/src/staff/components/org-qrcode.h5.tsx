import { Image, Text, View } from '@tarojs/components';
import { orgQrcodeUrl } from '../../services/admin';
import { ORG_QRCODE_TEXT as T, type OrgQrcodeProps } from './org-qrcode.types';
import './org-qrcode.scss';

/** H5: the code as the server draws it, and a download link that saves the PNG for printing. */
export function OrgQrcode({ code, name }: OrgQrcodeProps) {
  const url = orgQrcodeUrl(code);
  return (
    <View className='nx-card org-qrcode' data-testid='org-qrcode'>
      <Text className='nx-title'>{T.title}</Text>
      <Text className='nx-text'>{T.hint}</Text>
      <Image className='org-qrcode__image' src={url} mode='aspectFit' nativeProps={{ alt: T.label(name) }} data-testid='org-qrcode-image' />
      <a className='org-qrcode__download' href={url} download={`${code}.png`} data-testid='org-qrcode-download'>
        {T.download}
      </a>
    </View>
  );
}
