import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { REJECT_REASONS } from '@nuanxin/shared';
import { Button, Input } from '../../../components/ui';
import { ChoiceChips } from '../../../components/choice-chips';
import type { Application } from '../../../services/memberships';
import { formatDateTime } from '../../../utils/format';

export const ITEM_TEXT = {
  transfer: '会员转移',
  join: '入会申请',
  mobile: '手机',
  idNumber: '身份证',
  employer: '单位/平台',
  occupation: '职业',
  org: '申请加入',
  submittedAt: '提交时间',
  transferReason: '转移原因',
  approve: '通过',
  reject: '不通过',
  rejectTitle: '选择或填写不通过的原因（申请人会看到）',
  rejectPlaceholder: '补充说明，如：请上传与身份证一致的姓名',
  reasonRequired: '请选择或填写不通过的原因',
  reasonTooShort: '原因至少 2 个字',
  confirmReject: '确认不通过',
  cancel: '取消',
};

const REASON_MAX = 300;

/** Preset and free text together: `preset；补充说明`. */
export function composeReason(preset: string | null, extra: string): string {
  return [preset, extra.trim()].filter(Boolean).join('；');
}

export interface ApplicationItemProps {
  app: Application;
  busy: boolean;
  error?: string | null;
  onApprove: () => void;
  onReject: (reason: string) => void;
}

/** One pending application with 通过 / 不通过; 不通过 opens the reason picker, which requires a reason. */
export function ApplicationItem({ app, busy, error, onApprove, onReject }: ApplicationItemProps) {
  const [rejecting, setRejecting] = useState(false);
  const [preset, setPreset] = useState<string | null>(null);
  const [extra, setExtra] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);

  const confirmReject = () => {
    const reason = composeReason(preset, extra);
    if (!reason) return setReasonError(ITEM_TEXT.reasonRequired);
    if (reason.length < 2) return setReasonError(ITEM_TEXT.reasonTooShort);
    setReasonError(null);
    onReject(reason.slice(0, REASON_MAX));
  };

  const rows: Array<[string, string]> = [
    [ITEM_TEXT.mobile, app.mobileMasked],
    [ITEM_TEXT.idNumber, app.idNumberMasked],
    [ITEM_TEXT.employer, app.employer],
    [ITEM_TEXT.occupation, app.occupation],
    [ITEM_TEXT.org, app.org.name],
    [ITEM_TEXT.submittedAt, formatDateTime(app.submittedAt)],
  ];
  if (app.transferReason) rows.push([ITEM_TEXT.transferReason, app.transferReason]);

  return (
    <View className='nx-card application-item' data-testid='application-item' data-id={app.id}>
      <View className='application-item__head'>
        <Text className='application-item__name' data-testid='application-name'>
          {app.name}
        </Text>
        <Text className='application-item__kind'>{app.kind === 'transfer' ? ITEM_TEXT.transfer : ITEM_TEXT.join}</Text>
      </View>
      {rows.map(([key, value]) => (
        <View key={key} className='application-item__row'>
          <Text className='application-item__key'>{key}</Text>
          <Text className='application-item__value'>{value}</Text>
        </View>
      ))}
      {error && (
        <Text className='application-item__error' data-testid='application-error'>
          {error}
        </Text>
      )}

      {rejecting ? (
        <View className='application-item__reject' data-testid='application-reject-panel'>
          <Text className='application-item__reject-title'>{ITEM_TEXT.rejectTitle}</Text>
          <ChoiceChips
            options={REJECT_REASONS}
            value={preset}
            clearable
            onChange={(v) => {
              setPreset(v);
              setReasonError(null);
            }}
            testId='application-reasons'
          />
          <Input
            className='application-item__extra'
            name='reason'
            value={extra}
            maxLength={200}
            placeholder={ITEM_TEXT.rejectPlaceholder}
            onChange={(v) => {
              setExtra(v);
              setReasonError(null);
            }}
          />
          {reasonError && (
            <Text className='application-item__error' data-testid='application-reason-error'>
              {reasonError}
            </Text>
          )}
          <View className='application-item__actions'>
            <Button fill='outline' disabled={busy} onClick={() => setRejecting(false)} data-testid='application-reject-cancel'>
              {ITEM_TEXT.cancel}
            </Button>
            <Button type='danger' loading={busy} disabled={busy} onClick={confirmReject} data-testid='application-reject-confirm'>
              {ITEM_TEXT.confirmReject}
            </Button>
          </View>
        </View>
      ) : (
        <View className='application-item__actions'>
          <Button fill='outline' disabled={busy} onClick={() => setRejecting(true)} data-testid='application-reject'>
            {ITEM_TEXT.reject}
          </Button>
          <Button type='primary' loading={busy} disabled={busy} onClick={onApprove} data-testid='application-approve'>
            {ITEM_TEXT.approve}
          </Button>
        </View>
      )}
    </View>
  );
}
