import { Text, View } from '@tarojs/components';
import { CLAIM_LAW_TEXTS, OPEN_CLAIM_STATUSES } from '@nuanxin/shared';
import { Button } from '../../components/ui';
import { tierLabel } from '../../components/claim-labels';
import type { Claim } from '../../services/claims';
import { formatDate } from '../../utils/format';

export const TIER_TEXT = {
  title: '办理层级',
  about: {
    1: '由工会调解，一般受理后 3 个工作日内调解完毕。',
    2: '疑难或超期的诉求，由联动调处中心（人社、司法、工会等部门联合）调解，一般 20 个工作日内调解完毕。',
    3: '你已选择申请劳动仲裁，下方有仲裁机构和需要准备的材料。',
  } as Record<number, string>,
  rightDate: '可申请仲裁日期',
  notYet: (date: string) => `从 ${date} 起，如果还没有达成调解协议，你可以申请劳动仲裁，也可以继续调解。`,
  promptTitle: '调解已满 15 天，由你决定',
  prompt: '调解组织收到你的申请已满 15 天，还没有达成调解协议。你可以申请劳动仲裁；继续调解需要你同意。',
  consented: (date: string) => `你已于 ${date} 同意继续调解。想申请仲裁的话，随时可以点「申请仲裁」。`,
  continue: '继续调解',
  arbitrate: '申请仲裁',
  arbitrateTitle: '申请仲裁',
  arbitrateBody: '选择申请仲裁后，调解不再继续，页面会给出仲裁委员会的地址、电话和要准备的材料。确定吗？',
};

export interface TierCardProps {
  claim: Claim;
  busy: string | null;
  onContinue: () => void;
  onArbitrate: () => void;
}

/** Where the claim is in the tiers, the art. 14 date, and on day 15 the worker's choice: 继续调解 or 申请仲裁. */
export function TierCard({ claim, busy, onContinue, onArbitrate }: TierCardProps) {
  // Once handled (resolved, transferred, closed, withdrawn) the tier and its dates no longer run.
  if (!claim.handlingTier || !OPEN_CLAIM_STATUSES.includes(claim.status)) return null;
  const prompt = claim.arbitrationPrompt ?? 'none';
  const date = claim.arbitrationRightDate;
  const can = (a: 'continue_mediation' | 'apply_arbitration') => claim.actions.includes(a);
  const asking = prompt === 'pending' || prompt === 'consented';

  return (
    <View className={`nx-card claim-tier${prompt === 'pending' ? ' claim-tier--asking' : ''}`} data-testid='claim-tier'>
      <Text className='claim-guide__heading'>{TIER_TEXT.title}</Text>
      <Text className='claim-tier__label' data-testid='claim-tier-label'>
        {tierLabel(claim.handlingTier)}
      </Text>
      <Text className='claim-guide__text'>{TIER_TEXT.about[claim.handlingTier]}</Text>
      {date && claim.handlingTier < 3 && (
        <View className='claim-facts__row'>
          <Text className='claim-facts__key'>{TIER_TEXT.rightDate}</Text>
          <Text className='claim-facts__value' data-testid='claim-tier-right-date'>
            {date}
          </Text>
        </View>
      )}
      {prompt === 'not_yet' && date && (
        <Text className='claim-guide__text' data-testid='claim-tier-not-yet'>
          {TIER_TEXT.notYet(date)}
        </Text>
      )}
      {prompt === 'pending' && (
        <View data-testid='claim-tier-prompt'>
          <Text className='claim-tier__prompt-title'>{TIER_TEXT.promptTitle}</Text>
          <Text className='claim-guide__text'>{TIER_TEXT.prompt}</Text>
        </View>
      )}
      {prompt === 'consented' && claim.continuedMediationConsentAt && (
        <Text className='claim-guide__text' data-testid='claim-tier-consented'>
          {TIER_TEXT.consented(formatDate(claim.continuedMediationConsentAt))}
        </Text>
      )}
      {asking && (
        <>
          <Text className='claim-guide__law' data-testid='claim-tier-art14'>
            {CLAIM_LAW_TEXTS.art14}
          </Text>
          <View className='claim-panel__actions'>
            {prompt === 'pending' && can('continue_mediation') && (
              <Button fill='outline' loading={busy === 'continue_mediation'} disabled={Boolean(busy)} onClick={onContinue} data-testid='claim-action-continue'>
                {TIER_TEXT.continue}
              </Button>
            )}
            {can('apply_arbitration') && (
              <Button type='primary' loading={busy === 'apply_arbitration'} disabled={Boolean(busy)} onClick={onArbitrate} data-testid='claim-action-arbitrate'>
                {TIER_TEXT.arbitrate}
              </Button>
            )}
          </View>
        </>
      )}
    </View>
  );
}
