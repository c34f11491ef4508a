import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, isValidMobile, normalizeMobile, ROLE_LABELS, startOfBeijingDay, type AuditAction, type Role } from '@nuanxin/shared';
import { Button, Input } from '../../../components/ui';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField } from '../../../components/form-field';
import { currentUser } from '../../../services/auth';
import { fetchAudit, type AuditEntry, type AuditFilters } from '../../../services/admin';
import { formatDateTime } from '../../../utils/format';
import { useCursorList } from '../../../utils/use-cursor-list';
import { hasAnyRole } from '../../../utils/user-display';
import { useLoggedIn } from '../../../utils/use-session';
import { NoAccess } from '../../components/no-access';
import { TOOL_ROLES } from '../../staff-roles';
import '../../staff-layout.scss';
import './index.scss';

export const AUDIT_TEXT = {
  action: '操作类型',
  period: '时间',
  periods: ['今天', '近 7 天', '近 30 天', '全部'] as const,
  actor: '操作人手机号',
  subject: '被处理人手机号',
  mobileRule: '请输入 11 位手机号，或留空',
  search: '查询',
  loading: '正在加载…',
  failed: '加载失败，请检查网络后重试',
  none: '没有符合条件的记录',
  more: '加载更多',
  loadingMore: '加载中…',
  system: '系统',
  subjectLine: (s: string) => `被处理人：${s}`,
  orgLine: (s: string) => `组织：${s}`,
};
const T = AUDIT_TEXT;
const DAY_MS = 86_400_000;

/** The period chip as an instant: from the start of today (Beijing) back N−1 days; 全部 has no bound. */
export function periodFrom(label: string, now: Date): string | undefined {
  const days = { 今天: 1, '近 7 天': 7, '近 30 天': 30 }[label];
  return days ? new Date(startOfBeijingDay(now).getTime() - (days - 1) * DAY_MS).toISOString() : undefined;
}

const actorLine = (e: AuditEntry) => {
  if (!e.actor) return T.system;
  const role = e.actor.role ? (ROLE_LABELS[e.actor.role as Role] ?? e.actor.role) : null;
  return [e.actor.mobileMasked ?? e.actor.nickname, role, e.actor.orgName].filter(Boolean).join(' · ');
};

/** 审计日志 (admins): who did what to whose record, filtered by action, period and people; newest first, paged. */
export default function AuditPage() {
  const loggedIn = useLoggedIn();
  const allowed = hasAnyRole(currentUser(), TOOL_ROLES.audit);
  const [action, setAction] = useState<AuditAction | null>(null);
  const [period, setPeriod] = useState<string>(T.periods[1]);
  const [actor, setActor] = useState('');
  const [subject, setSubject] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [filters, setFilters] = useState<AuditFilters>(() => ({ from: periodFrom(T.periods[1], new Date()) }));
  const list = useCursorList((cursor) => fetchAudit(filters, cursor), T.failed);

  const { loadFirst } = list;
  // A search sets a new `filters` object: the first page is asked again with it.
  useEffect(() => {
    if (allowed) loadFirst();
  }, [allowed, filters, loadFirst]);

  const search = () => {
    const problems: Record<string, string> = {};
    if (actor.trim() && !isValidMobile(actor)) problems.actor = T.mobileRule;
    if (subject.trim() && !isValidMobile(subject)) problems.subject = T.mobileRule;
    setErrors(problems);
    if (Object.keys(problems).length) return;
    list.reset();
    setFilters({
      action: action ?? undefined,
      from: periodFrom(period, new Date()),
      actorMobile: actor.trim() ? normalizeMobile(actor) : undefined,
      subjectMobile: subject.trim() ? normalizeMobile(subject) : undefined,
    });
  };

  if (!allowed) return <NoAccess loggedIn={loggedIn} />;
  const labels = AUDIT_ACTIONS.map((a) => AUDIT_ACTION_LABELS[a]);

  return (
    <View className='nx-page staff-layout staff-layout--two audit-page' data-testid='audit-page'>
      <View className='staff-layout__side nx-card' data-testid='audit-filters'>
        <FormField label={T.period} testId='audit-period'>
          <ChoiceChips options={T.periods} value={period} onChange={(p) => setPeriod(p ?? T.periods[3])} testId='audit-period-chips' />
        </FormField>
        <FormField label={T.action} testId='audit-action'>
          <ChoiceChips
            options={labels}
            value={action ? AUDIT_ACTION_LABELS[action] : null}
            onChange={(l) => setAction(AUDIT_ACTIONS.find((a) => AUDIT_ACTION_LABELS[a] === l) ?? null)}
            clearable
            testId='audit-action-chips'
          />
        </FormField>
        <FormField label={T.actor} error={errors.actor} testId='audit-actor-mobile'>
          <Input value={actor} onChange={setActor} type='number' maxLength={11} />
        </FormField>
        <FormField label={T.subject} error={errors.subject} testId='audit-subject-mobile'>
          <Input value={subject} onChange={setSubject} type='number' maxLength={11} />
        </FormField>
        <Button className='nx-big-button' type='primary' onClick={search} data-testid='audit-search'>
          {T.search}
        </Button>
      </View>
      <View className='staff-layout__main'>
        {list.items === null && !list.error && <Text className='nx-text'>{T.loading}</Text>}
        {list.error && (
          <Text className='audit-page__error' data-testid='audit-error'>
            {list.error}
          </Text>
        )}
        {list.items?.length === 0 && (
          <Text className='nx-text' data-testid='audit-none'>
            {T.none}
          </Text>
        )}
        {list.items?.map((e) => (
          <View key={e.id} className='audit-page__entry' data-testid='audit-entry' data-action={e.action}>
            <View className='audit-page__head'>
              <Text className='audit-page__action'>{e.actionLabel}</Text>
              <Text className='audit-page__time'>{formatDateTime(e.at)}</Text>
            </View>
            <Text className='audit-page__line' data-testid='audit-actor'>
              {actorLine(e)}
            </Text>
            {e.subject.masked && <Text className='audit-page__line'>{T.subjectLine(e.subject.masked)}</Text>}
            {e.org?.name && <Text className='audit-page__line'>{T.orgLine(e.org.name)}</Text>}
          </View>
        ))}
        {list.cursor && (
          <Button fill='outline' disabled={list.loadingMore} onClick={list.loadMore} data-testid='audit-more'>
            {list.loadingMore ? T.loadingMore : T.more}
          </Button>
        )}
      </View>
    </View>
  );
}
