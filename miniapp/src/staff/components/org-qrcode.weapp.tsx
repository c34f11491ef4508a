import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { Button } from '../../components/ui';
import { orgQrcodeUrl } from '../../services/admin';
import { toastDone } from '../../utils/feedback';
import { ORG_QRCODE_TEXT as T, type OrgQrcodeProps } from './org-qrcode.types';
import './org-qrcode.scss';

/** WeChat: long-press the code to save or share it, or 保存到相册 (download, then saveImageToPhotosAlbum). */
export function OrgQrcode({ code, name }: OrgQrcodeProps) {
  const url = orgQrcodeUrl(code);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  const save = async () => {
    setBusy(true);
    setFailed(false);
    try {
      const file = await Taro.downloadFile({ url });
      if (file.statusCode !== 200) throw new Error(`download ${file.statusCode}`);
      await Taro.saveImageToPhotosAlbum({ filePath: file.tempFilePath });
      toastDone(T.saved);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='nx-card org-qrcode' data-testid='org-qrcode'>
      <Text className='nx-title'>{T.title}</Text>
      <Text className='nx-text'>{T.hint}</Text>
      <Image className='org-qrcode__image' src={url} mode='aspectFit' showMenuByLongpress aria-label={T.label(name)} data-testid='org-qrcode-image' />
      <Text className='nx-text'>{failed ? T.failed : T.longPress}</Text>
      <Button type='primary' disabled={busy} onClick={save} data-testid='org-qrcode-save'>
        {busy ? T.saving : T.save}
      </Button>
    </View>
  );
}
