import { useCallback, useEffect, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { WISH_RULES } from '@nuanxin/shared';
import { Button, Input } from '../../../components/ui';
import { RetryCard } from '../../../components/page-states';
import { NoAccess } from '../../components/no-access';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField } from '../../../components/form-field';
import { currentUser } from '../../../services/auth';
import { ApiError } from '../../../services/http';
import { fetchWishSettings, fetchWishStats, saveWishSettings, type WishOrgSettings, type WishStats } from '../../../services/wishes';
import { errorMessage } from '../../../utils/error-message';
import { firstFieldError, toastDone, useScrollTo } from '../../../utils/feedback';
import { rolesOf } from '../../../utils/user-display';
import { useLoggedIn } from '../../../utils/use-session';
import { TOOL_ROLES } from '../../staff-roles';
import '../../staff-layout.scss';
import '../stats/index.scss';
import './index.scss';

export const WISH_SETTINGS_TEXT = {
  statsTitle: '心愿统计（含下级组织）',
  posted: '提交',
  published: '上墙',
  claimed: '被认领',
  fulfilled: '已圆梦',
  median: '上墙到圆梦（中位）',
  days: (d: number | null) => (d === null ? '—' : `${d} 天`),
  settingsTitle: '发心愿的限制',
  inherited: '当前沿用上级组织或平台默认值；保存后本组织及下级（未单独设置的）按新值执行。',
  own: '本组织已单独设置；下级组织未单独设置的也按此执行。',
  cap: '心愿价值上限（元）',
  capHint: `1–5000 元，默认 ${WISH_RULES.defaultValueCapFen / 100} 元`,
  yearly: '每名会员每年可发心愿数',
  yearlyHint: `1–12 个，默认 ${WISH_RULES.defaultYearlyLimit} 个；同一时间只能有 1 个进行中的心愿`,
  capRule: '请填写 1 到 5000 之间的金额，最多两位小数',
  yearlyRule: '请填写 1 到 12 之间的整数',
  save: '保存',
  saving: '正在保存…',
  saved: '已保存',
  loading: '正在加载…',
  failed: '加载失败，请检查网络后下拉刷新',
  saveFailed: '保存失败，请检查网络后重试',
  noOrg: '你的工作身份没有关联工会组织，无法设置。',
};
const T = WISH_SETTINGS_TEXT;
const FIRST_ERROR = firstFieldError('wish-settings');

/** Yuan as typed (`300`, `299.5`) → fen, or null when it is not 1–5000 yuan with at most two decimals. */
function yuanToFen(text: string): number | null {
  if (!/^\d{1,4}(\.\d{1,2})?$/.test(text.trim())) return null;
  const fen = Math.round(Number(text.trim()) * 100);
  return fen >= 100 && fen <= 500_000 ? fen : null;
}

