import { Text, View } from '@tarojs/components';
import { CLAIM_LAW_RULES } from '@nuanxin/shared';
import { Input } from '../../../components/ui';
import { DateField } from '../../../components/date-field';
import { ToggleRow } from '../../../components/toggle-row';
import type { AgreementDraft } from './agreement-rules';
import './agreement-fields.scss';

export const AGREEMENT_TEXT = {
  amount: '约定金额（元）',
  amountPlaceholder: '如 3500',
  dueDate: '约定付款日期',
  pickDate: '点此选择日期',
  instalments: '分期付款',
  instalmentsHint: '按协议分几次付；最后一期的日期就是付款期限',
  instalment: (n: number) => `第 ${n} 期`,
  addInstalment: '加一期',
  remove: '删除',
  followUp: '到期当天会问职工是否已收到；只有职工确认收到的才计入追回金额。',
};

export interface AgreementFieldsProps {
  value: AgreementDraft;
  today: string;
  onChange: (next: AgreementDraft) => void;
}

/** 调解协议: the sum owed, when, and optionally the instalments (each typed in yuan, with its own date). */
export function AgreementFields({ value, today, onChange }: AgreementFieldsProps) {
  const set = (patch: Partial<AgreementDraft>) => onChange({ ...value, ...patch });
  const setRow = (i: number, patch: Partial<AgreementDraft['instalments'][number]>) =>
    set({ instalments: value.instalments.map((row, j) => (j === i ? { ...row, ...patch } : row)) });
  const split = value.instalments.length > 0;

  return (
    <View className='claim-agreement' data-testid='staff-agreement'>
      <Text className='claim-panel__label'>{AGREEMENT_TEXT.amount}</Text>
      <View data-testid='staff-agreement-amount'>
        <Input className='claim-panel__input' name='agreedAmount' type='digit' value={value.amount} maxLength={16} placeholder={AGREEMENT_TEXT.amountPlaceholder} onChange={(v) => set({ amount: v })} />
      </View>
      <ToggleRow
        label={AGREEMENT_TEXT.instalments}
        hint={AGREEMENT_TEXT.instalmentsHint}
        on={split}
        onChange={(on) => set({ instalments: on ? [{ amount: '', dueDate: '' }, { amount: '', dueDate: '' }] : [] })}
        testId='staff-agreement-split'
      />
      {!split && (
        <>
          <Text className='claim-panel__label'>{AGREEMENT_TEXT.dueDate}</Text>
          <DateField value={value.dueDate} start={today} placeholder={AGREEMENT_TEXT.pickDate} onChange={(d) => set({ dueDate: d })} testId='staff-agreement-due' />
        </>
      )}
      {value.instalments.map((row, i) => (
        <View key={i} className='claim-agreement__row' data-testid='staff-agreement-instalment'>
          <View className='claim-agreement__row-head'>
            <Text className='claim-panel__label'>{AGREEMENT_TEXT.instalment(i + 1)}</Text>
            {value.instalments.length > 2 && (
              <Text className='claim-agreement__remove' onClick={() => set({ instalments: value.instalments.filter((_, j) => j !== i) })} data-testid='staff-agreement-remove'>
                {AGREEMENT_TEXT.remove}
              </Text>
            )}
          </View>
          <View data-testid={`staff-agreement-instalment-${i + 1}-amount`}>
            <Input className='claim-panel__input' name={`instalment${i + 1}`} type='digit' value={row.amount} maxLength={16} placeholder={AGREEMENT_TEXT.amountPlaceholder} onChange={(v) => setRow(i, { amount: v })} />
          </View>
          <DateField
            value={row.dueDate}
            start={(i > 0 && value.instalments[i - 1].dueDate) || today}
            placeholder={AGREEMENT_TEXT.pickDate}
            onChange={(d) => setRow(i, { dueDate: d })}
            testId={`staff-agreement-instalment-${i + 1}-due`}
          />
        </View>
      ))}
      {split && value.instalments.length < CLAIM_LAW_RULES.instalmentsMax && (
        <Text className='claim-agreement__add' onClick={() => set({ instalments: [...value.instalments, { amount: '', dueDate: '' }] })} data-testid='staff-agreement-add'>
          {AGREEMENT_TEXT.addInstalment}
        </Text>
      )}
      <Text className='claim-panel__hint'>{AGREEMENT_TEXT.followUp}</Text>
    </View>
  );
}
