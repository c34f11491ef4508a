import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '../../components/ui';
import { LoginNeeded, RetryCard } from '../../components/page-states';
import { fetchInbox, markAllMessagesRead, markMessageRead, type InboxMessage } from '../../services/notifications';
import { formatDateTime } from '../../utils/format';
import { useCursorList } from '../../utils/use-cursor-list';
import { useLoggedIn } from '../../utils/use-session';
import { openMessageLink } from './message-link';
import './index.scss';

export const MESSAGES_TEXT = {
  loginNeeded: '登录后查看你的消息：诉求办理进度、入会审核结果和活动变动',
  loading: '正在加载…',
  failed: '消息加载失败，请检查网络后重试',
  empty: '暂无消息',
  emptyHint: '诉求办理进度、入会审核结果和活动变动会发到这里。',
  unread: (n: number) => `${n} 条未读`,
  allRead: '没有未读消息',
  readAll: '全部已读',
  readAllFailed: '没有标记成功，请稍后再试',
  unreadMark: '未读',
  more: '加载更多',
  loadingMore: '正在加载…',
  linkFailed: '这条消息的页面打不开了',
};

/** 消息: what the union sent me, newest first; tap one to read it and open what it is about. */
export default function MessagesPage() {
  const loggedIn = useLoggedIn();
  const [unread, setUnread] = useState(0);
  const { items, setItems, cursor, loadingMore, error, loadFirst, loadMore, reset } = useCursorList<InboxMessage>(async (after) => {
    const page = await fetchInbox(after);
    setUnread(page.unread);
    return page;
  }, MESSAGES_TEXT.failed);

  // On open and as soon as the session exists (back from the login page); pull-down refresh reloads too.
  useEffect(() => {
    if (loggedIn) loadFirst();
    else reset();
  }, [loggedIn, loadFirst, reset]);

  const markReadHere = (id: string | null) => {
    const now = new Date().toISOString();
    setItems((list) => list && list.map((m) => (m.readAt || (id !== null && m.id !== id) ? m : { ...m, readAt: now })));
  };

  const open = async (m: InboxMessage) => {
    if (!m.readAt) {
      markReadHere(m.id);
      setUnread((n) => Math.max(0, n - 1));
      // The list already shows it read; if the server missed it, the next refresh shows it unread again.
      markMessageRead(m.id).catch(() => undefined);
    }
    if (m.link && !(await openMessageLink(m.link))) {
      Taro.showToast({ title: MESSAGES_TEXT.linkFailed, icon: 'none' }).catch(() => undefined);
    }
  };

  const readAll = async () => {
    try {
      const { unread: left } = await markAllMessagesRead();
      markReadHere(null);
      setUnread(left ?? 0);
    } catch {
      Taro.showToast({ title: MESSAGES_TEXT.readAllFailed, icon: 'none' }).catch(() => undefined);
    }
  };

  if (!loggedIn) return <LoginNeeded text={MESSAGES_TEXT.loginNeeded} testId='messages-login-needed' />;

  return (
    <View className='nx-page messages-page' data-testid='messages'>
      {items && items.length > 0 && (
        <View className='messages-page__bar'>
          <Text className='messages-page__count' data-testid='messages-unread'>
            {unread > 0 ? MESSAGES_TEXT.unread(unread) : MESSAGES_TEXT.allRead}
          </Text>
          {unread > 0 && (
            <View className='messages-page__read-all' role='button' onClick={readAll} data-testid='messages-read-all'>
              <Text>{MESSAGES_TEXT.readAll}</Text>
            </View>
          )}
        </View>
      )}
      {error && <RetryCard message={error} onRetry={items && cursor ? loadMore : loadFirst} testId='messages-error' />}
      {!items && !error && <Text className='nx-text'>{MESSAGES_TEXT.loading}</Text>}
      {items && items.length === 0 && (
        <View className='nx-card' data-testid='messages-empty'>
          <Text className='nx-title'>{MESSAGES_TEXT.empty}</Text>
          <Text className='nx-text'>{MESSAGES_TEXT.emptyHint}</Text>
        </View>
      )}
      {items && items.length > 0 && (
        <View className='messages-page__list'>
          {items.map((m) => (
            <View
              key={m.id}
              className='messages-page__item'
              hoverClass='messages-page__item--pressed'
              role='button'
              onClick={() => open(m)}
              data-testid='message-item'
              data-id={m.id}
              data-unread={m.readAt ? 'false' : 'true'}
            >
              <View className='messages-page__head'>
                {!m.readAt && <View className='messages-page__dot' aria-label={MESSAGES_TEXT.unreadMark} data-testid='message-unread-dot' />}
                <Text className={m.readAt ? 'messages-page__title' : 'messages-page__title messages-page__title--unread'} data-testid='message-title'>
                  {m.title}
                </Text>
              </View>
              <Text className='messages-page__body' data-testid='message-body'>
                {m.body}
              </Text>
              <Text className='messages-page__time'>{formatDateTime(m.createdAt)}</Text>
            </View>
          ))}
        </View>
      )}
      {cursor && (
        <Button className='nx-big-button' fill='outline' loading={loadingMore} disabled={loadingMore} onClick={loadMore} data-testid='messages-more'>
          {loadingMore ? MESSAGES_TEXT.loadingMore : MESSAGES_TEXT.more}
        </Button>
      )}
    </View>
  );
}
