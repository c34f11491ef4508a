import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { CLAIM_HOTLINES, CLAIM_LAW_TEXTS, formatYuan, parseYuan, type AgreementView, type InstalmentView, type PaymentPrompt } from '@nuanxin/shared';
import { FormField } from '../../components/form-field';
import { Button, Input } from '../../components/ui';
import { CallRow } from './call-row';

export const PAYMENT_TEXT = {
  title: '调解协议',
  agreed: '约定金额',
  due: '付款期限',
  recovered: '已确认收到',
  recoveredHint: '只计你确认收到的款项。',
  instalment: (n: number) => `第 ${n} 期`,
  state: {
    scheduled: '未到期',
    asking: '待你确认',
    received: '已收到',
    not_received: '未收到',
  } as Record<InstalmentView['state'], string>,
  ask: (p: PaymentPrompt) => `约定 ${p.dueDate} 支付的 ${formatYuan(p.amountFen)}（第 ${p.seq} 期），你收到了吗？`,
  received: '已收到',
  missed: '未收到',
  partial: '只收到一部分',
  partialLabel: '实际收到多少（元）',
  partialPlaceholder: '如 500 或 500.50',
  partialConfirm: '确认收到这么多',
  partialCancel: '取消',
  partialBad: '请输入收到的金额，如 500 或 500.50',
  partialTooMuch: (fen: number) => `这一期约定 ${formatYuan(fen)}，收到的不能比这多；全部收到请点“已收到”`,
  missedTitle: '确认未收到',
  missedBody: '确认没有收到这笔钱吗？工会将重新办理这件诉求，并告诉你如何申请支付令。',
  orderTitle: '申请支付令',
  orderSteps: '工会已重新受理你的诉求。你也可以带上调解协议书和身份证，到用人单位所在地的基层人民法院申请支付令。',
};

const LEGAL_AID = CLAIM_HOTLINES.find((h) => h.number === '12348') ?? CLAIM_HOTLINES[0];

export interface PaymentCardProps {
  agreement: AgreementView;
  recoveredFen: number | null;
  prompt: PaymentPrompt | null;
  busy: boolean;
  /** `receivedFen`: only part of the instalment came (what counts as recovered); absent = all of it. */
  onAnswer: (received: boolean, receivedFen?: number) => void;
}

/**
 * The agreement's payments and, on a due date, 是否已收到: 已收到 / 未收到 (one tap each, 未收到 confirmed first), or
 * 只收到一部分 with the amount that came (only that counts as recovered).
 */
export function PaymentCard({ agreement, recoveredFen, prompt, busy, onAnswer }: PaymentCardProps) {
  const several = agreement.instalments.length > 1;
  const [partial, setPartial] = useState(false);
  const [amount, setAmount] = useState('');
  const [error, setError] = useState<string | null>(null);
  const confirmPartial = () => {
    if (!prompt) return;
    const fen = parseYuan(amount);
    if (fen === null || fen <= 0) return setError(PAYMENT_TEXT.partialBad);
    if (fen > prompt.amountFen) return setError(PAYMENT_TEXT.partialTooMuch(prompt.amountFen));
    onAnswer(true, fen);
  };
  return (
    <View className='nx-card claim-facts' data-testid='claim-agreement'>
      <Text className='claim-guide__heading'>{PAYMENT_TEXT.title}</Text>
      <View className='claim-facts__row'>
        <Text className='claim-facts__key'>{PAYMENT_TEXT.agreed}</Text>
        <Text className='claim-facts__value' data-testid='claim-agreement-amount'>
          {formatYuan(agreement.amountFen)}
        </Text>
      </View>
      <View className='claim-facts__row'>
        <Text className='claim-facts__key'>{PAYMENT_TEXT.due}</Text>
        <Text className='claim-facts__value'>{agreement.dueDate}</Text>
      </View>
      <View className='claim-facts__row'>
        <Text className='claim-facts__key'>{PAYMENT_TEXT.recovered}</Text>
        <Text className='claim-facts__value' data-testid='claim-agreement-recovered'>
          {formatYuan(recoveredFen ?? 0)}
        </Text>
      </View>
      <Text className='claim-panel__hint'>{PAYMENT_TEXT.recoveredHint}</Text>
      {several &&
        agreement.instalments.map((i) => (
          <View key={i.id} className='claim-facts__row' data-testid='claim-agreement-instalment' data-state={i.state}>
            <Text className='claim-facts__key'>{PAYMENT_TEXT.instalment(i.seq)}</Text>
            <Text className='claim-facts__value'>
              {`${formatYuan(i.amountFen)} · ${i.dueDate} · ${PAYMENT_TEXT.state[i.state]}${i.state === 'received' && i.receivedFen !== null && i.receivedFen !== i.amountFen ? ` ${formatYuan(i.receivedFen)}` : ''}`}
            </Text>
          </View>
        ))}
      {prompt && (
        <View className='claim-tier claim-tier--asking' data-testid='claim-payment-prompt'>
          <Text className='claim-tier__prompt-title'>{PAYMENT_TEXT.ask(prompt)}</Text>
          <View className='claim-panel__actions'>
            <Button fill='outline' disabled={busy} onClick={() => onAnswer(false)} data-testid='claim-payment-missed'>
              {PAYMENT_TEXT.missed}
            </Button>
            <Button type='primary' loading={busy} disabled={busy} onClick={() => onAnswer(true)} data-testid='claim-payment-received'>
              {PAYMENT_TEXT.received}
            </Button>
          </View>
          {!partial && (
            <Button className='nx-big-button' fill='outline' disabled={busy} onClick={() => setPartial(true)} data-testid='claim-payment-partial'>
              {PAYMENT_TEXT.partial}
            </Button>
          )}
          {partial && (
            <View data-testid='claim-payment-partial-form'>
              <FormField label={PAYMENT_TEXT.partialLabel} error={error} testId='claim-payment-partial-amount'>
                <Input
                  name='receivedYuan'
                  type='digit'
                  value={amount}
                  maxLength={16}
                  placeholder={PAYMENT_TEXT.partialPlaceholder}
                  onChange={(v) => {
                    setAmount(v);
                    setError(null);
                  }}
                />
              </FormField>
              <View className='claim-panel__actions'>
                <Button fill='outline' disabled={busy} onClick={() => setPartial(false)}>
                  {PAYMENT_TEXT.partialCancel}
                </Button>
                <Button type='primary' loading={busy} disabled={busy} onClick={confirmPartial} data-testid='claim-payment-partial-confirm'>
                  {PAYMENT_TEXT.partialConfirm}
                </Button>
              </View>
            </View>
          )}
        </View>
      )}
    </View>
  );
}

/** Art. 16: after 未收到, how to apply to a court for a payment order (支付令); plainly, with legal aid one tap away. */
export function PaymentOrderGuide() {
  return (
    <View className='nx-card claim-guide' data-testid='claim-payment-order'>
      <Text className='claim-guide__title'>{PAYMENT_TEXT.orderTitle}</Text>
      <Text className='claim-guide__text'>{PAYMENT_TEXT.orderSteps}</Text>
      <Text className='claim-guide__law'>{CLAIM_LAW_TEXTS.art16}</Text>
      <CallRow label={LEGAL_AID.label} phone={LEGAL_AID.number} testId='claim-payment-order-call' />
    </View>
  );
}
