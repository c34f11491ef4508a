import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ErrorCode, type CampaignListItem, type MerchantNearbyItem } from '@nuanxin/shared';
import { CampaignCard } from '../../components/campaign-card';
import { EntryRow } from '../../components/entry-row';
import { LoginPrompt, RetryCard } from '../../components/page-states';
import { formatDistance } from '../../components/station-format';
import { BENEFIT_ROUTES } from '../../components/benefit-routes';
import { createActionKeys } from '../../services/action-keys';
import { claimCampaign, fetchCampaigns, fetchNearbyMerchants } from '../../services/benefits';
import { ApiError } from '../../services/http';
import { fetchCardIfMember } from '../../services/memberships';
import { ROUTES } from '../../routes';
import { errorMessage } from '../../utils/error-message';
import { toastDone } from '../../utils/feedback';
import { serverOffsetMs } from '../../utils/server-clock';
import { useLoadOnShow } from '../../utils/use-page-visible';
import { useLoggedIn } from '../../utils/use-session';
import { useUnreadBadge } from '../../utils/use-unread-badge';
import { locate } from '../stations/locate';
import './index.scss';

export const BENEFITS_TEXT = {
  wallet: '我的券',
  walletHint: '可使用、已使用、已过期的券，到店出示券码',
  notMemberTitle: '入会后才能领取会员优惠',
  notMemberBody: '工会会员可以领取工会发放的消费券，在合作商户使用。',
  join: '申请入会',
  open: '抢券中',
  upcoming: '即将开抢',
  over: '已抢光 / 已结束',
  none: '暂时没有优惠活动，过几天再来看看',
  loading: '正在加载优惠活动…',
  failed: '加载失败，请检查网络后下拉刷新',
  claimed: '领取成功',
  claimFailed: '领取失败，请检查网络后重试',
  toWallet: '券已放入「我的券」，到店出示券码即可使用',
  merchants: '附近的合作商户',
  merchantsLocating: '正在获取你的位置…',
  merchantsPrivacy: '位置只用于这一次查询，不会被保存',
  merchantsNone: '附近暂时没有合作商户',
  merchantsNoLocation: '没有拿到你的位置，暂时无法列出附近的合作商户',
  loginTitle: '登录后领取会员优惠',
  loginBody: '工会会员可以领取消费券，在合作商户到店使用。',
  login: '登录',
};

/** Claim refusals that are an answer, not a failure: the card changes and a calm toast says why. */
const CALM: ReadonlySet<string> = new Set([ErrorCode.COUPON_SOLD_OUT, ErrorCode.COUPON_LIMIT_REACHED, ErrorCode.COUPON_DAILY_LIMIT, ErrorCode.CAMPAIGN_ENDED, ErrorCode.CAMPAIGN_NOT_OPEN, ErrorCode.NOT_ELIGIBLE]);

function afterRefusal(c: CampaignListItem, code: string): CampaignListItem {
  if (code === ErrorCode.COUPON_SOLD_OUT) return { ...c, state: 'sold_out', stateLabel: '已抢光', remaining: 0 };
  if (code === ErrorCode.COUPON_LIMIT_REACHED || code === ErrorCode.COUPON_DAILY_LIMIT) return { ...c, claimableByMe: 0 };
  if (code === ErrorCode.CAMPAIGN_ENDED) return { ...c, state: 'ended', stateLabel: '已结束' };
  if (code === ErrorCode.NOT_ELIGIBLE) return { ...c, eligible: false };
  return c;
}

type Merchants = MerchantNearbyItem[] | 'locating' | 'no-location';

