import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { OPEN_WISH_STATUSES } from '@nuanxin/shared';
import { Button } from '../../components/ui';
import { LoginNeeded, RetryCard } from '../../components/page-states';
import { WishCard, wishCardData } from '../../components/wish-card';
import { nextStep } from '../../components/wish-labels';
import { WISH_ROUTES, wishUrl, type WishMineTab } from '../../components/wish-routes';
import { fetchClaimedWishes, fetchMyWishes, type Wish } from '../../services/wishes';
import { usePageParams } from '../../utils/use-session';
import { useSignedInLoader } from '../../utils/use-signed-in-loader';
import './wish.scss';

export const MINE_TEXT = {
  tabs: { posted: '我的心愿', claimed: '我认领的心愿' } satisfies Record<WishMineTab, string>,
  loginNeeded: '登录后查看我的心愿和认领的心愿',
  loading: '正在加载…',
  failed: '加载失败，请检查网络后下拉刷新',
  emptyPosted: '你还没有发过心愿',
  emptyPostedHint: '生活用品、孩子学习、看病买药……说出一个小心愿，工会帮你找爱心人士。',
  emptyClaimed: '你还没有认领过心愿',
  emptyClaimedHint: '去心愿墙看看，帮骑手师傅圆一个小心愿。',
  post: '发心愿',
  wall: '去心愿墙',
};

interface Lists {
  posted: Wish[];
  claimed: Wish[];
}

/** 我的心愿 / 我认领的心愿: each wish with its status and the next step, one tap to its detail. */
export default function MyWishesPage() {
  const params = usePageParams();
  const [tab, setTab] = useState<WishMineTab>(params.tab === 'claimed' ? 'claimed' : 'posted');
  const { loggedIn, data, error, load } = useSignedInLoader<Lists>(async () => {
    const [posted, claimed] = await Promise.all([fetchMyWishes(), fetchClaimedWishes()]);
    return { posted, claimed };
  }, MINE_TEXT.failed);

  if (!loggedIn) return <LoginNeeded text={MINE_TEXT.loginNeeded} testId='wish-mine-login-needed' />;

  const list = data ? data[tab] : null;
  const hasOpen = Boolean(data?.posted.some((w) => OPEN_WISH_STATUSES.includes(w.status)));
  const open = (id: string) => Taro.navigateTo({ url: wishUrl(WISH_ROUTES.detail, id) });

  return (
    <View className='nx-page wish-page' data-testid='wish-mine'>
      <View className='wish-page__tabs' role='tablist'>
        {(['posted', 'claimed'] as const).map((t) => (
          <View
            key={t}
            role='tab'
            aria-selected={tab === t}
            className={`wish-page__tab${tab === t ? ' wish-page__tab--on' : ''}`}
            onClick={() => setTab(t)}
            data-testid={`wish-mine-tab-${t}`}
          >
            <Text>{data ? `${MINE_TEXT.tabs[t]} ${data[t].length}` : MINE_TEXT.tabs[t]}</Text>
          </View>
        ))}
      </View>
      {error && <RetryCard message={error} onRetry={load} testId='wish-mine-error' />}
      {!data && !error && <Text className='nx-text'>{MINE_TEXT.loading}</Text>}
      {list && list.length === 0 && (
        <View className='nx-card' data-testid='wish-mine-empty'>
          <Text className='nx-title'>{tab === 'posted' ? MINE_TEXT.emptyPosted : MINE_TEXT.emptyClaimed}</Text>
          <Text className='nx-text'>{tab === 'posted' ? MINE_TEXT.emptyPostedHint : MINE_TEXT.emptyClaimedHint}</Text>
        </View>
      )}
      {list?.map((w) => (
        <WishCard
          key={w.id}
          testId='wish-mine-item'
          wish={wishCardData(w, {
            line: nextStep(w),
            donorName: w.donor,
            thanks: w.thanks,
          })}
          onOpen={open}
        />
      ))}
      {data && (
        <View className='nx-bottom-actions'>
          {tab === 'posted' && !hasOpen ? (
            <Button className='nx-big-button' type='primary' onClick={() => Taro.navigateTo({ url: WISH_ROUTES.create })} data-testid='wish-mine-post'>
              {MINE_TEXT.post}
            </Button>
          ) : (
            <Button className='nx-big-button' fill='outline' onClick={() => Taro.switchTab({ url: WISH_ROUTES.wall })} data-testid='wish-mine-wall'>
              {MINE_TEXT.wall}
            </Button>
          )}
        </View>
      )}
    </View>
  );
}
