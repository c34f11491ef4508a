import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { CARD_TOKEN_TTL_SECONDS } from '@nuanxin/shared';
import { Button } from '../../components/ui';
import { LoginNeeded, RetryCard } from '../../components/page-states';
import { EntryRow } from '../../components/entry-row';
import { QrCode } from '../../components/qr-code';
import { fetchCardIfMember, type MemberCard } from '../../services/memberships';
import { ROUTES } from '../../routes';
import { errorMessage } from '../../utils/error-message';
import { formatDate } from '../../utils/format';
import { useLoadOnShow } from '../../utils/use-page-visible';
import { useLoggedIn } from '../../utils/use-session';
import { useTokenRefresh } from '../../utils/use-token-refresh';
import './index.scss';

const TEXT = {
  title: '工会会员卡',
  memberNo: '会员号',
  name: '姓名',
  since: '入会日期',
  status: '状态',
  statusLabels: { active: '有效', ended: '已终止' } as Record<string, string>,
  qrLabel: '会员码',
  qrHint: `在驿站或商户出示此码核验会员身份，会员码每 ${CARD_TOKEN_TTL_SECONDS / 60} 分钟自动更新，截图无效。`,
  stale: '会员码已过期，正在重新获取…',
  refresh: '刷新会员码',
  transfer: '会员转移',
  transferHint: '换了平台或城市，转到新的工会',
  progress: '入会与转移进度',
  notMemberTitle: '你还不是工会会员',
  notMemberBody: '申请入会后即可领取电子会员卡，在驿站和合作商户出示使用。',
  join: '申请入会',
  loading: '正在加载会员卡…',
  failed: '会员卡加载失败，请检查网络后重试',
  loginNeeded: '登录后查看你的会员卡',
};

/** The electronic member card with a QR token that is renewed shortly before it expires. */
export default function CardPage() {
  const loggedIn = useLoggedIn();
  // undefined: not loaded yet; null: not a member.
  const [card, setCard] = useState<MemberCard | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [visible, setVisible] = useState(true);
  // When the last refresh failed (0: it did not): the next try comes sooner than the token schedule.
  const [retryAt, setRetryAt] = useState(0);
  const inFlight = useRef(false);

  const load = useCallback(async () => {
    if (!loggedIn || inFlight.current) return;
    inFlight.current = true;
    try {
      const next = await fetchCardIfMember();
      setCard(next);
      setError(null);
      setRetryAt(0);
    } catch (err) {
      setError(errorMessage(err, TEXT.failed));
      // Keep showing the card; try again soon.
      setRetryAt(Date.now());
    } finally {
      inFlight.current = false;
    }
  }, [loggedIn]);

  useLoadOnShow(
    () => {
      setVisible(true);
      load();
    },
    () => setVisible(false),
  );
  useEffect(() => {
    if (loggedIn) load();
  }, [loggedIn, load]);

  // A new token shortly before the current one expires, only while the card is on screen.
  const stale = useTokenRefresh(card, visible, retryAt, load);

  if (!loggedIn) {
    return <LoginNeeded text={TEXT.loginNeeded} testId='card-login-needed' />;
  }

  if (card === null) {
    return (
      <View className='nx-page' data-testid='card-not-member'>
        <View className='nx-card'>
          <Text className='nx-title'>{TEXT.notMemberTitle}</Text>
          <Text className='nx-text'>{TEXT.notMemberBody}</Text>
        </View>
        <View className='card-page__entries'>
          <EntryRow title={TEXT.progress} onClick={() => Taro.navigateTo({ url: ROUTES.joinStatus })} testId='card-progress' />
        </View>
        <View className='nx-bottom-actions'>
          <Button className='nx-big-button' type='primary' onClick={() => Taro.navigateTo({ url: ROUTES.join })} data-testid='card-join'>
            {TEXT.join}
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className='nx-page card-page' data-testid='card-page'>
      {error && (
        <RetryCard message={error} onRetry={load} testId='card-error' className='card-page__error' />
      )}
      {card === undefined && !error && <Text className='nx-text'>{TEXT.loading}</Text>}
      {card && (
        <>
          <View className='member-card' data-testid='member-card'>
            <Text className='member-card__title'>{TEXT.title}</Text>
            <Text className='member-card__org' data-testid='card-org'>
              {card.org.name}
            </Text>
            <View className='member-card__grid'>
              <View className='member-card__item'>
                <Text className='member-card__key'>{TEXT.memberNo}</Text>
                <Text className='member-card__value member-card__value--number' data-testid='card-member-no'>
                  {card.memberNo}
                </Text>
              </View>
              <View className='member-card__item'>
                <Text className='member-card__key'>{TEXT.name}</Text>
                <Text className='member-card__value' data-testid='card-name'>
                  {card.nameMasked}
                </Text>
              </View>
              <View className='member-card__item'>
                <Text className='member-card__key'>{TEXT.since}</Text>
                <Text className='member-card__value'>{formatDate(card.since)}</Text>
              </View>
              <View className='member-card__item'>
                <Text className='member-card__key'>{TEXT.status}</Text>
                <Text className='member-card__value' data-testid='card-status'>
                  {TEXT.statusLabels[card.status] ?? card.status}
                </Text>
              </View>
            </View>
          </View>
          <View className='nx-card card-page__qr'>
            <View className={stale ? 'card-page__qr-image card-page__qr-image--stale' : 'card-page__qr-image'}>
              <QrCode text={card.token} label={TEXT.qrLabel} testId='card-qr' />
            </View>
            {stale ? (
              <Button fill='outline' onClick={load} data-testid='card-refresh'>
                {TEXT.refresh}
              </Button>
            ) : (
              <Text className='card-page__qr-hint'>{TEXT.qrHint}</Text>
            )}
          </View>
          <View className='card-page__entries'>
            <EntryRow title={TEXT.transfer} description={TEXT.transferHint} onClick={() => Taro.navigateTo({ url: ROUTES.transfer })} testId='card-transfer' />
            <EntryRow title={TEXT.progress} onClick={() => Taro.navigateTo({ url: ROUTES.joinStatus })} testId='card-progress' />
          </View>
        </>
      )}
    </View>
  );
}
