import { useEffect, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { formatYuan, type CampaignDetail, type CampaignStatus } from '@nuanxin/shared';
import { Button, Input } from '../../../components/ui';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField } from '../../../components/form-field';
import { RetryCard } from '../../../components/page-states';
import { BENEFIT_ROUTES, benefitUrl } from '../../../components/benefit-routes';
import { createActionKeys } from '../../../services/action-keys';
import { currentUser } from '../../../services/auth';
import { actOnCampaign, fetchManagedCampaigns, type CampaignAction } from '../../../services/benefits';
import { errorMessage } from '../../../utils/error-message';
import { formatDateTime } from '../../../utils/format';
import { toastDone } from '../../../utils/feedback';
import { useCursorList } from '../../../utils/use-cursor-list';
import { hasAnyRole } from '../../../utils/user-display';
import { useLoggedIn } from '../../../utils/use-session';
import { NoAccess } from '../../components/no-access';
import { TOOL_ROLES } from '../../staff-roles';
import '../../staff-layout.scss';
import './index.scss';

export const CAMPAIGNS_TEXT = {
  create: '新建优惠活动',
  filters: ['全部', '待审批'],
  loading: '正在加载…',
  failed: '加载失败，请检查网络后下拉刷新',
  empty: '还没有优惠活动',
  emptyPending: '没有待审批的商户优惠',
  more: '加载更多',
  window: (o: string, c: string) => `${o} 开抢，${c} 截止`,
  budget: (b: string, left: number, stock: number) => `预算 ${b}，剩余 ${left} / ${stock} 份`,
  proposedBy: (name: string) => `商户提议：${name}`,
  rejected: (reason: string) => `未通过：${reason}`,
  edit: '修改',
  publish: '发布',
  approve: '通过并发布',
  reject: '驳回',
  close: '停止领取',
  closeTitle: '停止领取',
  closeBody: (t: string) => `确定停止「${t}」的领取吗？已领取的券仍然有效。`,
  reason: '驳回理由（商户会看到）',
  needReason: '请填写驳回理由',
  confirmReject: '确认驳回',
  done: { publish: '活动已发布', reject: '已驳回', close: '已停止领取' } satisfies Record<CampaignAction, string>,
  actionFailed: '操作失败，请检查网络后重试',
};

