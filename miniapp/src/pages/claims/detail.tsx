import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { CLAIM_RULES, type ClaimAction } from '@nuanxin/shared';
import { Button } from '../../components/ui';
import { ClaimActionErrorBox } from '../../components/claim-action-error';
import { ClaimFacts } from '../../components/claim-facts';
import { ClaimPhotos } from '../../components/claim-photos';
import { ClaimSummary } from '../../components/claim-summary';
import { ClaimTextPanel } from '../../components/claim-text-panel';
import { ClaimTimeline } from '../../components/claim-timeline';
import { useClaimDetail } from '../../components/claim-use-detail';
import { DetailPending } from '../../components/page-states';
import { addClaimMessage, answerPayment, applyArbitration, continueMediation, rateClaim, reopenClaim, withdrawClaim } from '../../services/claims';
import { usePageParams } from '../../utils/use-session';
import { ArbitrationGuideCard } from './arbitration-guide';
import { PAYMENT_TEXT, PaymentCard, PaymentOrderGuide } from './payment-card';
import { RATING_PANEL_ID, RatingPanel } from './rating-panel';
import { TIER_TEXT, TierCard } from './tier-card';
import './claims.scss';

export const DETAIL_TEXT = {
  photos: '证据照片',
  timeline: '办理进度',
  message: '补充说明',
  messageHint: '补充的情况和证据说明会发给办理的工会。',
  messagePlaceholder: '如：站长答应月底结清，但至今没有发',
  messageSend: '发送',
  withdraw: '撤回',
  withdrawTitle: '撤回诉求',
  withdrawBody: '撤回后工会将停止办理，确定撤回吗？',
  rate: '评价',
  reopen: '重新办理',
  reopenRule: `对结果不满意：评分 ${CLAIM_RULES.reopenMaxScore} 分及以下、办结 ${CLAIM_RULES.ratingWindowDays} 天内，可以申请重新办理，限一次。`,
  reopenTitle: '重新办理',
  reopenBody: '工会将重新受理这件诉求，确定申请吗？',
};

type Panel = 'message' | 'rate' | null;

/** `rate=1…5` from a star tapped in 我的诉求 (0: open the panel with no star); anything else is ignored. */
function presetScore(param: string | undefined): number | null {
  if (param === undefined || !/^[0-5]$/.test(param)) return null;
  return Number(param);
}

