import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { WALL_FILTERS, WISH_CATEGORIES, type WallFilter, type WishCategory } from '@nuanxin/shared';
import { Button } from '../../components/ui-button';
import { ChoiceChips } from '../../components/choice-chips';
import { LoginPrompt, RetryCard } from '../../components/page-states';
import { PrivacyPrompt } from '../../components/privacy-prompt';
import { WishCard, wishCardData } from '../../components/wish-card';
import { WISH_ROUTES, wishClaimUrl, wishUrl } from '../../components/wish-routes';
import { fetchWall, type WallPage, type WallWish } from '../../services/wishes';
import { useCursorList } from '../../utils/use-cursor-list';
import { useUnreadBadge } from '../../utils/use-unread-badge';
import { useLoggedIn } from '../../utils/use-session';
import { locate } from '../stations/locate';
import { LOCATE_SLOW_MS, type LatLng } from '../stations/locate.types';
import './index.scss';

export const WALL_TEXT = {
  intro: '会员说出一个小心愿，工会审核后发布到这里（不显示个人信息），爱心人士认领后送到驿站。',
  post: '发心愿',
  mine: '我的心愿',
  allCategories: '全部',
  locating: '正在获取你的位置…',
  near: '按离你最近的领取驿站排列，位置不会被保存',
  noLocation: '没有拿到你的位置，按发布时间排列',
  loading: '正在加载心愿…',
  failed: '加载失败，请检查网络后下拉刷新',
  more: '加载更多',
  loadingMore: '加载中…',
  empty: {
    // Each says what to do next, not only that the list is empty.
    open: '暂时没有待认领的心愿。会员可以点上面的「发心愿」发一个，审核通过后会出现在这里',
    claimed: '暂时没有已认领的心愿，到「待认领」看看有没有你能帮上的',
    fulfilled: '还没有圆梦的心愿，到「待认领」认领一个，帮它圆梦',
  } satisfies Record<WallFilter, string>,
  emptyCategory: '这个类别下暂时没有心愿，换个类别看看',
  loginTitle: '登录后查看心愿墙',
  loginBody: '登录后可以看到骑手师傅们的小心愿，认领一个，或者发一个自己的心愿。',
  login: '登录',
};

const FILTERS = Object.keys(WALL_FILTERS) as WallFilter[];
const CATEGORY_OPTIONS = [WALL_TEXT.allCategories, ...WISH_CATEGORIES.map((c) => c.label)];

/** 'pending' while the phone is asked; null when it gave no position (the wall then has no distances). */
type Near = LatLng | null | 'pending';

