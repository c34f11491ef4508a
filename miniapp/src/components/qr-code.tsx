import { useMemo } from 'react';
import { Image, View } from '@tarojs/components';
import { qrDataUrl } from '../utils/qr-svg';
import './qr-code.scss';

export interface QrCodeProps {
  text: string;
  testId: string;
  /** Read aloud by screen readers instead of the code itself. */
  label: string;
}

/** A square QR image of `text`, drawn on the phone (nothing leaves it). */
export function QrCode({ text, testId, label }: QrCodeProps) {
  const src = useMemo(() => qrDataUrl(text), [text]);
  return (
    <View className='qr-code' data-testid={testId} aria-label={label}>
      <Image className='qr-code__image' src={src} mode='aspectFit' nativeProps={{ alt: label }} />
    </View>
  );
}
