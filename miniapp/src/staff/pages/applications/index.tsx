import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { ErrorCode } from '@nuanxin/shared';
import { Button } from '../../../components/ui';
import { currentUser } from '../../../services/auth';
import { ApiError } from '../../../services/http';
import { approveApplication, fetchApplications, rejectApplication, type Application } from '../../../services/memberships';
import { errorMessage } from '../../../utils/error-message';
import { toastDone } from '../../../utils/feedback';
import { hasAnyRole } from '../../../utils/user-display';
import { useCursorList } from '../../../utils/use-cursor-list';
import { useLoggedIn } from '../../../utils/use-session';
import { NoAccess } from '../../components/no-access';
import { TOOL_ROLES } from '../../staff-roles';
import { ApplicationItem } from './application-item';
import '../../staff-layout.scss';
import './index.scss';

const TEXT = {
  intro: '待审核的入会与转移申请，最新的在前。请在 30 分钟内处理。',
  empty: '没有待审核的申请',
  loading: '正在加载…',
  more: '加载更多',
  loadingMore: '正在加载…',
  failed: '加载失败，请检查网络后下拉刷新',
  retry: '重试',
  actionFailed: '操作失败，请检查网络后重试',
  approved: (no: string) => `已通过，会员号 ${no}`,
  rejected: '已驳回，申请人会收到原因',
  alreadyDecided: '该申请已被处理，已从列表移除',
};

/** 入会审批: pending applications in the officer's org subtree, 20 a page. */
export default function ApplicationsPage() {
  const loggedIn = useLoggedIn();
  const allowed = hasAnyRole(currentUser(), TOOL_ROLES.applications);
  const { items, setItems, cursor, loadingMore, error, loadFirst, loadMore } = useCursorList<Application>(
    (after) => fetchApplications({ status: 'pending', cursor: after }),
    TEXT.failed,
  );
  const [busyId, setBusyId] = useState<string | null>(null);
  const [itemErrors, setItemErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (allowed) loadFirst();
  }, [allowed, loadFirst]);

  const removeItem = (id: string) => setItems((list) => (list ?? []).filter((a) => a.id !== id));

  const decide = async (id: string, action: () => Promise<string>) => {
    setBusyId(id);
    setItemErrors(({ [id]: _dropped, ...rest }) => rest);
    try {
      const done = await action();
      setNotice(done);
      // The notice sits at the top; the item tapped may be far down the list.
      toastDone(done);
      removeItem(id);
    } catch (err) {
      if (err instanceof ApiError && (err.code === ErrorCode.APPLICATION_NOT_PENDING || err.status === 404)) {
        setNotice(TEXT.alreadyDecided);
        removeItem(id);
      } else setItemErrors((e) => ({ ...e, [id]: errorMessage(err, TEXT.actionFailed) }));
    } finally {
      setBusyId(null);
    }
  };

  if (!allowed) return <NoAccess loggedIn={loggedIn} />;

  return (
    <View className='nx-page staff-layout applications-page' data-testid='applications-page'>
      <Text className='nx-text applications-page__intro'>{TEXT.intro}</Text>
      {notice && (
        <Text className='applications-page__notice' data-testid='applications-notice'>
          {notice}
        </Text>
      )}
      {error && (
        <View className='nx-card' data-testid='applications-error'>
          <Text className='nx-text'>{error}</Text>
          <Button fill='outline' onClick={items ? loadMore : loadFirst}>
            {TEXT.retry}
          </Button>
        </View>
      )}
      {!items && !error && <Text className='nx-text'>{TEXT.loading}</Text>}
      {items && items.length === 0 && (
        <View className='nx-card' data-testid='applications-empty'>
          <Text className='nx-text'>{TEXT.empty}</Text>
        </View>
      )}
      {items?.map((app) => (
        <ApplicationItem
          key={app.id}
          app={app}
          busy={busyId === app.id}
          error={itemErrors[app.id]}
          onApprove={() => decide(app.id, async () => TEXT.approved((await approveApplication(app.id)).card?.memberNo ?? ''))}
          onReject={(reason) =>
            decide(app.id, async () => {
              await rejectApplication(app.id, reason);
              return TEXT.rejected;
            })
          }
        />
      ))}
      {cursor && (
        <Button className='nx-big-button' fill='outline' loading={loadingMore} disabled={loadingMore} onClick={loadMore} data-testid='applications-more'>
          {loadingMore ? TEXT.loadingMore : TEXT.more}
        </Button>
      )}
    </View>
  );
}
