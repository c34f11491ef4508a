import { useCallback, useEffect, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { JOIN_DECISION_TARGET_MINUTES } from '@nuanxin/shared';
import { RetryCard } from '../../../components/page-states';
// no-access brings NutUI's Input CSS (through components/ui): before choice-chips, as on every other page.
import { NoAccess } from '../../components/no-access';
import { ChoiceChips } from '../../../components/choice-chips';
import { currentUser } from '../../../services/auth';
import { fetchJoinStats, type JoinStats } from '../../../services/memberships';
import { errorMessage } from '../../../utils/error-message';
import { formatMinutes } from '../../../utils/format';
import { rolesOf } from '../../../utils/user-display';
import { useLoggedIn } from '../../../utils/use-session';
import { TOOL_ROLES } from '../../staff-roles';
import '../../staff-layout.scss';
import './index.scss';

const TEXT = {
  pendingNow: '待审核',
  decidedToday: '今日已处理',
  median: '中位用时',
  p90: 'P90 用时',
  late: `超 ${JOIN_DECISION_TARGET_MINUTES} 分钟`,
  auto: (days: number) => `近 ${days} 天自动通过`,
  window: (days: number) => `用时与超时按近 ${days} 天由工会干部处理（通过或不通过）的申请统计，含下级组织；自动审核的入会当场发卡、用时为 0，单独计数，不计入用时。`,
  loading: '正在加载…',
  failed: '加载失败，请检查网络后下拉刷新',
  noOrg: '你的工作身份没有关联工会组织，无法统计。',
};

/** 入会时效: how fast the officer's org (and below) decides, against Xiamen's 30-minute promise. */
export default function StatsPage() {
  const loggedIn = useLoggedIn();
  const orgs = rolesOf(currentUser(), TOOL_ROLES.stats).filter((r) => r.orgCode);
  const [orgCode, setOrgCode] = useState<string | null>(orgs[0]?.orgCode ?? null);
  const [stats, setStats] = useState<JoinStats | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!orgCode) return;
    try {
      setStats(await fetchJoinStats(orgCode));
      setError(null);
    } catch (err) {
      setError(errorMessage(err, TEXT.failed));
    }
  }, [orgCode]);

  useEffect(() => {
    setStats(null);
    load();
  }, [load]);

  usePullDownRefresh(() => {
    load().finally(() => Taro.stopPullDownRefresh());
  });

  if (rolesOf(currentUser(), TOOL_ROLES.stats).length === 0) return <NoAccess loggedIn={loggedIn} />;
  if (!orgCode) {
    return (
      <View className='nx-page staff-layout' data-testid='stats-no-org'>
        <View className='nx-card'>
          <Text className='nx-text'>{TEXT.noOrg}</Text>
        </View>
      </View>
    );
  }

  const names = orgs.map((r) => r.orgName ?? r.orgCode!);
  const tiles: Array<[string, string, string, boolean]> = stats
    ? [
        [TEXT.pendingNow, String(stats.pendingNow), 'stats-pending', stats.pendingNow > 0],
        [TEXT.decidedToday, String(stats.decidedToday), 'stats-today', false],
        [TEXT.median, formatMinutes(stats.medianMinutes), 'stats-median', false],
        [TEXT.p90, formatMinutes(stats.p90Minutes), 'stats-p90', (stats.p90Minutes ?? 0) > JOIN_DECISION_TARGET_MINUTES],
        [TEXT.late, String(stats.decidedLate), 'stats-late', stats.decidedLate > 0],
        [TEXT.auto(stats.windowDays), String(stats.autoApproved), 'stats-auto', false],
      ]
    : [];

  return (
    <View className='nx-page staff-layout stats-page' data-testid='stats-page'>
      {orgs.length > 1 && (
        <ChoiceChips
          options={names}
          value={names[orgs.findIndex((r) => r.orgCode === orgCode)] ?? null}
          onChange={(name) => setOrgCode(orgs[names.indexOf(name ?? '')]?.orgCode ?? orgCode)}
          testId='stats-orgs'
        />
      )}
      {orgs.length === 1 && <Text className='nx-title'>{names[0]}</Text>}
      {error && (
        <RetryCard message={error} onRetry={load} testId='stats-error' />
      )}
      {!stats && !error && <Text className='nx-text'>{TEXT.loading}</Text>}
      {stats && (
        <>
          <View className='stats-page__grid'>
            {tiles.map(([label, value, testId, warn]) => (
              <View key={label} className={`stats-tile${warn ? ' stats-tile--warn' : ''}`} data-testid={testId}>
                <Text className='stats-tile__value'>{value}</Text>
                <Text className='stats-tile__label'>{label}</Text>
              </View>
            ))}
          </View>
          <Text className='nx-text'>{TEXT.window(stats.windowDays)}</Text>
        </>
      )}
    </View>
  );
}