/** 优惠 tab: campaigns open now, starting soon (a countdown) and sold out; 领取 in one tap; 我的券; nearby partner merchants. */
export default function BenefitsPage() {
  useUnreadBadge();
  const loggedIn = useLoggedIn();
  const [campaigns, setCampaigns] = useState<CampaignListItem[] | null>(null);
  const [offsetMs, setOffsetMs] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [member, setMember] = useState<boolean | null>(null);
  const [claiming, setClaiming] = useState<string | null>(null);
  const [merchants, setMerchants] = useState<Merchants>('locating');
  const keys = useRef(createActionKeys()).current;
  const seq = useRef(0);

  const load = useCallback(async () => {
    if (!loggedIn) return;
    const mine = ++seq.current;
    fetchCardIfMember().then(
      (card) => setMember(card !== null),
      () => undefined,
    );
    try {
      const page = await fetchCampaigns();
      if (mine !== seq.current) return;
      setOffsetMs(serverOffsetMs(page.serverTime));
      setCampaigns(page.items);
      setError(null);
    } catch (err) {
      if (mine === seq.current) setError(errorMessage(err, BENEFITS_TEXT.failed));
    }
  }, [loggedIn]);

  useLoadOnShow(() => {
    load();
  });
  useEffect(() => {
    load();
  }, [load]);
  usePullDownRefresh(() => {
    load().finally(() => Taro.stopPullDownRefresh());
  });

  // The position is used for this one query and never stored. Signed out, the page shows only 登录: no
  // location prompt and no request the server would refuse (401).
  useEffect(() => {
    if (!loggedIn) return;
    let alive = true;
    locate()
      .then((here) => fetchNearbyMerchants(here))
      .then(
        (items) => alive && setMerchants(items),
        () => alive && setMerchants('no-location'),
      );
    return () => {
      alive = false;
    };
  }, [loggedIn]);

  const replace = (next: CampaignListItem) => setCampaigns((list) => (list ? list.map((x) => (x.id === next.id ? next : x)) : list));

  const claim = async (c: CampaignListItem) => {
    if (claiming) return;
    setClaiming(c.id);
    const action = `claim:${c.id}`;
    try {
      const res = await claimCampaign(c.id, keys.keyFor(action, null));
      keys.settle(action);
      replace({ ...c, remaining: res.remaining, claimedByMe: res.claimedByMe, claimableByMe: res.claimableByMe, ...(res.remaining <= 0 ? { state: 'sold_out', stateLabel: '已抢光' } : {}) });
      toastDone(BENEFITS_TEXT.claimed);
    } catch (err) {
      keys.settle(action, err);
      const code = err instanceof ApiError ? err.code : '';
      if (code === ErrorCode.NOT_A_MEMBER) setMember(false);
      else if (CALM.has(code)) replace(afterRefusal(c, code));
      Taro.showToast({ title: errorMessage(err, BENEFITS_TEXT.claimFailed), icon: 'none', duration: 2500 }).catch(() => undefined);
    } finally {
      setClaiming(null);
    }
  };

  // The opening moment on the server's clock: flip the card to open at once, then ask for the real state.
  const opened = (c: CampaignListItem) => {
    replace({ ...c, state: 'open', stateLabel: '抢券中' });
    load();
  };

  const join = () => Taro.navigateTo({ url: ROUTES.join });

  if (!loggedIn) {
    return (
      <View className='nx-page benefits-page' data-testid='benefits-page'>
        <LoginPrompt title={BENEFITS_TEXT.loginTitle} body={BENEFITS_TEXT.loginBody} button={BENEFITS_TEXT.login} testId='benefits-login' />
      </View>
    );
  }

  const sections: Array<{ key: string; title: string; items: CampaignListItem[] }> = campaigns
    ? [
        { key: 'open', title: BENEFITS_TEXT.open, items: campaigns.filter((c) => c.state === 'open') },
        { key: 'upcoming', title: BENEFITS_TEXT.upcoming, items: campaigns.filter((c) => c.state === 'upcoming') },
        { key: 'over', title: BENEFITS_TEXT.over, items: campaigns.filter((c) => c.state === 'sold_out' || c.state === 'ended') },
      ].filter((s) => s.items.length > 0)
    : [];

  return (
    <View className='nx-page benefits-page' data-testid='benefits-page'>
      <View className='benefits-page__entries'>
        <EntryRow title={BENEFITS_TEXT.wallet} description={BENEFITS_TEXT.walletHint} onClick={() => Taro.navigateTo({ url: BENEFIT_ROUTES.wallet })} testId='benefits-wallet' />
      </View>
      {member === false && (
        <View className='nx-card benefits-page__join' data-testid='benefits-not-member'>
          <Text className='nx-title'>{BENEFITS_TEXT.notMemberTitle}</Text>
          <Text className='nx-text'>{BENEFITS_TEXT.notMemberBody}</Text>
          <View className='benefits-page__join-button'>
            <EntryRow title={BENEFITS_TEXT.join} onClick={join} testId='benefits-join' />
          </View>
        </View>
      )}
      {error && <RetryCard message={error} onRetry={load} testId='benefits-error' />}
      {!campaigns && !error && <Text className='nx-text'>{BENEFITS_TEXT.loading}</Text>}
      {campaigns && campaigns.length === 0 && (
        <View className='nx-card' data-testid='benefits-empty'>
          <Text className='nx-text'>{BENEFITS_TEXT.none}</Text>
        </View>
      )}
      {sections.map((s) => (
        <View key={s.key} className='benefits-page__section' data-testid={`benefits-section-${s.key}`}>
          <Text className='benefits-page__heading'>{s.title}</Text>
          {s.items.map((c) => (
            <CampaignCard key={c.id} campaign={c} member={member} offsetMs={offsetMs} busy={claiming === c.id} onClaim={claim} onJoin={join} onOpened={opened} />
          ))}
        </View>
      ))}
      <View className='benefits-page__section' data-testid='benefits-merchants'>
        <Text className='benefits-page__heading'>{BENEFITS_TEXT.merchants}</Text>
        <Text className='benefits-page__where'>{merchants === 'locating' ? BENEFITS_TEXT.merchantsLocating : merchants === 'no-location' ? BENEFITS_TEXT.merchantsNoLocation : BENEFITS_TEXT.merchantsPrivacy}</Text>
        {Array.isArray(merchants) && merchants.length === 0 && <Text className='nx-text'>{BENEFITS_TEXT.merchantsNone}</Text>}
        {Array.isArray(merchants) &&
          merchants.map((m) => (
            <View key={m.id} className='benefits-merchant' data-testid='benefits-merchant'>
              <View className='benefits-merchant__head'>
                <Text className='benefits-merchant__name'>{m.name}</Text>
                <Text className='benefits-merchant__distance'>{formatDistance(m.distanceMeters)}</Text>
              </View>
              <Text className='benefits-merchant__meta'>{`${m.categoryLabel} · ${m.address}`}</Text>
            </View>
          ))}
      </View>
    </View>
  );
}
