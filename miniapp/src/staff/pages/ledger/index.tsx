import { useEffect, useMemo, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { formatYuan } from '@nuanxin/shared';
import { Button } from '../../../components/ui';
import { CLAIM_ROUTES } from '../../../pages/claims/claim-routes';
import { currentUser } from '../../../services/auth';
import { fetchLedger, type LedgerRow } from '../../../services/claims-ledger';
import { withQuery } from '../../../routes';
import { useCursorList } from '../../../utils/use-cursor-list';
import { hasAnyRole } from '../../../utils/user-display';
import { useLoggedIn } from '../../../utils/use-session';
import { NoAccess } from '../../components/no-access';
import { PERIODS, periodRange, periodText } from '../../components/claims-period';
import { SubtreeOrgFilter } from '../../components/subtree-org-filter';
import { ValueChips } from '../../components/value-chips';
import { adminOrgCodes } from '../../org-scope';
import { LEDGER_ROLES } from './ledger-roles';
import { ExportPanel } from './export-panel';
import {
  CATEGORY_OPTIONS,
  INITIAL_FILTERS,
  OVERDUE_OPTIONS,
  RATING_OPTIONS,
  STATUS_OPTIONS,
  TIER_OPTIONS,
  toLedgerFilters,
  type LedgerFilterState,
} from './ledger-filters';
import '../../staff-layout.scss';
import './index.scss';

export const LEDGER_TEXT = {
  filters: '筛选',
  period: '时段（提交日期）',
  status: '状态',
  category: '类别',
  tier: '办理层级',
  org: '承办工会（含下级）',
  overdue: '是否超期',
  rating: '满意度',
  loading: '正在加载…',
  failed: '加载失败，请检查网络后重试',
  retry: '重试',
  empty: '没有符合条件的诉求，换个筛选条件试试',
  more: '加载更多',
  loadingMore: '正在加载…',
  overdueBadge: '已超期',
  due: (d: string) => `期限 ${d}`,
  resolved: (d: string) => `办结 ${d}`,
  received: (d: string) => `受理 ${d}`,
  amount: (fen: number) => `涉及 ${formatYuan(fen)}`,
  recovered: (agreed: number, recovered: number) => `约定 ${formatYuan(agreed)} · 已追回 ${formatYuan(recovered)}`,
  stars: (n: number) => `${n} 星`,
  count: (n: number, more: boolean) => `已显示 ${n} 条${more ? '，还有更多' : ''}`,
};

/** 诉求台账: every claim of the officer's org subtree (admin: the city) by period, status, category, tier, org, overdue and rating. */
export default function LedgerPage() {
  const loggedIn = useLoggedIn();
  const user = currentUser();
  const allowed = hasAnyRole(user, LEDGER_ROLES);
  const [state, setState] = useState<LedgerFilterState>(INITIAL_FILTERS);
  const filters = useMemo(() => toLedgerFilters(state), [state]);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const { items, cursor, loadingMore, error, loadFirst, loadMore, reset } = useCursorList<LedgerRow>((after) => fetchLedger(filtersRef.current, after), LEDGER_TEXT.failed);

  const filtersKey = JSON.stringify(filters);
  useEffect(() => {
    if (!allowed) return;
    reset();
    loadFirst();
  }, [allowed, filtersKey, reset, loadFirst]);

  // The org filter searches the caller's own subtree (the first org they serve; the server checks the scope again).
  const rootCode = adminOrgCodes(user)[0] ?? null;

  const set = <K extends keyof LedgerFilterState>(key: K) => (value: LedgerFilterState[K] | null) => setState((s) => ({ ...s, [key]: value }));

  if (!allowed) return <NoAccess loggedIn={loggedIn} />;

  return (
    <View className='nx-page staff-layout staff-layout--two ledger-page' data-testid='ledger-page'>
      <View className='staff-layout__side'>
        <View className='nx-card ledger-filters' data-testid='ledger-filters'>
          <Text className='ledger-filters__title'>{LEDGER_TEXT.filters}</Text>
          <Group label={LEDGER_TEXT.period} note={periodText(periodRange(state.period))}>
            <ValueChips options={PERIODS.map((p) => ({ value: p.key, label: p.label }))} value={state.period} clearable={false} onChange={(v) => v && set('period')(v)} testId='ledger-period' />
          </Group>
          <Group label={LEDGER_TEXT.status}>
            <ValueChips options={STATUS_OPTIONS} value={state.status} onChange={set('status')} testId='ledger-status' />
          </Group>
          <Group label={LEDGER_TEXT.category}>
            <ValueChips options={CATEGORY_OPTIONS} value={state.category} onChange={set('category')} testId='ledger-category' />
          </Group>
          <Group label={LEDGER_TEXT.tier}>
            <ValueChips options={TIER_OPTIONS} value={state.tier} onChange={set('tier')} testId='ledger-tier' />
          </Group>
          <SubtreeOrgFilter rootCode={rootCode} value={state.org} onChange={set('org')} label={LEDGER_TEXT.org} className='ledger-filters__group' labelClassName='ledger-filters__label' testId='ledger-org' />
          <Group label={LEDGER_TEXT.overdue}>
            <ValueChips options={OVERDUE_OPTIONS} value={state.overdue} onChange={set('overdue')} testId='ledger-overdue' />
          </Group>
          <Group label={LEDGER_TEXT.rating}>
            <ValueChips options={RATING_OPTIONS} value={state.rating} onChange={set('rating')} testId='ledger-rating' />
          </Group>
        </View>
        <ExportPanel filters={filters} />
      </View>
      <View className='staff-layout__main'>
        {error && (
          <View className='nx-card' data-testid='ledger-error'>
            <Text className='nx-text'>{error}</Text>
            <Button fill='outline' onClick={() => (items ? loadMore() : loadFirst())}>
              {LEDGER_TEXT.retry}
            </Button>
          </View>
        )}
        {!items && !error && <Text className='nx-text'>{LEDGER_TEXT.loading}</Text>}
        {items && items.length === 0 && (
          <View className='nx-card' data-testid='ledger-empty'>
            <Text className='nx-text'>{LEDGER_TEXT.empty}</Text>
          </View>
        )}
        {items && items.length > 0 && (
          <Text className='nx-text ledger-page__count' data-testid='ledger-count'>
            {LEDGER_TEXT.count(items.length, !!cursor)}
          </Text>
        )}
        {items?.map((row) => (
          <LedgerItem key={row.id} row={row} onOpen={() => Taro.navigateTo({ url: withQuery(CLAIM_ROUTES.staffDetail, { id: row.id }) })} />
        ))}
        {cursor && (
          <Button className='nx-big-button' fill='outline' loading={loadingMore} disabled={loadingMore} onClick={loadMore} data-testid='ledger-more'>
            {loadingMore ? LEDGER_TEXT.loadingMore : LEDGER_TEXT.more}
          </Button>
        )}
      </View>
    </View>
  );
}

function Group({ label, note, children }: { label: string; note?: string; children: React.ReactNode }) {
  return (
    <View className='ledger-filters__group'>
      <Text className='ledger-filters__label'>{label}</Text>
      {note && <Text className='ledger-filters__note'>{note}</Text>}
      {children}
    </View>
  );
}

function LedgerItem({ row, onOpen }: { row: LedgerRow; onOpen: () => void }) {
  const date = row.resolvedDate ? LEDGER_TEXT.resolved(row.resolvedDate) : row.dueDate ? LEDGER_TEXT.due(row.dueDate) : null;
  const money = row.agreedFen !== null ? LEDGER_TEXT.recovered(row.agreedFen, row.recoveredFen ?? 0) : row.amountFen !== null ? LEDGER_TEXT.amount(row.amountFen) : null;
  return (
    <View className='nx-card ledger-row' role='button' onClick={onOpen} data-testid='ledger-row' data-id={row.id}>
      <View className='ledger-row__head'>
        <Text className='ledger-row__number' data-testid='ledger-row-number'>
          {row.number}
        </Text>
        {row.overdue && (
          <Text className='ledger-row__badge ledger-row__badge--overdue' data-testid='ledger-row-overdue'>
            {LEDGER_TEXT.overdueBadge}
          </Text>
        )}
        <Text className='ledger-row__badge' data-testid='ledger-row-status'>
          {row.resultLabel}
        </Text>
      </View>
      <Text className='ledger-row__line' data-testid='ledger-row-who'>
        {[row.worker, row.mobile, row.categoryLabel, row.employerName].filter(Boolean).join(' · ')}
      </Text>
      <Text className='ledger-row__desc'>{row.description}</Text>
      <Text className='ledger-row__meta' data-testid='ledger-row-meta'>
        {[LEDGER_TEXT.received(row.receivedDate), date, `${row.orgName} · ${row.tierLabel}`, row.assignee || null].filter(Boolean).join(' · ')}
      </Text>
      {(money || row.ratingScore !== null) && (
        <Text className='ledger-row__meta'>{[money, row.ratingScore !== null ? LEDGER_TEXT.stars(row.ratingScore) : null].filter(Boolean).join(' · ')}</Text>
      )}
    </View>
  );
}
