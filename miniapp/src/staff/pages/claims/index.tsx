import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '../../../components/ui';
import { ClaimSummary } from '../../../components/claim-summary';
import { CLAIM_ROUTES } from '../../../pages/claims/claim-routes';
import { currentUser } from '../../../services/auth';
import { fetchClaimQueue, type Claim, type ClaimQueueTab } from '../../../services/claims';
import { withQuery } from '../../../routes';
import { useCursorList } from '../../../utils/use-cursor-list';
import { useLoadOnShow } from '../../../utils/use-page-visible';
import { hasAnyRole } from '../../../utils/user-display';
import { useLoggedIn } from '../../../utils/use-session';
import { NoAccess } from '../../components/no-access';
import { CLAIM_STAFF_ROLES } from './claim-staff-roles';
import '../../staff-layout.scss';
import './index.scss';

const TABS: Array<{ tab: ClaimQueueTab; label: string }> = [
  { tab: 'mine', label: '我承办的' },
  { tab: 'org', label: '本组织' },
  { tab: 'overdue', label: '已超期' },
];

const TEXT = {
  // The server sorts by the deadline that applies now (overdue first); pages are shown in its order, never re-sorted.
  intro: {
    mine: '已超期的排在最前，其余按期限先后。职工诉求 1 个工作日内受理，受理后按期限调解。',
    org: '本组织及下级的诉求：已超期的排在最前，其余按期限先后。',
    overdue: '超期最久的在前，请尽快处理。',
  } as Record<ClaimQueueTab, string>,
  empty: { mine: '没有由你承办的诉求', org: '本组织及下级暂无诉求', overdue: '没有超期的诉求' } as Record<ClaimQueueTab, string>,
  loading: '正在加载…',
  more: '加载更多',
  loadingMore: '正在加载…',
  failed: '加载失败，请检查网络后下拉刷新',
  retry: '重试',
};

/** 诉求办理: the officer's queue in three tabs, 20 a page with 加载更多. */
export default function StaffClaimsPage() {
  const loggedIn = useLoggedIn();
  const allowed = hasAnyRole(currentUser(), CLAIM_STAFF_ROLES);
  const [tab, setTab] = useState<ClaimQueueTab>('mine');
  const tabRef = useRef(tab);
  tabRef.current = tab;
  const { items, cursor, loadingMore, error, loadFirst, loadMore, reset } = useCursorList<Claim>(
    (after) => fetchClaimQueue(tabRef.current, after),
    TEXT.failed,
  );

  // Back from a claim: its status may have changed, so the list reloads.
  useLoadOnShow(() => {
    if (allowed) loadFirst();
  });

  const switchTab = (next: ClaimQueueTab) => {
    if (next === tab) return;
    setTab(next);
    tabRef.current = next;
    reset();
    loadFirst();
  };

  if (!allowed) return <NoAccess loggedIn={loggedIn} />;

  return (
    <View className='nx-page staff-layout staff-claims' data-testid='staff-claims-page'>
      <View className='staff-claims__tabs' role='tablist'>
        {TABS.map((t) => (
          <View
            key={t.tab}
            role='tab'
            aria-selected={t.tab === tab}
            className={`staff-claims__tab${t.tab === tab ? ' staff-claims__tab--active' : ''}`}
            onClick={() => switchTab(t.tab)}
            data-testid={`staff-claims-tab-${t.tab}`}
          >
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>
      <Text className='nx-text staff-claims__intro' data-testid='staff-claims-intro'>
        {TEXT.intro[tab]}
      </Text>
      {error && (
        <View className='nx-card' data-testid='staff-claims-error'>
          <Text className='nx-text'>{error}</Text>
          <Button fill='outline' onClick={() => (items ? loadMore() : loadFirst())}>
            {TEXT.retry}
          </Button>
        </View>
      )}
      {!items && !error && <Text className='nx-text'>{TEXT.loading}</Text>}
      {items && items.length === 0 && (
        <View className='nx-card' data-testid='staff-claims-empty'>
          <Text className='nx-text'>{TEXT.empty[tab]}</Text>
        </View>
      )}
      {items?.map((c) => (
        <ClaimSummary key={c.id} claim={c} testId='staff-claims-item' onClick={() => Taro.navigateTo({ url: withQuery(CLAIM_ROUTES.staffDetail, { id: c.id }) })} />
      ))}
      {cursor && (
        <Button className='nx-big-button' fill='outline' loading={loadingMore} disabled={loadingMore} onClick={loadMore} data-testid='staff-claims-more'>
          {loadingMore ? TEXT.loadingMore : TEXT.more}
        </Button>
      )}
    </View>
  );
}
