import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { formatYuan, type RedemptionReceipt } from '@nuanxin/shared';
import { Button } from '../../../components/ui';
import { RetryCard } from '../../../components/page-states';
import { createActionKeys } from '../../../services/action-keys';
import { currentUser } from '../../../services/auth';
import { fetchRedemptions, undoRedemption } from '../../../services/benefits';
import { errorMessage } from '../../../utils/error-message';
import { formatDateTime } from '../../../utils/format';
import { toastDone } from '../../../utils/feedback';
import { useCursorList } from '../../../utils/use-cursor-list';
import { useLoadOnShow } from '../../../utils/use-page-visible';
import { hasAnyRole } from '../../../utils/user-display';
import { useLoggedIn } from '../../../utils/use-session';
import { NoAccess } from '../../components/no-access';
import { TOOL_ROLES } from '../../staff-roles';
import { currentMonth, SETTLEMENT_TEXT, shiftMonth } from '../settlement/month';
import '../settlement/index.scss';
import '../../staff-layout.scss';

export const REDEMPTIONS_TEXT = {
  loading: '正在加载…',
  failed: '加载失败，请检查网络后下拉刷新',
  empty: '本店还没有核销记录',
  emptyMonth: '这个月没有核销记录',
  allMonths: '全部',
  byMonth: '按月',
  line: (order: string, off: string, pay: string) => `订单 ${order}，券抵扣 ${off}，实付 ${pay}`,
  undone: '已撤销',
  undo: '撤销',
  undoneToast: '已撤销',
  more: '加载更多',
  actionFailed: '操作失败，请检查网络后重试',
};

/** 核销记录: this shop's redemptions, newest first; undo while the 10 minutes last. */
export default function RedemptionsPage() {
  const loggedIn = useLoggedIn();
  const allowed = hasAnyRole(currentUser(), TOOL_ROLES.redeem);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ id: string; text: string } | null>(null);
  const keys = useRef(createActionKeys()).current;
  // null = every month; else one Beijing month (`2026-12`), stepped like the settlement page.
  const [month, setMonth] = useState<string | null>(null);
  const list = useCursorList<RedemptionReceipt>((cursor) => fetchRedemptions(cursor, month), REDEMPTIONS_TEXT.failed);
  const { items, setItems, loadFirst } = list;

  useLoadOnShow(() => {
    if (allowed) loadFirst();
  });
  const firstMonth = useRef(true);
  useEffect(() => {
    if (firstMonth.current) {
      firstMonth.current = false;
      return;
    }
    setItems(null);
    if (allowed) loadFirst();
  }, [month, allowed, loadFirst, setItems]);

  const undo = async (r: RedemptionReceipt) => {
    const k = `undo:${r.id}`;
    setBusy(r.id);
    setNotice(null);
    try {
      const next = await undoRedemption(r.id, keys.keyFor(k, null));
      keys.settle(k);
      setItems((all) => (all ? all.map((x) => (x.id === next.id ? next : x)) : all));
      toastDone(REDEMPTIONS_TEXT.undoneToast);
    } catch (err) {
      keys.settle(k, err);
      setNotice({ id: r.id, text: errorMessage(err, REDEMPTIONS_TEXT.actionFailed) });
    } finally {
      setBusy(null);
    }
  };

  if (!allowed) return <NoAccess loggedIn={loggedIn} />;

  const now = Date.now();
  return (
    <View className='nx-page staff-layout settlement-page' data-testid='redemptions-page'>
      <View className='settlement-page__months' data-testid='redemptions-months'>
        <Button fill='outline' type={month ? 'default' : 'primary'} onClick={() => setMonth(null)} data-testid='redemptions-all'>
          {REDEMPTIONS_TEXT.allMonths}
        </Button>
        {month ? (
          <>
            <Button fill='outline' onClick={() => setMonth(shiftMonth(month, -1))} data-testid='redemptions-prev'>
              {SETTLEMENT_TEXT.prev}
            </Button>
            <Text className='settlement-page__month' data-testid='redemptions-month'>
              {SETTLEMENT_TEXT.month(month)}
            </Text>
            <Button fill='outline' disabled={month >= currentMonth()} onClick={() => setMonth(shiftMonth(month, 1))} data-testid='redemptions-next'>
              {SETTLEMENT_TEXT.next}
            </Button>
          </>
        ) : (
          <Button fill='outline' onClick={() => setMonth(currentMonth())} data-testid='redemptions-by-month'>
            {REDEMPTIONS_TEXT.byMonth}
          </Button>
        )}
      </View>
      {list.error && !items && <RetryCard message={list.error} onRetry={loadFirst} testId='redemptions-error' />}
      {!items && !list.error && <Text className='nx-text'>{REDEMPTIONS_TEXT.loading}</Text>}
      {items && items.length === 0 && (
        <View className='nx-card' data-testid='redemptions-empty'>
          <Text className='nx-text'>{month ? REDEMPTIONS_TEXT.emptyMonth : REDEMPTIONS_TEXT.empty}</Text>
        </View>
      )}
      {items?.map((r) => (
        <View key={r.id} className='nx-card settlement-page__row' data-testid='redemptions-item' data-undone={r.undoneAt ? 'true' : 'false'}>
          <Text className='settlement-page__name'>{`${r.title} · ${r.memberName}`}</Text>
          <Text className='settlement-page__meta'>{`${formatDateTime(r.redeemedAt)} · ${r.campaignTitle}${r.undoneAt ? ` · ${REDEMPTIONS_TEXT.undone}` : ''}`}</Text>
          <Text className='nx-text'>{REDEMPTIONS_TEXT.line(formatYuan(r.orderFen), formatYuan(r.discountFen), formatYuan(r.payFen))}</Text>
          {notice?.id === r.id && <Text className='settlement-page__meta'>{notice.text}</Text>}
          {!r.undoneAt && r.undoUntil && now < Date.parse(r.undoUntil) && (
            <Button fill='outline' disabled={busy === r.id} onClick={() => undo(r)} data-testid='redemptions-undo'>
              {REDEMPTIONS_TEXT.undo}
            </Button>
          )}
        </View>
      ))}
      {items && list.cursor && (
        <Button fill='outline' disabled={list.loadingMore} onClick={list.loadMore} data-testid='redemptions-more'>
          {REDEMPTIONS_TEXT.more}
        </Button>
      )}
    </View>
  );
}
