import { Text, View } from '@tarojs/components';
import { formatYuan, type CampaignListItem } from '@nuanxin/shared';
import { Button } from './ui-button';
import { Countdown } from './countdown';
import { formatDateTime } from '../utils/format';
import './campaign-card.scss';

export const CAMPAIGN_CARD_TEXT = {
  claim: '立即领取',
  claiming: '领取中…',
  upcoming: '即将开抢',
  countdown: '距开抢',
  soldOut: '已抢光',
  ended: '已结束',
  claimed: '已领取',
  limitReached: '已领满',
  notEligible: '不符合领取条件',
  join: '入会后领取',
  packValue: (v: string) => `券包价值 ${v}`,
  remaining: (left: number, stock: number) => `剩余 ${left} / ${stock} 份`,
  limit: (perMember: number, perDay: number | null) => (perDay ? `每人限领 ${perMember} 份，每天 ${perDay} 份` : `每人限领 ${perMember} 份`),
  mine: (n: number) => `你已领 ${n} 份`,
  modelWorkers: '劳模专享',
  window: (opens: string, closes: string) => `${opens} 开抢，${closes} 截止`,
};

/** What the claim button can do for this caller now. */
export type ClaimButtonState = 'claim' | 'upcoming' | 'sold_out' | 'ended' | 'claimed' | 'limit' | 'not_eligible' | 'join';

/** `member`: false when the caller is known not to be a union member (the button then leads to joining). */
export function claimButtonState(c: CampaignListItem, member: boolean | null): ClaimButtonState {
  if (c.state === 'ended') return 'ended';
  if (c.state === 'sold_out') return c.claimedByMe > 0 ? 'claimed' : 'sold_out';
  if (member === false) return 'join';
  if (!c.eligible) return 'not_eligible';
  if (c.state === 'upcoming') return 'upcoming';
  if (c.claimableByMe <= 0) return c.claimedByMe > 0 && c.claimedByMe >= c.perMemberLimit ? 'claimed' : 'limit';
  return 'claim';
}

const STATIC_LABELS: Record<Exclude<ClaimButtonState, 'claim' | 'join'>, string> = {
  upcoming: CAMPAIGN_CARD_TEXT.upcoming,
  sold_out: CAMPAIGN_CARD_TEXT.soldOut,
  ended: CAMPAIGN_CARD_TEXT.ended,
  claimed: CAMPAIGN_CARD_TEXT.claimed,
  limit: CAMPAIGN_CARD_TEXT.limitReached,
  not_eligible: CAMPAIGN_CARD_TEXT.notEligible,
};

export interface CampaignCardProps {
  campaign: CampaignListItem;
  member: boolean | null;
  /** Server minus phone clock (ms), for the countdown. */
  offsetMs: number;
  busy: boolean;
  onClaim: (c: CampaignListItem) => void;
  onJoin: () => void;
  /** The opening moment arrived: the page flips the card to open (and reloads). */
  onOpened: (c: CampaignListItem) => void;
}

/** One campaign on the 优惠 tab: the pack, value, stock left, limits, and one button that claims it. */
export function CampaignCard({ campaign: c, member, offsetMs, busy, onClaim, onJoin, onOpened }: CampaignCardProps) {
  const state = claimButtonState(c, member);
  return (
    <View className={`campaign-card campaign-card--${c.state}`} data-testid='campaign-card' data-state={c.state} data-button={state}>
      <View className='campaign-card__head'>
        <Text className='campaign-card__title' data-testid='campaign-card-title'>
          {c.title}
        </Text>
        <Text className={`campaign-card__state campaign-card__state--${c.state}`}>{c.stateLabel}</Text>
      </View>
      <Text className='campaign-card__org'>{c.org.name}</Text>
      <View className='campaign-card__lines'>
        {c.items.map((it, i) => (
          <Text key={i} className='campaign-card__line' data-testid='campaign-card-line'>
            {`${it.title} × ${it.count}`}
          </Text>
        ))}
      </View>
      <View className='campaign-card__facts'>
        <Text className='campaign-card__value'>{CAMPAIGN_CARD_TEXT.packValue(formatYuan(c.packValueFen))}</Text>
        <Text className='campaign-card__remaining' data-testid='campaign-card-remaining'>
          {CAMPAIGN_CARD_TEXT.remaining(c.remaining, c.stock)}
        </Text>
      </View>
      <Text className='campaign-card__meta'>
        {CAMPAIGN_CARD_TEXT.limit(c.perMemberLimit, c.perDayLimit)}
        {c.claimedByMe > 0 ? `；${CAMPAIGN_CARD_TEXT.mine(c.claimedByMe)}` : ''}
        {c.modelWorkersOnly ? `；${CAMPAIGN_CARD_TEXT.modelWorkers}` : ''}
      </Text>
      <Text className='campaign-card__meta'>{CAMPAIGN_CARD_TEXT.window(formatDateTime(c.claimOpensAt), formatDateTime(c.claimClosesAt))}</Text>
      {c.state === 'upcoming' && c.opensAt && (
        <Countdown className='campaign-card__countdown' target={c.opensAt} offsetMs={offsetMs} prefix={CAMPAIGN_CARD_TEXT.countdown} onDone={() => onOpened(c)} testId='campaign-card-countdown' />
      )}
      {state === 'claim' ? (
        <Button className='nx-big-button' type='primary' loading={busy} disabled={busy} onClick={() => onClaim(c)} data-testid='campaign-card-claim'>
          {busy ? CAMPAIGN_CARD_TEXT.claiming : CAMPAIGN_CARD_TEXT.claim}
        </Button>
      ) : state === 'join' ? (
        <Button className='nx-big-button' type='primary' fill='outline' onClick={onJoin} data-testid='campaign-card-join'>
          {CAMPAIGN_CARD_TEXT.join}
        </Button>
      ) : (
        <Button className='nx-big-button' disabled data-testid='campaign-card-claim-off'>
          {STATIC_LABELS[state]}
        </Button>
      )}
    </View>
  );
}