/** 优惠活动: the campaigns in scope (officers/admin) or my proposals (merchant); publish, approve, reject, stop. */
export default function CampaignsPage() {
  const loggedIn = useLoggedIn();
  const allowed = hasAnyRole(currentUser(), TOOL_ROLES.campaigns);
  const [status, setStatus] = useState<CampaignStatus | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<{ id: string; reason: string; error: string | null } | null>(null);
  const [notice, setNotice] = useState<{ id: string; text: string } | null>(null);
  const keys = useRef(createActionKeys()).current;
  const list = useCursorList<CampaignDetail>((cursor) => fetchManagedCampaigns(status, cursor), CAMPAIGNS_TEXT.failed);
  const { items, setItems, loadFirst, reset } = list;

  useEffect(() => {
    if (!allowed) return;
    reset();
    loadFirst();
  }, [allowed, status, reset, loadFirst]);
  // Back from the editor: the saved or published campaign.
  const firstShow = useRef(true);
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false;
    else if (allowed) loadFirst();
  });

  const filter = (label: string | null) => setStatus(label === CAMPAIGNS_TEXT.filters[1] ? 'pending_approval' : null);

  const act = async (c: CampaignDetail, action: CampaignAction, body: { reason?: string } = {}) => {
    if (action === 'reject' && !body.reason?.trim()) return setRejecting({ id: c.id, reason: body.reason ?? '', error: CAMPAIGNS_TEXT.needReason });
    if (action === 'close') {
      const { confirm } = await Taro.showModal({ title: CAMPAIGNS_TEXT.closeTitle, content: CAMPAIGNS_TEXT.closeBody(c.title) });
      if (!confirm) return;
    }
    const k = `${action}:${c.id}`;
    setBusy(c.id);
    setNotice(null);
    try {
      const next = await actOnCampaign(c.id, action, body, keys.keyFor(k, body));
      keys.settle(k);
      setItems((all) => (all ? all.map((x) => (x.id === next.id ? next : x)) : all));
      setRejecting(null);
      toastDone(CAMPAIGNS_TEXT.done[action]);
    } catch (err) {
      keys.settle(k, err);
      setNotice({ id: c.id, text: errorMessage(err, CAMPAIGNS_TEXT.actionFailed) });
    } finally {
      setBusy(null);
    }
  };

  if (!allowed) return <NoAccess loggedIn={loggedIn} />;

  return (
    <View className='nx-page staff-layout campaigns-page' data-testid='campaigns-page'>
      <Button className='nx-big-button' type='primary' onClick={() => Taro.navigateTo({ url: BENEFIT_ROUTES.staffCampaignEdit })} data-testid='campaigns-create'>
        {CAMPAIGNS_TEXT.create}
      </Button>
      <ChoiceChips options={CAMPAIGNS_TEXT.filters} value={CAMPAIGNS_TEXT.filters[status ? 1 : 0]} onChange={filter} testId='campaigns-filter' />
      {list.error && !items && <RetryCard message={list.error} onRetry={loadFirst} testId='campaigns-error' />}
      {!items && !list.error && <Text className='nx-text'>{CAMPAIGNS_TEXT.loading}</Text>}
      {items && items.length === 0 && (
        <View className='nx-card' data-testid='campaigns-empty'>
          <Text className='nx-text'>{status ? CAMPAIGNS_TEXT.emptyPending : CAMPAIGNS_TEXT.empty}</Text>
        </View>
      )}
      {items?.map((c) => (
        <View key={c.id} className='nx-card campaigns-page__item' data-testid='campaigns-item' data-status={c.status}>
          <View className='campaigns-page__head'>
            <Text className='campaigns-page__title'>{c.title}</Text>
            <Text className={`campaigns-page__status campaigns-page__status--${c.status}`} data-testid='campaigns-item-status'>
              {c.status === 'published' ? c.stateLabel : c.statusLabel}
            </Text>
          </View>
          <Text className='campaigns-page__line'>{c.items.map((it) => `${it.title} × ${it.count}`).join('，')}</Text>
          <Text className='campaigns-page__meta'>{CAMPAIGNS_TEXT.budget(formatYuan(c.budgetFen), c.remaining, c.stock)}</Text>
          <Text className='campaigns-page__meta'>{CAMPAIGNS_TEXT.window(formatDateTime(c.claimOpensAt), formatDateTime(c.claimClosesAt))}</Text>
          {c.proposedBy && <Text className='campaigns-page__meta'>{CAMPAIGNS_TEXT.proposedBy(c.proposedBy.name)}</Text>}
          {c.rejectReason && <Text className='campaigns-page__error'>{CAMPAIGNS_TEXT.rejected(c.rejectReason)}</Text>}
          {notice?.id === c.id && (
            <Text className='campaigns-page__error' data-testid='campaigns-item-error'>
              {notice.text}
            </Text>
          )}
          {rejecting?.id === c.id && (
            <FormField label={CAMPAIGNS_TEXT.reason} error={rejecting.error} testId='campaigns-reject-reason'>
              <Input value={rejecting.reason} maxLength={200} onChange={(v) => setRejecting({ id: c.id, reason: v, error: null })} />
            </FormField>
          )}
          <View className='campaigns-page__actions'>
            {c.actions.includes('edit') && (
              <Button fill='outline' disabled={busy === c.id} onClick={() => Taro.navigateTo({ url: benefitUrl(BENEFIT_ROUTES.staffCampaignEdit, c.id) })} data-testid='campaigns-edit'>
                {CAMPAIGNS_TEXT.edit}
              </Button>
            )}
            {c.actions.includes('publish') && (
              <Button type='primary' disabled={busy === c.id} onClick={() => act(c, 'publish')} data-testid='campaigns-publish'>
                {c.status === 'pending_approval' ? CAMPAIGNS_TEXT.approve : CAMPAIGNS_TEXT.publish}
              </Button>
            )}
            {c.actions.includes('reject') && (
              <Button fill='outline' disabled={busy === c.id} onClick={() => (rejecting?.id === c.id ? act(c, 'reject', { reason: rejecting.reason.trim() }) : setRejecting({ id: c.id, reason: '', error: null }))} data-testid='campaigns-reject'>
                {rejecting?.id === c.id ? CAMPAIGNS_TEXT.confirmReject : CAMPAIGNS_TEXT.reject}
              </Button>
            )}
            {c.actions.includes('close') && (
              <Button fill='outline' disabled={busy === c.id} onClick={() => act(c, 'close')} data-testid='campaigns-close'>
                {CAMPAIGNS_TEXT.close}
              </Button>
            )}
          </View>
        </View>
      ))}
      {items && list.cursor && (
        <Button fill='outline' disabled={list.loadingMore} onClick={list.loadMore} data-testid='campaigns-more'>
          {CAMPAIGNS_TEXT.more}
        </Button>
      )}
    </View>
  );
}
