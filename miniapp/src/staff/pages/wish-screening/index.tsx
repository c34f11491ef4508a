import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '../../../components/ui';
import { RetryCard } from '../../../components/page-states';
import { WishCard } from '../../../components/wish-card';
import { WISH_ROUTES, wishUrl } from '../../../components/wish-routes';
import { currentUser } from '../../../services/auth';
import { fetchScreening, type Wish } from '../../../services/wishes';
import { formatDateTime } from '../../../utils/format';
import { useCursorList } from '../../../utils/use-cursor-list';
import { useLoadOnShow } from '../../../utils/use-page-visible';
import { hasAnyRole } from '../../../utils/user-display';
import { useLoggedIn } from '../../../utils/use-session';
import { NoAccess } from '../../components/no-access';
import { TOOL_ROLES } from '../../staff-roles';
import '../../staff-layout.scss';
import '../wish-screen/index.scss';

export const SCREENING_TEXT = {
  // The server sends the order (overdue first, then by deadline); pages are shown in it, never re-sorted.
  intro: '本组织及下级会员提交的心愿，已超时的在最前，其余按审核期限先后。请核实心愿真实、不含现金类物品和个人信息。',
  due: (at: string) => `审核期限 ${at}`,
  overdue: '已超时',
  personalData: '内容里可能有个人信息',
  empty: '没有待审核的心愿',
  loading: '正在加载…',
  more: '加载更多',
  loadingMore: '正在加载…',
  failed: '加载失败，请检查网络后下拉刷新',
};

/** 微心愿审核: the screening queue in the server's deadline order, overdue marked; a tap opens the editor. */
export default function WishScreeningPage() {
  const loggedIn = useLoggedIn();
  const allowed = hasAnyRole(currentUser(), TOOL_ROLES.wishScreening);
  const { items, cursor, loadingMore, error, loadFirst, loadMore } = useCursorList<Wish>((after) => fetchScreening(after), SCREENING_TEXT.failed);

  // Back from the editor: the screened wish leaves the queue.
  useLoadOnShow(() => {
    if (allowed) loadFirst();
  });

  if (!allowed) return <NoAccess loggedIn={loggedIn} />;

  return (
    <View className='nx-page staff-layout wish-screening' data-testid='wish-screening'>
      <Text className='nx-text wish-screening__intro'>{SCREENING_TEXT.intro}</Text>
      {error && <RetryCard message={error} onRetry={() => (items ? loadMore() : loadFirst())} testId='wish-screening-error' />}
      {!items && !error && <Text className='nx-text'>{SCREENING_TEXT.loading}</Text>}
      {items && items.length === 0 && (
        <View className='nx-card' data-testid='wish-screening-empty'>
          <Text className='nx-text'>{SCREENING_TEXT.empty}</Text>
        </View>
      )}
      {items?.map((w) => (
        <WishCard
          key={w.id}
          testId='wish-screening-item'
          wish={{
            id: w.id,
            category: w.category,
            title: w.title,
            valueFen: w.valueFen,
            status: w.status,
            stationName: w.station.name,
            wisherAlias: w.wisher,
            line: w.screeningDueAt ? SCREENING_TEXT.due(formatDateTime(w.screeningDueAt)) : null,
            flag: [w.overdue ? SCREENING_TEXT.overdue : null, (w.personalData ?? []).length > 0 ? SCREENING_TEXT.personalData : null].filter(Boolean).join(' · ') || null,
          }}
          onOpen={(id) => Taro.navigateTo({ url: wishUrl(WISH_ROUTES.staffScreen, id) })}
        />
      ))}
      {cursor && (
        <Button className='nx-big-button' fill='outline' loading={loadingMore} disabled={loadingMore} onClick={loadMore} data-testid='wish-screening-more'>
          {loadingMore ? SCREENING_TEXT.loadingMore : SCREENING_TEXT.more}
        </Button>
      )}
    </View>
  );
}
