import { useCallback, useEffect, useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { formatYuan } from '@nuanxin/shared';
import { RetryCard } from '../../../components/page-states';
import { currentUser } from '../../../services/auth';
import { fetchDashboard, type Dashboard } from '../../../services/claims-ledger';
import { errorMessage } from '../../../utils/error-message';
import { hasAnyRole } from '../../../utils/user-display';
import { useLoggedIn } from '../../../utils/use-session';
import { NoAccess } from '../../components/no-access';
import { EChart } from '../../components/echart';
import { PERIODS, periodRange, periodText, type PeriodKey } from '../../components/claims-period';
import { SubtreeOrgFilter } from '../../components/subtree-org-filter';
import { ValueChips } from '../../components/value-chips';
import { adminOrgCodes } from '../../org-scope';
import { LEDGER_ROLES } from '../ledger/ledger-roles';
import { categoryOption, monthOption, RATE_KEYS, RATE_LABELS, ratesOption, ratioText, tierOption } from './dashboard-charts';
import '../../staff-layout.scss';
import './index.scss';

export const DASHBOARD_TEXT = {
  period: '时段（提交日期）',
  org: '工会（含下级）',
  loading: '正在加载…',
  failed: '加载失败，请检查网络后重试',
  received: '受理',
  overdueNow: '当前超期',
  overdueHint: '此刻仍在办理且已过期限的，不限时段',
  averageRating: '平均评分',
  noRating: '暂无评价',
  stars: (n: number) => `${n} 星`,
  money: '金额',
  agreed: '调解协议约定',
  recovered: '已追回（仅计职工确认收到的）',
  unpaid: '约定未付',
  rates: '办理时效与结果',
  byTier: '按办理层级',
  byCategory: '按类别',
  byMonth: '按月份',
  cases: (n: number) => `${n} 件`,
  colCategory: ['类别', '受理', '调解成功', '已追回'],
  colMonth: ['月份', '受理', '办结', '已追回'],
  colTier: ['层级', '受理'],
  none: '这个时段没有诉求',
};

/** 数据看板: the officer's subtree (admin: the city) per period; every chart's figures are also in a table under it. */
export default function DashboardPage() {
  const loggedIn = useLoggedIn();
  const user = currentUser();
  const allowed = hasAnyRole(user, LEDGER_ROLES);
  const [period, setPeriod] = useState<PeriodKey>('year');
  const [org, setOrg] = useState<string | null>(null);
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const range = useMemo(() => periodRange(period), [period]);
  const query = useMemo(() => ({ ...range, org: org ?? undefined }), [range, org]);

  const load = useCallback(async () => {
    setData(null);
    setError(null);
    try {
      setData(await fetchDashboard(query));
    } catch (err) {
      setError(errorMessage(err, DASHBOARD_TEXT.failed));
    }
  }, [query]);

  useEffect(() => {
    if (allowed) load();
  }, [allowed, load]);

  const rootCode = adminOrgCodes(user)[0] ?? null;

  if (!allowed) return <NoAccess loggedIn={loggedIn} />;

  return (
    <View className='nx-page staff-layout staff-layout--two dashboard-page' data-testid='dashboard-page'>
      <View className='staff-layout__side'>
        <View className='nx-card dashboard-page__filters'>
          <Text className='dashboard-page__label'>{DASHBOARD_TEXT.period}</Text>
          <Text className='dashboard-page__note' data-testid='dashboard-range'>
            {periodText(data ? { from: data.from, to: data.to } : range)}
          </Text>
          <ValueChips options={PERIODS.map((p) => ({ value: p.key, label: p.label }))} value={period} clearable={false} onChange={(v) => v && setPeriod(v)} testId='dashboard-period' />
          <SubtreeOrgFilter rootCode={rootCode} value={org} onChange={setOrg} label={DASHBOARD_TEXT.org} labelClassName='dashboard-page__label' testId='dashboard-org' />
        </View>
        {data && <KeyFigures d={data} />}
      </View>
      <View className='staff-layout__main'>
        {error && <RetryCard message={error} onRetry={load} testId='dashboard-error' />}
        {!data && !error && <Text className='nx-text'>{DASHBOARD_TEXT.loading}</Text>}
        {data && data.received === 0 && (
          <View className='nx-card' data-testid='dashboard-empty'>
            <Text className='nx-text'>{DASHBOARD_TEXT.none}</Text>
          </View>
        )}
        {data && data.received > 0 && <Charts d={data} />}
      </View>
    </View>
  );
}

function KeyFigures({ d }: { d: Dashboard }) {
  return (
    <View className='nx-card dashboard-page__figures' data-testid='dashboard-figures'>
      <Figure label={DASHBOARD_TEXT.received} value={DASHBOARD_TEXT.cases(d.received)} testId='dashboard-received' />
      <Figure label={DASHBOARD_TEXT.overdueNow} value={DASHBOARD_TEXT.cases(d.overdueNow)} note={DASHBOARD_TEXT.overdueHint} testId='dashboard-overdue' warn={d.overdueNow > 0} />
      <Figure label={DASHBOARD_TEXT.averageRating} value={d.averageRating === null ? DASHBOARD_TEXT.noRating : DASHBOARD_TEXT.stars(d.averageRating)} testId='dashboard-rating' />
      <Text className='dashboard-page__label'>{DASHBOARD_TEXT.money}</Text>
      <Figure label={DASHBOARD_TEXT.agreed} value={formatYuan(d.agreedFen)} testId='dashboard-agreed' />
      <Figure label={DASHBOARD_TEXT.recovered} value={formatYuan(d.recoveredFen)} testId='dashboard-recovered' />
      <Figure label={DASHBOARD_TEXT.unpaid} value={formatYuan(d.agreedUnpaidFen)} testId='dashboard-unpaid' />
    </View>
  );
}

function Figure({ label, value, note, warn, testId }: { label: string; value: string; note?: string; warn?: boolean; testId: string }) {
  return (
    <View className='dashboard-page__figure'>
      <View className='dashboard-page__line'>
        <Text>{label}</Text>
        <Text className={`dashboard-page__value${warn ? ' dashboard-page__value--warn' : ''}`} data-testid={testId}>
          {value}
        </Text>
      </View>
      {note && <Text className='dashboard-page__note'>{note}</Text>}
    </View>
  );
}

function Charts({ d }: { d: Dashboard }) {
  const rates = useMemo(() => ratesOption(d), [d]);
  const tiers = useMemo(() => tierOption(d), [d]);
  const categories = useMemo(() => categoryOption(d), [d]);
  const months = useMemo(() => monthOption(d), [d]);
  return (
    <>
      <Section title={DASHBOARD_TEXT.rates} testId='dashboard-rates'>
        <EChart option={rates} label={DASHBOARD_TEXT.rates} testId='dashboard-chart-rates' />
        {RATE_KEYS.map((k) => (
          <View key={k} className='dashboard-page__line'>
            <Text>{RATE_LABELS[k]}</Text>
            <Text data-testid={`dashboard-rate-${k}`}>{ratioText(d[k])}</Text>
          </View>
        ))}
      </Section>
      <Section title={DASHBOARD_TEXT.byTier} testId='dashboard-tiers'>
        <EChart option={tiers} label={DASHBOARD_TEXT.byTier} testId='dashboard-chart-tiers' />
        <Table head={DASHBOARD_TEXT.colTier} rows={d.byTier.map((t) => [t.label, String(t.received)])} testId='dashboard-tier-row' />
      </Section>
      <Section title={DASHBOARD_TEXT.byCategory} testId='dashboard-categories'>
        <EChart option={categories} label={DASHBOARD_TEXT.byCategory} testId='dashboard-chart-categories' />
        <Table head={DASHBOARD_TEXT.colCategory} rows={d.byCategory.map((c) => [c.label, String(c.received), String(c.mediated), formatYuan(c.recoveredFen)])} testId='dashboard-category-row' />
      </Section>
      <Section title={DASHBOARD_TEXT.byMonth} testId='dashboard-months'>
        <EChart option={months} label={DASHBOARD_TEXT.byMonth} testId='dashboard-chart-months' />
        <Table head={DASHBOARD_TEXT.colMonth} rows={d.byMonth.map((m) => [m.month, String(m.received), String(m.resolved), formatYuan(m.recoveredFen)])} testId='dashboard-month-row' />
      </Section>
    </>
  );
}

function Section({ title, testId, children }: { title: string; testId: string; children: React.ReactNode }) {
  return (
    <View className='nx-card dashboard-page__section' data-testid={testId}>
      <Text className='dashboard-page__title'>{title}</Text>
      {children}
    </View>
  );
}

/** The chart's figures as text: a header line and one line per row, read in order by a screen reader. */
function Table({ head, rows, testId }: { head: string[]; rows: string[][]; testId: string }) {
  return (
    <View className='dashboard-table'>
      <View className='dashboard-table__row dashboard-table__row--head'>
        {head.map((h) => (
          <Text key={h} className='dashboard-table__cell'>
            {h}
          </Text>
        ))}
      </View>
      {rows.map((r) => (
        <View key={r[0]} className='dashboard-table__row' data-testid={testId}>
          {r.map((cell, i) => (
            <Text key={i} className='dashboard-table__cell'>
              {cell}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}
