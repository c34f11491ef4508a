import { useEffect, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { COUPON_STATUSES, COUPON_STATUS_LABELS, type CouponStatus, type WalletItem, type WalletPage } from '@nuanxin/shared';
import { Button } from '../../components/ui-button';
import { LoginNeeded, RetryCard } from '../../components/page-states';
import { BENEFIT_ROUTES, benefitUrl } from '../../components/benefit-routes';
import { fetchWallet } from '../../services/benefits';
import { useCursorList } from '../../utils/use-cursor-list';
import { useLoggedIn } from '../../utils/use-session';
import { CouponCard } from './coupon-card';
import './benefit.scss';

export const WALLET_TEXT = {
  loginNeeded: '登录后查看你领取的券',
  loading: '正在加载…',
  failed: '加载失败，请检查网络后下拉刷新',
  empty: {
    available: '还没有可使用的券，去「优惠」看看正在抢的券',
    used: '还没有用过券',
    expired: '没有过期的券',
  } satisfies Record<CouponStatus, string>,
  toTab: '去领券',
  more: '加载更多',
  loadingMore: '加载中…',
};

/** 我的券: 可使用 / 已使用 / 已过期 with counts; a coupon opens its QR and till code. */
export default function WalletPage() {
  const loggedIn = useLoggedIn();
  const [status, setStatus] = useState<CouponStatus>('available');
  const [counts, setCounts] = useState<WalletPage['counts'] | null>(null);
  const list = useCursorList<WalletItem>(async (cursor) => {
    const page = await fetchWallet(status, cursor);
    setCounts(page.counts);
    return page;
  }, WALLET_TEXT.failed);
  const { reset, loadFirst } = list;

  useEffect(() => {
    if (!loggedIn) return;
    reset();
    loadFirst();
  }, [status, loggedIn, reset, loadFirst]);
  // Back from a coupon (used at the till meanwhile): the list again.
  const firstShow = useRef(true);
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false;
    else if (loggedIn) loadFirst();
  });

  if (!loggedIn) return <LoginNeeded text={WALLET_TEXT.loginNeeded} testId='wallet-login-needed' />;

  const items = list.items;
  return (
    <View className='nx-page benefit-page' data-testid='wallet-page'>
      <View className='benefit-page__tabs' role='tablist'>
        {COUPON_STATUSES.map((s) => (
          <View key={s} role='tab' aria-selected={status === s} className={`benefit-page__tab${status === s ? ' benefit-page__tab--on' : ''}`} onClick={() => setStatus(s)} data-testid={`wallet-tab-${s}`}>
            <Text className='benefit-page__tab-label'>{COUPON_STATUS_LABELS[s]}</Text>
            <Text className='benefit-page__tab-count' data-testid={`wallet-count-${s}`}>
              {counts ? String(counts[s]) : '–'}
            </Text>
          </View>
        ))}
      </View>
      {list.error && !items && <RetryCard message={list.error} onRetry={loadFirst} testId='wallet-error' />}
      {!items && !list.error && <Text className='nx-text'>{WALLET_TEXT.loading}</Text>}
      {items && items.length === 0 && (
        <View className='nx-card' data-testid='wallet-empty'>
          <Text className='nx-text'>{WALLET_TEXT.empty[status]}</Text>
          {status === 'available' && (
            <Button fill='outline' onClick={() => Taro.switchTab({ url: BENEFIT_ROUTES.tab })} data-testid='wallet-to-tab'>
              {WALLET_TEXT.toTab}
            </Button>
          )}
        </View>
      )}
      {items?.map((c) => (
        <CouponCard key={c.id} coupon={c} testId='wallet-coupon' onOpen={(id) => Taro.navigateTo({ url: benefitUrl(BENEFIT_ROUTES.coupon, id) })} />
      ))}
      {items && list.error && <RetryCard message={list.error} onRetry={list.loadMore} testId='wallet-more-error' />}
      {items && list.cursor && (
        <Button fill='outline' disabled={list.loadingMore} onClick={list.loadMore} data-testid='wallet-more'>
          {list.loadingMore ? WALLET_TEXT.loadingMore : WALLET_TEXT.more}
        </Button>
      )}
    </View>
  );
}
