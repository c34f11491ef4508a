import { useCallback, useEffect, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ROLE_LABELS } from '@nuanxin/shared';
import { RetryCard } from '../../../components/page-states';
import { currentUser } from '../../../services/auth';
import { cancelInvitation, fetchMerchantDetail, fetchStaff, revokeGrant, type StaffGrant, type StaffInvitation, type StaffList } from '../../../services/admin';
import { errorMessage } from '../../../utils/error-message';
import { toastDone } from '../../../utils/feedback';
import { hasAnyRole } from '../../../utils/user-display';
import { useLoggedIn, usePageParams } from '../../../utils/use-session';
import { NoAccess } from '../../components/no-access';
import { adminOrgCodes, isAdmin } from '../../org-scope';
import { TOOL_ROLES } from '../../staff-roles';
import { InviteForm } from './invite-form';
import '../../staff-layout.scss';
import './index.scss';

export const STAFF_TEXT = {
  loading: '正在加载工作人员…',
  failed: '加载失败，请检查网络后重试',
  grants: '已生效',
  none: '本组织还没有工作人员',
  invitations: '等待首次登录',
  noInvitations: '没有等待中的邀请',
  you: '（你）',
  revoke: '撤销',
  cancel: '撤回',
  revokeTitle: '撤销授权',
  revokeBody: (who: string, role: string) => `撤销 ${who} 的「${role}」角色？对方下一次操作起即不能再使用相关工具。`,
  cancelTitle: '撤回邀请',
  cancelBody: (who: string) => `撤回对 ${who} 的邀请？对方登录后不会再获得该角色。`,
  revoked: '已撤销',
  cancelled: '已撤回',
  actionFailed: '操作失败，请稍后重试',
};
const T = STAFF_TEXT;

const who = (g: StaffGrant) => g.mobileMasked ?? g.nickname ?? '微信用户';
const roleOf = (g: StaffGrant | StaffInvitation, merchants: Record<string, string>) =>
  g.station ? `${ROLE_LABELS[g.role]} · ${g.station.name ?? g.station.code ?? ''}` : g.merchantId ? `${ROLE_LABELS[g.role]} · ${merchants[g.merchantId] ?? ''}` : ROLE_LABELS[g.role];

/** 工作人员: one org's staff with masked mobiles, waiting invitations, invite by mobile, revoke after a confirm. */
export default function StaffPage() {
  const params = usePageParams();
  const loggedIn = useLoggedIn();
  const user = currentUser();
  const allowed = hasAnyRole(user, TOOL_ROLES.staff);
  const orgCode = params.orgCode ?? adminOrgCodes(user)[0] ?? null;
  const [list, setList] = useState<StaffList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [merchants, setMerchants] = useState<Record<string, string>>({});

  const load = useCallback(async () => {
    if (!orgCode) return;
    setError(null);
    try {
      const staff = await fetchStaff(orgCode);
      setList(staff);
      // Merchant grants carry the merchant's id: name the shop (a failed look-up leaves the role alone).
      const ids = [...new Set([...staff.grants, ...staff.invitations].map((g) => g.merchantId).filter((id): id is string => !!id))];
      const named = await Promise.all(ids.map((id) => fetchMerchantDetail(id).then((m) => [id, m.name] as const, () => null)));
      setMerchants(Object.fromEntries(named.filter((n): n is readonly [string, string] => !!n)));
    } catch (err) {
      setError(errorMessage(err, T.failed));
    }
  }, [orgCode]);

  useEffect(() => {
    if (allowed) load();
  }, [allowed, load]);
  usePullDownRefresh(() => {
    load().finally(() => Taro.stopPullDownRefresh());
  });

  const confirmThen = async (title: string, content: string, act: () => Promise<void>, done: string) => {
    const { confirm } = await Taro.showModal({ title, content });
    if (!confirm) return;
    setNotice(null);
    try {
      await act();
      toastDone(done);
      await load();
    } catch (err) {
      setNotice(errorMessage(err, T.actionFailed));
    }
  };

  if (!allowed || !orgCode) return <NoAccess loggedIn={loggedIn} />;
  if (!list) {
    return (
      <View className='nx-page staff-layout staff-page' data-testid='staff-loading'>
        {error ? <RetryCard message={error} onRetry={load} testId='staff-error' /> : <Text className='nx-text'>{T.loading}</Text>}
      </View>
    );
  }

  return (
    <View className='nx-page staff-layout staff-layout--two staff-page' data-testid='staff-page'>
      <View className='staff-layout__main'>
        <Text className='nx-title' data-testid='staff-org'>
          {list.org.name}
        </Text>
        {notice && (
          <View className='staff-page__notice' data-testid='staff-notice'>
            <Text>{notice}</Text>
          </View>
        )}
        <Text className='staff-page__heading'>{T.grants}</Text>
        {list.grants.length === 0 && <Text className='nx-text'>{T.none}</Text>}
        {list.grants.map((g) => (
          <View key={g.id} className='staff-page__row' data-testid='staff-grant'>
            <View className='staff-page__text'>
              <Text className='staff-page__who'>{`${who(g)}${g.userId === user?.id ? T.you : ''}`}</Text>
              <Text className='staff-page__role'>{roleOf(g, merchants)}</Text>
            </View>
            {g.userId !== user?.id && (
              <Text
                className='staff-page__action'
                onClick={() => confirmThen(T.revokeTitle, T.revokeBody(who(g), ROLE_LABELS[g.role]), () => revokeGrant(g.id), T.revoked)}
                data-testid='staff-revoke'
              >
                {T.revoke}
              </Text>
            )}
          </View>
        ))}
        <Text className='staff-page__heading'>{T.invitations}</Text>
        {list.invitations.length === 0 && <Text className='nx-text'>{T.noInvitations}</Text>}
        {list.invitations.map((i) => (
          <View key={i.id} className='staff-page__row' data-testid='staff-invitation'>
            <View className='staff-page__text'>
              <Text className='staff-page__who'>{i.mobileMasked}</Text>
              <Text className='staff-page__role'>{roleOf(i, merchants)}</Text>
            </View>
            <Text className='staff-page__action' onClick={() => confirmThen(T.cancelTitle, T.cancelBody(i.mobileMasked), () => cancelInvitation(i.id), T.cancelled)} data-testid='staff-cancel'>
              {T.cancel}
            </Text>
          </View>
        ))}
      </View>
      <View className='staff-layout__side'>
        <InviteForm org={list.org} canGrantAdmin={isAdmin(user) && list.org.level === 'city'} onDone={() => load()} />
      </View>
    </View>
  );
}