/** 心愿设置与统计: the officer's org — its wish figures, and the value cap and yearly limit its members post under. */
export default function WishSettingsPage() {
  const loggedIn = useLoggedIn();
  const orgs = rolesOf(currentUser(), TOOL_ROLES.wishSettings).filter((r) => r.orgCode);
  const [orgCode, setOrgCode] = useState<string | null>(orgs[0]?.orgCode ?? null);
  const [stats, setStats] = useState<WishStats | null>(null);
  const [settings, setSettings] = useState<WishOrgSettings | null>(null);
  const [cap, setCap] = useState('');
  const [yearly, setYearly] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const scrollTo = useScrollTo();

  const show = (s: WishOrgSettings) => {
    setSettings(s);
    setCap(String(s.valueCapFen / 100));
    setYearly(String(s.yearlyLimit));
  };

  const load = useCallback(async () => {
    if (!orgCode) return;
    try {
      const [st, se] = await Promise.all([fetchWishStats(orgCode), fetchWishSettings(orgCode)]);
      setStats(st);
      show(se);
      setLoadError(null);
    } catch (err) {
      setLoadError(errorMessage(err, T.failed));
    }
  }, [orgCode]);

  useEffect(() => {
    setStats(null);
    setSettings(null);
    setErrors({});
    load();
  }, [load]);

  usePullDownRefresh(() => {
    load().finally(() => Taro.stopPullDownRefresh());
  });

  if (rolesOf(currentUser(), TOOL_ROLES.wishSettings).length === 0) return <NoAccess loggedIn={loggedIn} />;
  if (!orgCode) {
    return (
      <View className='nx-page staff-layout' data-testid='wish-settings-no-org'>
        <View className='nx-card'>
          <Text className='nx-text'>{T.noOrg}</Text>
        </View>
      </View>
    );
  }

  const save = async () => {
    const valueCapFen = yuanToFen(cap);
    const yearlyLimit = /^\d{1,2}$/.test(yearly.trim()) && Number(yearly) >= 1 && Number(yearly) <= 12 ? Number(yearly) : null;
    const problems: Record<string, string> = {};
    if (valueCapFen === null) problems.valueCapFen = T.capRule;
    if (yearlyLimit === null) problems.yearlyLimit = T.yearlyRule;
    setErrors(problems);
    if (valueCapFen === null || yearlyLimit === null) return scrollTo(FIRST_ERROR);
    setBusy(true);
    try {
      show(await saveWishSettings(orgCode, { valueCapFen, yearlyLimit }));
      toastDone(T.saved);
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors : [];
      setErrors(fields.length ? Object.fromEntries(fields.map((f) => [f.field, f.message])) : { form: errorMessage(err, T.saveFailed) });
      scrollTo(fields.length ? FIRST_ERROR : '.wish-settings .wish-settings__error');
    } finally {
      setBusy(false);
    }
  };

  const names = orgs.map((r) => r.orgName ?? r.orgCode!);
  const tiles: Array<[string, string, string]> = stats
    ? [
        [T.posted, String(stats.posted), 'wish-stats-posted'],
        [T.published, String(stats.published), 'wish-stats-published'],
        [T.claimed, String(stats.claimed), 'wish-stats-claimed'],
        [T.fulfilled, String(stats.fulfilled), 'wish-stats-fulfilled'],
        [T.median, T.days(stats.medianDaysToFulfil), 'wish-stats-median'],
      ]
    : [];

  return (
    <View className='nx-page staff-layout stats-page wish-settings' data-testid='wish-settings'>
      {orgs.length > 1 && (
        <ChoiceChips
          options={names}
          value={names[orgs.findIndex((r) => r.orgCode === orgCode)] ?? null}
          onChange={(name) => setOrgCode(orgs[names.indexOf(name ?? '')]?.orgCode ?? orgCode)}
          testId='wish-settings-orgs'
        />
      )}
      {orgs.length === 1 && <Text className='nx-title'>{names[0]}</Text>}
      {loadError && <RetryCard message={loadError} onRetry={load} testId='wish-settings-load-error' />}
      {!stats && !loadError && <Text className='nx-text'>{T.loading}</Text>}
      {stats && (
        <>
          <Text className='wish-settings__heading'>{T.statsTitle}</Text>
          <View className='stats-page__grid'>
            {tiles.map(([label, value, testId]) => (
              <View key={label} className='stats-tile' data-testid={testId}>
                <Text className='stats-tile__value'>{value}</Text>
                <Text className='stats-tile__label'>{label}</Text>
              </View>
            ))}
          </View>
        </>
      )}
      {settings && (
        <View className='nx-card' data-testid='wish-settings-form'>
          <Text className='wish-settings__heading'>{T.settingsTitle}</Text>
          <Text className='nx-text' data-testid='wish-settings-source'>
            {settings.inherited ? T.inherited : T.own}
          </Text>
          <FormField label={T.cap} hint={T.capHint} error={errors.valueCapFen} testId='wish-settings-cap'>
            <Input value={cap} onChange={setCap} type='digit' maxLength={7} />
          </FormField>
          <FormField label={T.yearly} hint={T.yearlyHint} error={errors.yearlyLimit} testId='wish-settings-yearly'>
            <Input value={yearly} onChange={setYearly} type='number' maxLength={2} />
          </FormField>
          {errors.form && (
            <Text className='wish-settings__error' data-testid='wish-settings-error'>
              {errors.form}
            </Text>
          )}
          <Button className='nx-big-button' type='primary' disabled={busy} onClick={save} data-testid='wish-settings-save'>
            {busy ? T.saving : T.save}
          </Button>
        </View>
      )}
    </View>
  );
}
