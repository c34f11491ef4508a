import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Input } from './ui';
import { ClaimPanelActions } from './claim-panel-actions';
import { ScanButton } from './scan-button';
import './claim-panel.scss';

export const PICKUP_TEXT = {
  title: '确认领取',
  hint: '请心愿人打开「我的 → 会员卡」，扫描会员码；会员码必须是这个心愿的心愿人本人的。无法扫码时，可粘贴会员码内容。',
  scan: '扫描会员码',
  token: '会员码内容',
  tokenPlaceholder: '粘贴会员码内容',
  empty: '请先扫描或粘贴心愿人的会员码',
  cancel: '取消',
  submit: '核验并确认领取',
};

/** 确认领取 at the station: the wisher's member-card QR (scanned on weapp, pasted on H5) goes with the pickup. */
export function WishPickupPanel({ busy, onSubmit, onCancel, testId = 'wish-pickup' }: { busy: boolean; onSubmit: (cardToken: string) => void; onCancel: () => void; testId?: string }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (raw: string) => {
    const value = raw.trim();
    if (!value) return setError(PICKUP_TEXT.empty);
    setError(null);
    onSubmit(value);
  };

  return (
    <View className='nx-card claim-panel' data-testid={testId}>
      <Text className='claim-panel__title'>{PICKUP_TEXT.title}</Text>
      <Text className='claim-panel__hint'>{PICKUP_TEXT.hint}</Text>
      <ScanButton
        label={PICKUP_TEXT.scan}
        onScanned={(text) => {
          setToken(text);
          submit(text);
        }}
        onError={setError}
        testId={`${testId}-scan`}
      />
      <Text className='claim-panel__label'>{PICKUP_TEXT.token}</Text>
      <View data-testid={`${testId}-token`}>
        <Input className='claim-panel__input' name='cardToken' value={token} maxLength={1000} placeholder={PICKUP_TEXT.tokenPlaceholder} onChange={setToken} />
      </View>
      <ClaimPanelActions
        error={error}
        errorTestId={`${testId}-error`}
        busy={busy}
        cancelLabel={PICKUP_TEXT.cancel}
        onCancel={onCancel}
        cancelTestId={`${testId}-cancel`}
        submitLabel={PICKUP_TEXT.submit}
        onSubmit={() => submit(token)}
        submitTestId={`${testId}-submit`}
      />
    </View>
  );
}
