import { useCallback, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '../../../components/ui';
import { RetryCard } from '../../../components/page-states';
import { WishCard, wishCardData } from '../../../components/wish-card';
import { WISH_ROUTES, wishUrl } from '../../../components/wish-routes';
import { currentUser } from '../../../services/auth';
import { fetchHandovers, fetchScreening, type Wish } from '../../../services/wishes';
import { errorMessage } from '../../../utils/error-message';
import { ChoiceChips } from '../../../components/choice-chips';
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
  tabs: { screening: '待审核', handover: '交接中' },
  handoverIntro: '本组织及下级会员的心愿，从被认领到心愿人确认收到，等得最久的在前。送达 14 天仍未确认的，可打开后写明情况关闭。',
  handoverEmpty: '没有交接中的心愿',
  handoverLine: {
    claimed: '已认领，等爱心人士送达',
    delivered: '已送达，等驿站签收或心愿人确认',
    received: '驿站已签收，等心愿人领取',
    picked_up: '已领取，等心愿人确认收到',
  } as Record<string, string>,
  closable: '送达超 14 天未确认，可关闭',
};
type Tab = keyof typeof SCREENING_TEXT.tabs;
const TAB_LABELS = Object.values(SCREENING_TEXT.tabs);

/**
 * 微心愿审核: the screening queue in the server's deadline order, overdue marked; a tap opens the editor. 交接中: the
 * subtree's wishes between claim and confirmation, a tap opens the wish (where an officer closes a stuck one).
 */
export default function WishScreeningPage() {
  const loggedIn = useLoggedIn();
  const allowed = hasAnyRole(currentUser(), TOOL_ROLES.wishScreening);
  const [tab, setTab] = useState<Tab>('screening');
  const [handovers, setHandovers] = useState<Wish[] | null>(null);
  const [handoverError, setHandoverError] = useState<string | null>(null);
  const { items, cursor, loadingMore, error, loadFirst, loadMore } = useCursorList<Wish>((after) => fetchScreening(after), SCREENING_TEXT.failed);

  const loadHandovers = useCallback(async () => {
    try {
      setHandovers(await fetchHandovers());
      setHandoverError(null);
    } catch (err) {
      setHandoverError(errorMessage(err, SCREENING_TEXT.failed));
    }
  }, []);

  // Back from the editor or the wish: the screened wish leaves the queue, a closed one the handovers.
  useLoadOnShow(() => {
    if (!allowed) return;
    if (tab === 'screening') loadFirst();
    else loadHandovers();
  });

  if (!allowed) return <NoAccess loggedIn={loggedIn} />;

  const pick = (label: string | null) => {
    const next = label === SCREENING_TEXT.tabs.handover ? 'handover' : 'screening';
    setTab(next);
    if (next === 'handover') loadHandovers();
    else loadFirst();
  };
  const chips = <ChoiceChips options={TAB_LABELS} value={SCREENING_TEXT.tabs[tab]} onChange={pick} testId='wish-screening-tabs' />;

  if (tab === 'handover') {
    return (
      <View className='nx-page staff-layout wish-screening' data-testid='wish-screening'>
        {chips}
        <Text className='nx-text wish-screening__intro'>{SCREENING_TEXT.handoverIntro}</Text>
        {handoverError && <RetryCard message={handoverError} onRetry={loadHandovers} testId='wish-handovers-error' />}
        {!handovers && !handoverError && <Text className='nx-text'>{SCREENING_TEXT.loading}</Text>}
        {handovers && handovers.length === 0 && (
          <View className='nx-card' data-testid='wish-handovers-empty'>
            <Text className='nx-text'>{SCREENING_TEXT.handoverEmpty}</Text>
          </View>
        )}
        {handovers?.map((w) => (
          <WishCard
            key={w.id}
            testId='wish-handovers-item'
            wish={wishCardData(w, {
              line: SCREENING_TEXT.handoverLine[w.status] ?? null,
              flag: w.actions.includes('close') ? SCREENING_TEXT.closable : null,
            })}
            onOpen={(id) => Taro.navigateTo({ url: wishUrl(WISH_ROUTES.detail, id) })}
          />
        ))}
      </View>
    );
  }

  return (
    <View className='nx-page staff-layout wish-screening' data-testid='wish-screening'>
      {chips}
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
          wish={wishCardData(w, {
            line: w.screeningDueAt ? SCREENING_TEXT.due(formatDateTime(w.screeningDueAt)) : null,
            flag: [w.overdue ? SCREENING_TEXT.overdue : null, (w.personalData ?? []).length > 0 ? SCREENING_TEXT.personalData : null].filter(Boolean).join(' · ') || null,
          })}
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
