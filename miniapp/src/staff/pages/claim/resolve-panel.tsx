import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { CLAIM_OUTCOMES, formatYuan, parseYuan } from '@nuanxin/shared';
import { Input } from '../../../components/ui';
import { ClaimPanelActions } from '../../../components/claim-panel-actions';
import { ChoiceChips } from '../../../components/choice-chips';
import { ClaimTextarea } from '../../../components/claim-textarea';
import { ToggleRow } from '../../../components/toggle-row';
import type { ResolveRequest } from '../../../services/claims';
import { AgreementFields } from './agreement-fields';
import { beijingToday, EMPTY_AGREEMENT, toAgreement, type AgreementDraft } from './agreement-rules';

/** 职工撤回 is the worker's own ending, never an officer's; 经仲裁或诉讼处理 only ends a claim guided there (tier 3). */
const MEDIATION_OUTCOMES = CLAIM_OUTCOMES.filter((o) => o.code !== 'withdrawn' && o.code !== 'arbitrated');
const TIER3_OUTCOMES = CLAIM_OUTCOMES.filter((o) => o.code === 'arbitrated');
const SUMMARY_MIN = 2;
const SUMMARY_MAX = 500;

export const RESOLVE_TEXT = {
  title: '办结',
  hint: '办结后职工可以评价；7 天内未评价自动关闭。',
  tier3Title: '记录仲裁/诉讼结果',
  tier3Hint: '职工已选择申请仲裁。拿到仲裁或法院的结果后在这里记录，诉求随之办结。',
  owed: '达成调解协议，还有款项待支付',
  owedHint: '记录约定金额和付款日期，到期后跟进职工是否收到',
  outcome: '办理结果',
  amount: '追回金额（元，可选）',
  amountPlaceholder: '如 3500',
  amountPreview: (yuan: string) => `将记为 ${yuan}`,
  summary: '办理情况（职工可见）',
  summaryPlaceholder: '如：经调解，站点同意 11 月 30 日前补发工资',
  submit: '确认办结',
  cancel: '取消',
  pickOutcome: '请选择办理结果',
  badAmount: '金额请填数字，最多两位小数，如 3500 或 3500.50',
  negative: '追回金额不能为负',
  shortSummary: `请填写办理情况（至少 ${SUMMARY_MIN} 个字）`,
};

export interface ResolvePanelProps {
  /** Tier 3 (已引导仲裁): the officer records the arbitration or court outcome. */
  tier3?: boolean;
  busy: boolean;
  onSubmit: (body: ResolveRequest) => Promise<boolean>;
  onCancel: () => void;
}

/** The outcome, the amount recovered (typed in yuan, sent in fen) and what was done. */
export function ResolvePanel({ tier3 = false, busy, onSubmit, onCancel }: ResolvePanelProps) {
  const outcomes = tier3 ? TIER3_OUTCOMES : MEDIATION_OUTCOMES;
  const [outcome, setOutcome] = useState<ResolveRequest['outcome'] | null>(tier3 ? 'arbitrated' : null);
  const [owed, setOwed] = useState(false);
  const [agreement, setAgreement] = useState<AgreementDraft>(EMPTY_AGREEMENT);
  const today = beijingToday();
  const withAgreement = outcome === 'mediated' && owed;
  const [amount, setAmount] = useState('');
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<string | null>(null);

  const trimmed = amount.trim().replace(/,/g, '');
  const fen = trimmed ? parseYuan(trimmed) : undefined;

  const submit = () => {
    if (!outcome) return setError(RESOLVE_TEXT.pickOutcome);
    if (withAgreement) {
      const checked = toAgreement(agreement, today);
      if ('problem' in checked) return setError(checked.problem);
      if (summary.trim().length < SUMMARY_MIN) return setError(RESOLVE_TEXT.shortSummary);
      setError(null);
      // Money agreed is not money recovered: that counts only once the worker confirms each payment.
      return onSubmit({ outcome, summary: summary.trim(), agreement: checked.agreement });
    }
    if (fen === null) return setError(RESOLVE_TEXT.badAmount);
    if (typeof fen === 'number' && fen < 0) return setError(RESOLVE_TEXT.negative);
    if (summary.trim().length < SUMMARY_MIN) return setError(RESOLVE_TEXT.shortSummary);
    setError(null);
    onSubmit({ outcome, ...(typeof fen === 'number' ? { amountRecoveredFen: fen } : {}), summary: summary.trim() });
  };

  return (
    <View className='nx-card claim-panel' data-testid='staff-resolve-panel'>
      <Text className='claim-panel__title'>{tier3 ? RESOLVE_TEXT.tier3Title : RESOLVE_TEXT.title}</Text>
      <Text className='claim-panel__hint'>{tier3 ? RESOLVE_TEXT.tier3Hint : RESOLVE_TEXT.hint}</Text>
      <Text className='claim-panel__label'>{RESOLVE_TEXT.outcome}</Text>
      <ChoiceChips
        options={outcomes.map((o) => o.label)}
        value={outcomes.find((o) => o.code === outcome)?.label ?? null}
        onChange={(label) => {
          setOutcome((outcomes.find((o) => o.label === label)?.code as ResolveRequest['outcome'] | undefined) ?? null);
          setError(null);
        }}
        testId='staff-resolve-outcome'
      />
      {outcome === 'mediated' && (
        <ToggleRow
          label={RESOLVE_TEXT.owed}
          hint={RESOLVE_TEXT.owedHint}
          on={owed}
          onChange={(on) => {
            setOwed(on);
            setError(null);
          }}
          testId='staff-resolve-owed'
        />
      )}
      {withAgreement && (
        <AgreementFields
          value={agreement}
          today={today}
          onChange={(next) => {
            setAgreement(next);
            setError(null);
          }}
        />
      )}
      {!withAgreement && (
        <>
          <Text className='claim-panel__label'>{RESOLVE_TEXT.amount}</Text>
          <View data-testid='staff-resolve-amount'>
            <Input
              className='claim-panel__input'
              name='amountRecovered'
              type='digit'
              value={amount}
              maxLength={16}
              placeholder={RESOLVE_TEXT.amountPlaceholder}
              onChange={(v) => {
                setAmount(v);
                setError(null);
              }}
            />
          </View>
        </>
      )}
      {!withAgreement && typeof fen === 'number' && fen > 0 && (
        <Text className='claim-panel__hint' data-testid='staff-resolve-amount-preview'>
          {RESOLVE_TEXT.amountPreview(formatYuan(fen))}
        </Text>
      )}
      <Text className='claim-panel__label'>{RESOLVE_TEXT.summary}</Text>
      <View className='claim-panel__text' data-testid='staff-resolve-summary'>
        <ClaimTextarea
          name='summary'
          value={summary}
          maxLength={SUMMARY_MAX}
          rows={3}
          placeholder={RESOLVE_TEXT.summaryPlaceholder}
          onChange={(v) => {
            setSummary(v);
            setError(null);
          }}
        />
      </View>
      <ClaimPanelActions
        error={error}
        errorTestId='staff-resolve-error'
        busy={busy}
        cancelLabel={RESOLVE_TEXT.cancel}
        onCancel={onCancel}
        submitLabel={RESOLVE_TEXT.submit}
        onSubmit={submit}
        submitTestId='staff-resolve-submit'
      />
    </View>
  );
}