/** 心愿 tab: the wall — 待认领 / 已认领 / 已圆梦 with counts, categories, nearest pickup station first when the phone gives its position. */
export default function WishesPage() {
  useUnreadBadge();
  const loggedIn = useLoggedIn();
  const [filter, setFilter] = useState<WallFilter>('open');
  const [category, setCategory] = useState<WishCategory | null>(null);
  const [near, setNear] = useState<Near>('pending');
  const [counts, setCounts] = useState<WallPage['counts'] | null>(null);

  // The position lives in this page's state for its queries only: never stored.
  useEffect(() => {
    let alive = true;
    const giveUp = () => alive && setNear((n) => (n === 'pending' ? null : n));
    const slow = setTimeout(giveUp, LOCATE_SLOW_MS);
    locate().then(
      (here) => alive && setNear(here),
      giveUp,
    ).finally(() => clearTimeout(slow));
    return () => {
      alive = false;
      clearTimeout(slow);
    };
  }, []);

  const fetchPage = async (cursor?: string) => {
    const page = await fetchWall({ filter, category, near: near === 'pending' ? null : near, cursor });
    setCounts(page.counts);
    return page;
  };
  const list = useCursorList<WallWish>(fetchPage, WALL_TEXT.failed);
  const { reset, loadFirst } = list;

  const nearKey = near === 'pending' ? 'pending' : near ? `${near.lat},${near.lng}` : 'none';
  useEffect(() => {
    if (nearKey === 'pending') return;
    reset();
    loadFirst();
  }, [filter, category, nearKey, loggedIn, reset, loadFirst]);

  // Back from a detail (a claim, a thank-you): the wall and its counts again.
  const firstShow = useRef(true);
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false;
    else if (nearKey !== 'pending') loadFirst();
  });

  const open = useCallback((id: string) => {
    Taro.navigateTo({ url: wishUrl(WISH_ROUTES.detail, id) });
  }, []);
  const claim = useCallback((id: string) => {
    Taro.navigateTo({ url: wishClaimUrl(id) });
  }, []);

  const pickCategory = (label: string | null) => {
    setCategory(WISH_CATEGORIES.find((c) => c.label === label)?.code ?? null);
  };

  const items = list.items;
  const categoryText = category ? (WISH_CATEGORIES.find((c) => c.code === category)?.label ?? null) : WALL_TEXT.allCategories;

  return (
    <View className='nx-page wishes-page' data-testid='wishes-page'>
      <View className='nx-card wishes-page__intro'>
        <Text className='nx-text'>{WALL_TEXT.intro}</Text>
        <View className='wishes-page__actions'>
          <Button type='primary' onClick={() => Taro.navigateTo({ url: WISH_ROUTES.create })} data-testid='wishes-post'>
            {WALL_TEXT.post}
          </Button>
          <Button fill='outline' onClick={() => Taro.navigateTo({ url: `${WISH_ROUTES.mine}?tab=posted` })} data-testid='wishes-mine'>
            {WALL_TEXT.mine}
          </Button>
        </View>
      </View>

      <View className='wishes-page__tabs' role='tablist' data-testid='wishes-filters'>
        {FILTERS.map((f) => (
          <View
            key={f}
            role='tab'
            aria-selected={filter === f}
            className={`wishes-page__tab${filter === f ? ' wishes-page__tab--on' : ''}`}
            onClick={() => setFilter(f)}
            data-testid={`wishes-filter-${f}`}
          >
            <Text className='wishes-page__tab-label'>{WALL_FILTERS[f].label}</Text>
            <Text className='wishes-page__tab-count' data-testid={`wishes-count-${f}`}>
              {counts ? String(counts[f]) : '–'}
            </Text>
          </View>
        ))}
      </View>

      <ChoiceChips options={CATEGORY_OPTIONS} value={categoryText} onChange={pickCategory} testId='wishes-categories' />

      <Text className='wishes-page__where' data-testid='wishes-where'>
        {near === 'pending' ? WALL_TEXT.locating : near ? WALL_TEXT.near : WALL_TEXT.noLocation}
      </Text>

      {/* A server that wants a login for the wall answers 401 to someone logged out: offer the login, not an error. */}
      {list.error && !items && !loggedIn && <LoginPrompt title={WALL_TEXT.loginTitle} body={WALL_TEXT.loginBody} button={WALL_TEXT.login} testId='wishes-login' />}
      {list.error && !items && loggedIn && <RetryCard message={list.error} onRetry={loadFirst} testId='wishes-error' />}
      {!items && !list.error && <Text className='nx-text'>{WALL_TEXT.loading}</Text>}
      {items && items.length === 0 && (
        <View className='nx-card' data-testid='wishes-empty'>
          <Text className='nx-text'>{category ? WALL_TEXT.emptyCategory : WALL_TEXT.empty[filter]}</Text>
        </View>
      )}
      {items && items.length > 0 && (
        <View data-testid='wishes-list'>
          {items.map((w) => (
            <WishCard
              key={w.id}
              wish={wishCardData(w, {
                distanceMeters: w.distanceMeters,
                publishedAt: w.publishedAt,
                line: w.story,
                donorName: w.donor,
                thanks: w.thanks,
              })}
              onOpen={open}
              onClaim={claim}
            />
          ))}
        </View>
      )}
      {items && list.error && <RetryCard message={list.error} onRetry={list.loadMore} testId='wishes-more-error' />}
      {items && list.cursor && (
        <Button fill='outline' disabled={list.loadingMore} onClick={list.loadMore} data-testid='wishes-more'>
          {list.loadingMore ? WALL_TEXT.loadingMore : WALL_TEXT.more}
        </Button>
      )}
      <PrivacyPrompt purpose='location' />
    </View>
  );
}
