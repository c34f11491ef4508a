import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { APPLICATION_STATUS_LABELS, JOIN_DECISION_TARGET_MINUTES } from '@nuanxin/shared';
import { Button } from '../../components/ui';
import { LoginNeeded, RetryCard } from '../../components/page-states';
import { fetchApplication, fetchMyApplications, type Application } from '../../services/memberships';
import { ROUTES, withQuery } from '../../routes';
import { formatDateTime } from '../../utils/format';
import { usePageParams } from '../../utils/use-session';
import { useSignedInLoader } from '../../utils/use-signed-in-loader';
import './status.scss';

/** Pending applications are re-read this often while the page is in view. */
export const STATUS_POLL_MS = 10_000;

const TEXT = {
  kind: { join: '入会申请', transfer: '会员转移申请' },
  org: '申请加入',
  transferReason: '转移原因',
  submittedAt: '提交时间',
  decidedAt: '处理时间',
  auto: '该工会自动审核，提交即通过',
  reason: '未通过原因',
  pendingHint: `工会将在 ${JOIN_DECISION_TARGET_MINUTES} 分钟内审核，结果会发到你的消息；本页每 10 秒自动刷新，也可以下拉刷新。`,
  rejectedHint: '可以按原因修改后重新申请。',
  toCard: '查看会员卡',
  reapply: '重新申请',
  none: '你还没有提交过入会申请',
  join: '去申请入会',
  earlier: '以往申请',
  loading: '正在查询…',
  failed: '查询失败，请检查网络后下拉刷新',
  loginNeeded: '登录后查看入会进度',
};

function ApplicationCard({ app }: { app: Application }) {
  return (
    <View className='nx-card status-card' data-testid='status-card'>
      <View className='status-card__head'>
        <Text className='status-card__kind'>{TEXT.kind[app.kind]}</Text>
        <Text className={`status-card__badge status-card__badge--${app.status}`} data-testid='status-label'>
          {APPLICATION_STATUS_LABELS[app.status]}
        </Text>
      </View>
      <View className='status-card__row'>
        <Text className='status-card__key'>{TEXT.org}</Text>
        <Text className='status-card__value' data-testid='status-org'>
          {app.org.name}
        </Text>
      </View>
      {app.transferReason && (
        <View className='status-card__row'>
          <Text className='status-card__key'>{TEXT.transferReason}</Text>
          <Text className='status-card__value'>{app.transferReason}</Text>
        </View>
      )}
      <View className='status-card__row'>
        <Text className='status-card__key'>{TEXT.submittedAt}</Text>
        <Text className='status-card__value' data-testid='status-submitted-at'>
          {formatDateTime(app.submittedAt)}
        </Text>
      </View>
      {app.decidedAt && (
        <View className='status-card__row'>
          <Text className='status-card__key'>{TEXT.decidedAt}</Text>
          <Text className='status-card__value'>{formatDateTime(app.decidedAt)}</Text>
        </View>
      )}
      {app.status === 'rejected' && app.decisionReason && (
        <View className='status-card__reason' data-testid='status-reason'>
          <Text className='status-card__reason-title'>{TEXT.reason}</Text>
          <Text className='status-card__reason-text'>{app.decisionReason}</Text>
        </View>
      )}
      {app.status === 'pending' && <Text className='nx-text status-card__hint'>{TEXT.pendingHint}</Text>}
      {app.status === 'approved' && app.autoDecided && <Text className='nx-text status-card__hint'>{TEXT.auto}</Text>}
      {app.status === 'rejected' && <Text className='nx-text status-card__hint'>{TEXT.rejectedHint}</Text>}
    </View>
  );
}

/** 入会进度: one application (?id=) or my latest, with earlier ones below. */
export default function JoinStatusPage() {
  const { id } = usePageParams();
  const { loggedIn, data: apps, error, visible, load } = useSignedInLoader<Application[]>(
    async () => (id ? [await fetchApplication(id)] : fetchMyApplications()),
    TEXT.failed,
  );

  const current = apps?.[0] ?? null;
  const pending = current?.status === 'pending';

  useEffect(() => {
    if (!pending || !visible) return;
    const timer = setInterval(load, STATUS_POLL_MS);
    return () => clearInterval(timer);
  }, [pending, visible, load]);

  if (!loggedIn) {
    return <LoginNeeded text={TEXT.loginNeeded} testId='status-login-needed' />;
  }

  return (
    <View className='nx-page status-page' data-testid='status-page'>
      {error && (
        <RetryCard message={error} onRetry={load} testId='status-error' className='status-page__error' />
      )}
      {!apps && !error && <Text className='nx-text'>{TEXT.loading}</Text>}
      {apps && apps.length === 0 && (
        <View className='nx-card' data-testid='status-none'>
          <Text className='nx-text'>{TEXT.none}</Text>
        </View>
      )}
      {current && <ApplicationCard app={current} />}
      {apps && apps.length > 1 && (
        <View className='status-page__earlier'>
          <Text className='status-page__earlier-title'>{TEXT.earlier}</Text>
          {apps.slice(1).map((a) => (
            <View key={a.id} className='status-page__earlier-row'>
              <Text>{`${TEXT.kind[a.kind]} · ${a.org.name}`}</Text>
              <Text className='status-page__earlier-status'>{`${APPLICATION_STATUS_LABELS[a.status]} · ${formatDateTime(a.submittedAt)}`}</Text>
            </View>
          ))}
        </View>
      )}
      <View className='nx-bottom-actions'>
        {current?.status === 'approved' && (
          <Button className='nx-big-button' type='primary' onClick={() => Taro.navigateTo({ url: ROUTES.card })} data-testid='status-goto-card'>
            {TEXT.toCard}
          </Button>
        )}
        {current?.status === 'rejected' && (
          <Button
            className='nx-big-button'
            type='primary'
            onClick={() => Taro.navigateTo({ url: withQuery(ROUTES.join, { org: current.kind === 'join' ? current.org.code : null }) })}
            data-testid='status-reapply'
          >
            {TEXT.reapply}
          </Button>
        )}
        {apps && apps.length === 0 && (
          <Button className='nx-big-button' type='primary' onClick={() => Taro.navigateTo({ url: ROUTES.join })} data-testid='status-join'>
            {TEXT.join}
          </Button>
        )}
      </View>
    </View>
  );
}
