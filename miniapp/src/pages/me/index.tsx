import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '../../components/ui';
import { EntryRow } from '../../components/entry-row';
import { PrivacyPrompt } from '../../components/privacy-prompt';
import { ClaimQueueEntry } from '../../components/claim-queue-entry';
import { currentUser, fetchMe, logout, onSessionChange, type Me } from '../../services/auth';
import { fetchCardIfMember } from '../../services/memberships';
import { ROUTES } from '../../routes';
import { CLAIM_ROUTES } from '../claims/claim-routes';
import { STATION_ROUTES } from '../../components/station-routes';
import { WISH_ROUTES } from '../../components/wish-routes';
import { CLAIM_STAFF_ROLES } from '../../staff/pages/claims/claim-staff-roles';
import { displayName, hasAnyRole, isStaff, roleLine } from '../../utils/user-display';
import { unreadBadgeText, useUnreadBadge } from '../../utils/use-unread-badge';
import { MESSAGES_PAGE } from '../messages/message-link';
import './index.scss';

const TEXT = {
  loggedOutTitle: '你还没有登录',
  loggedOutBody: '登录后可以申请入会、领取会员优惠、提交诉求，并查看办理进度。',
  login: '登录',
  workbench: '工作台',
  workbenchHint: '工作人员专用，工具陆续上线',
  privacy: '隐私政策',
  logout: '退出登录',
  logoutConfirmTitle: '退出登录',
  logoutConfirmBody: '退出后需要重新登录才能使用会员服务，确定退出吗？',
  noRoles: '职工',
  join: '加入工会',
  joinHint: '扫码或输入组织编码，填一张表即可申请',
  card: '会员卡',
  cardHint: '出示会员码，办理会员转移',
  joinStatus: '入会进度',
  claimNew: '我有事办',
  claimNewHint: '欠薪、工伤、合同等问题找工会，1 个工作日内受理',
  claimsMine: '我的诉求',
  figures: '工会数据',
  figuresHint: '今年全市和各区受理、办结、追回金额和满意率',
  wishesMine: '我的心愿',
  wishesMineHint: '心愿进度：审核、认领、送达、领取',
  wishesClaimed: '我认领的心愿',
  myEvents: '我的活动',
  myEventsHint: '报名的驿站活动',
  messages: '消息',
  messagesHint: '诉求进度、入会结果、活动变动',
  messagesUnread: (n: string) => `${n} 条未读`,
};

export default function MePage() {
  const [user, setUser] = useState<Me | null>(() => currentUser());
  // null: not known yet (or logged out); a failed check keeps the last answer.
  const [member, setMember] = useState<boolean | null>(null);
  const unread = useUnreadBadge();

  const checkMembership = () => {
    fetchCardIfMember().then(
      (card) => setMember(card !== null),
      () => undefined,
    );
  };

  useEffect(
    () =>
      onSessionChange((next) => {
        setUser(next);
        if (!next) setMember(null);
      }),
    [],
  );

  useDidShow(() => {
    const cached = currentUser();
    setUser(cached);
    // The cached user renders at once; a failed reload keeps it (weak signal) unless the session ended.
    if (cached) {
      fetchMe().then(setUser, () => setUser(currentUser()));
      checkMembership();
    } else setMember(null);
  });

  const onLogout = async () => {
    const { confirm } = await Taro.showModal({ title: TEXT.logoutConfirmTitle, content: TEXT.logoutConfirmBody });
    if (confirm) await logout();
  };

  const goto = (url: string) => () => Taro.navigateTo({ url });

  return (
    <View className='nx-page me-page'>
      {user ? (
        <View className='nx-card me-page__profile' data-testid='me-profile'>
          <Text className='nx-title' data-testid='me-name'>
            {displayName(user)}
          </Text>
          <View className='me-page__roles' data-testid='me-roles'>
            {(user.roles.length > 0 ? user.roles.map(roleLine) : [TEXT.noRoles]).map((line) => (
              <Text key={line} className='me-page__role'>
                {line}
              </Text>
            ))}
          </View>
        </View>
      ) : (
        <View className='nx-card' data-testid='me-logged-out'>
          <Text className='nx-title'>{TEXT.loggedOutTitle}</Text>
          <Text className='nx-text'>{TEXT.loggedOutBody}</Text>
        </View>
      )}

      {user && (
        <View className='me-page__entries'>
          <EntryRow
            title={TEXT.messages}
            description={unread ? TEXT.messagesUnread(unreadBadgeText(unread)) : TEXT.messagesHint}
            onClick={goto(MESSAGES_PAGE)}
            testId='me-messages'
          />
        </View>
      )}

      <View className='me-page__entries'>
        {member ? (
          <EntryRow title={TEXT.card} description={TEXT.cardHint} onClick={goto(ROUTES.card)} testId='me-card' />
        ) : (
          <EntryRow title={TEXT.join} description={TEXT.joinHint} onClick={goto(ROUTES.join)} testId='me-join' />
        )}
        {user && <EntryRow title={TEXT.joinStatus} onClick={goto(ROUTES.joinStatus)} testId='me-join-status' />}
      </View>

      <View className='me-page__entries'>
        <EntryRow title={TEXT.claimNew} description={TEXT.claimNewHint} onClick={goto(CLAIM_ROUTES.create)} testId='me-claim-new' />
        {user && <EntryRow title={TEXT.claimsMine} onClick={goto(CLAIM_ROUTES.mine)} testId='me-claims' />}
        {user && <EntryRow title={TEXT.wishesMine} description={TEXT.wishesMineHint} onClick={goto(`${WISH_ROUTES.mine}?tab=posted`)} testId='me-wishes' />}
        {user && <EntryRow title={TEXT.wishesClaimed} onClick={goto(`${WISH_ROUTES.mine}?tab=claimed`)} testId='me-wishes-claimed' />}
        {user && <EntryRow title={TEXT.myEvents} description={TEXT.myEventsHint} onClick={goto(STATION_ROUTES.myEvents)} testId='me-events' />}
      </View>

      <View className='me-page__entries'>
        {hasAnyRole(user, CLAIM_STAFF_ROLES) && <ClaimQueueEntry onClick={goto(CLAIM_ROUTES.staffQueue)} testId='me-staff-claims' />}
        {isStaff(user) && (
          <EntryRow title={TEXT.workbench} description={TEXT.workbenchHint} onClick={goto(ROUTES.staffHome)} testId='me-workbench' />
        )}
        <EntryRow title={TEXT.figures} description={TEXT.figuresHint} onClick={goto(CLAIM_ROUTES.figures)} testId='me-figures' />
        <EntryRow title={TEXT.privacy} onClick={goto(ROUTES.privacy)} testId='me-privacy' />
      </View>

      <View className='nx-bottom-actions'>
        {user ? (
          <Button className='nx-big-button' fill='outline' onClick={onLogout} data-testid='me-logout'>
            {TEXT.logout}
          </Button>
        ) : (
          <Button className='nx-big-button' type='primary' onClick={goto(ROUTES.login)} data-testid='me-login'>
            {TEXT.login}
          </Button>
        )}
      </View>
      <PrivacyPrompt />
    </View>
  );
}
