import Taro from '@tarojs/taro';
import { Button } from './ui';
import type { ScanButtonProps } from './scan-button.types';

const CANCELLED = /cancel/i;
// WeChat also reads its own mini-program codes ('wxCode'); Taro's typings omit it.
const SCAN_TYPES = ['qrCode', 'wxCode'] as unknown as Array<keyof Taro.scanCode.ScanType>;

/** WeChat's scanner; accepts QR codes and mini-program codes. Cancelling is not an error. */
export function ScanButton({ label, onScanned, onError, testId }: ScanButtonProps) {
  const onScan = async () => {
    try {
      const res = await Taro.scanCode({ scanType: SCAN_TYPES });
      onScanned(res.path || res.result || '');
    } catch (err) {
      const text = String((err as { errMsg?: string } | null)?.errMsg ?? '');
      if (!CANCELLED.test(text)) onError?.('扫码失败，请重试或手动输入');
    }
  };
  return (
    <Button className='nx-big-button' type='primary' fill='outline' onClick={onScan} data-testid={testId}>
      {label}
    </Button>
  );
}