/** 诉求详情 for the worker: facts, photos, the timeline, and what they may do now (from `actions`). */
export default function ClaimDetailPage() {
  const { id, rate } = usePageParams();
  const { claim, loadError, actionError, busy, run, refresh } = useClaimDetail(id);
  const [panel, setPanel] = useState<Panel>(null);
  const [initialScore, setInitialScore] = useState(0);
  // Applied once, when the claim first arrives: later reloads must not reopen a panel the worker closed.
  const preset = useRef(presetScore(rate));
  const scrollToRating = useRef(false);

  useEffect(() => {
    if (!claim || preset.current === null) return;
    if (claim.actions.includes('rate')) {
      setInitialScore(preset.current);
      setPanel('rate');
      scrollToRating.current = true;
    }
    preset.current = null;
  }, [claim]);

  useEffect(() => {
    if (panel !== 'rate' || !scrollToRating.current) return;
    scrollToRating.current = false;
    // After the panel reaches the view layer (on weapp that is a setData later than this effect).
    Taro.nextTick(() => {
      Promise.resolve(Taro.pageScrollTo({ selector: `#${RATING_PANEL_ID}`, duration: 300 })).catch(() => undefined);
    });
  }, [panel]);

  if (!claim) return <DetailPending loadError={loadError} canRetry={!!id} onRetry={refresh} testId='claim' className='claims-page' />;

  const can = (a: ClaimAction) => claim.actions.includes(a);
  const canReopen = claim.canReopen && can('reopen');

  const confirm = async (title: string, content: string) => (await Taro.showModal({ title, content })).confirm;

  const onWithdraw = async () => {
    if (await confirm(DETAIL_TEXT.withdrawTitle, DETAIL_TEXT.withdrawBody)) await run('withdraw', {}, (key) => withdrawClaim(claim.id, key));
  };
  const onReopen = async () => {
    if (await confirm(DETAIL_TEXT.reopenTitle, DETAIL_TEXT.reopenBody)) await run('reopen', {}, (key) => reopenClaim(claim.id, key));
  };
  const onContinue = () => run('continue_mediation', {}, (key) => continueMediation(claim.id, key));
  const onArbitrate = async () => {
    if (await confirm(TIER_TEXT.arbitrateTitle, TIER_TEXT.arbitrateBody)) await run('apply_arbitration', {}, (key) => applyArbitration(claim.id, key));
  };
  const onPayment = async (received: boolean, receivedFen?: number) => {
    const prompt = claim.paymentPrompt;
    if (!prompt) return;
    if (!received && !(await confirm(PAYMENT_TEXT.missedTitle, PAYMENT_TEXT.missedBody))) return;
    const body = { instalmentId: prompt.instalmentId, received, ...(receivedFen === undefined ? {} : { receivedFen }) };
    await run('payment', body, (key) => answerPayment(claim.id, body, key));
  };
  const toggle = (p: Panel) => setPanel((open) => (open === p ? null : p));

  return (
    <View className='nx-page claims-page' data-testid='claim-detail'>
      <ClaimSummary claim={claim} testId='claim-summary' explainEstimate />
      <TierCard claim={claim} busy={busy} onContinue={onContinue} onArbitrate={onArbitrate} />
      {claim.status === 'arbitration' && <ArbitrationGuideCard claimId={claim.id} />}
      {claim.paymentMissedAt && <PaymentOrderGuide />}
      {claim.agreement && (
        <PaymentCard agreement={claim.agreement} recoveredFen={claim.recoveredFen ?? null} prompt={claim.paymentPrompt ?? null} busy={busy === 'payment'} onAnswer={onPayment} />
      )}
      <ClaimFacts claim={claim} viewer='worker' />
      {claim.attachmentIds.length > 0 && (
        <View className='nx-card'>
          <Text className='claim-facts__section'>{DETAIL_TEXT.photos}</Text>
          <ClaimPhotos ids={claim.attachmentIds} />
        </View>
      )}
      <Text className='claim-facts__section'>{DETAIL_TEXT.timeline}</Text>
      <ClaimTimeline events={claim.timeline} viewer='worker' />

      <ClaimActionErrorBox error={actionError} onRefresh={refresh} />

      {panel === 'message' && can('message') && (
        <ClaimTextPanel
          title={DETAIL_TEXT.message}
          hint={DETAIL_TEXT.messageHint}
          placeholder={DETAIL_TEXT.messagePlaceholder}
          submitLabel={DETAIL_TEXT.messageSend}
          max={1000}
          busy={busy === 'message'}
          onSubmit={async (text) => {
            const ok = await run('message', { text }, (key) => addClaimMessage(claim.id, text, key));
            if (ok) setPanel(null);
            return ok;
          }}
          onCancel={() => setPanel(null)}
          testId='claim-message-panel'
        />
      )}
      {panel === 'rate' && can('rate') && (
        <RatingPanel
          initialScore={initialScore}
          busy={busy === 'rate'}
          onSubmit={async (score, comment) => {
            const body = comment ? { score, comment } : { score };
            const ok = await run('rate', body, (key) => rateClaim(claim.id, body, key));
            if (ok) setPanel(null);
            return ok;
          }}
          onCancel={() => setPanel(null)}
        />
      )}
      {canReopen && (
        <View className='nx-card claim-reopen' data-testid='claim-reopen-rule'>
          <Text className='nx-text'>{DETAIL_TEXT.reopenRule}</Text>
        </View>
      )}

      <View className='claim-actions'>
        {can('rate') && (
          <Button
            type='primary'
            onClick={() => {
              setInitialScore(0);
              toggle('rate');
            }}
            data-testid='claim-action-rate'
          >
            {DETAIL_TEXT.rate}
          </Button>
        )}
        {can('message') && (
          <Button type='primary' fill='outline' onClick={() => toggle('message')} data-testid='claim-action-message'>
            {DETAIL_TEXT.message}
          </Button>
        )}
        {canReopen && (
          <Button type='primary' loading={busy === 'reopen'} disabled={Boolean(busy)} onClick={onReopen} data-testid='claim-action-reopen'>
            {DETAIL_TEXT.reopen}
          </Button>
        )}
        {can('withdraw') && (
          <Button fill='outline' loading={busy === 'withdraw'} disabled={Boolean(busy)} onClick={onWithdraw} data-testid='claim-action-withdraw'>
            {DETAIL_TEXT.withdraw}
          </Button>
        )}
      </View>
    </View>
  );
}
