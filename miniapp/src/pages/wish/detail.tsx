import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { WISH_RULES, type WishAction } from '@nuanxin/shared';
import { Button } from '../../components/ui';
// Stylesheets in the order the other pages give them: chips, photos and text areas, then the page states and the
// privacy prompt, then the wish card (as on the 心愿 tab).
import { ClaimSheet } from './claim-sheet';
import { DeliverPanel } from './deliver-panel';
import { DetailPending, LoginNeeded } from '../../components/page-states';
import { PrivacyPrompt } from '../../components/privacy-prompt';
import { ClaimActionErrorBox } from '../../components/claim-action-error';
import { ClaimTextPanel } from '../../components/claim-text-panel';
import { WishFacts } from '../../components/wish-facts';
import { WishTimeline } from '../../components/wish-timeline';
import { WishPickupPanel } from '../../components/wish-pickup-panel';
import { useWishDetail } from '../../components/wish-use-detail';
import { WISH_ROUTES, wishUrl } from '../../components/wish-routes';
import { cancelWish, claimWish, closeWish, confirmWish, deliverWish, pickupWish, receiveWish, releaseWish, thankWish } from '../../services/wishes';
import { useLoggedIn, usePageParams } from '../../utils/use-session';
import './wish.scss';

export const DETAIL_TEXT = {
  loginNeeded: '登录后查看心愿详情、认领心愿',
  timeline: '进度',
  claim: '认领',
  cancel: '撤回心愿',
  cancelTitle: '撤回心愿',
  cancelBody: '撤回后心愿不再显示在心愿墙上，确定撤回吗？',
  release: '放弃认领',
  releaseTitle: '放弃认领',
  releaseBody: '放弃后心愿回到心愿墙，其他人可以认领，确定放弃吗？',
  deliver: '标记已送达',
  confirm: '确认收到并致谢',
  thanksTitle: '确认收到',
  thanksHint: '写一句感谢的话，会和心愿一起显示在心愿墙上（不要写手机号等个人信息）。',
  thanksPlaceholder: '如：收到了，孩子很喜欢，谢谢你！',
  thanksSubmit: '确认并致谢',
  thank: '写下感谢',
  thankTitle: '写下感谢',
  thankSubmit: '发送感谢',
  receive: '驿站签收',
  pickup: '确认领取',
  screen: '去审核',
  close: '关闭心愿',
  closeTitle: '关闭心愿',
  closeHint: '送达 14 天后心愿人仍未确认时，可以写明情况后关闭。',
  closeSubmit: '确认关闭',
};

type Panel = 'claim' | 'deliver' | 'confirm' | 'thank' | 'pickup' | 'close' | null;

/** 心愿详情: the wish and its timeline, and the caller's next step as buttons (from `actions`). */
export default function WishDetailPage() {
  const { id, claim } = usePageParams();
  const loggedIn = useLoggedIn();
  const { wish, loadError, actionError, busy, run, refresh, load } = useWishDetail(id, loggedIn);
  // From the wall card's 认领: the sheet is open as soon as the wish may be claimed (shown only while it may).
  const [panel, setPanel] = useState<Panel>(claim === '1' ? 'claim' : null);

  // Back from the login page: load as soon as the session exists.
  useEffect(() => {
    if (loggedIn) load();
  }, [loggedIn, load]);

  if (!loggedIn) return <LoginNeeded text={DETAIL_TEXT.loginNeeded} testId='wish-login-needed' />;

  if (!wish) return <DetailPending loadError={loadError} canRetry={!!id} onRetry={refresh} testId='wish' className='wish-page' />;

  const can = (a: WishAction | 'thank') => wish.actions.includes(a);
  const confirm = async (title: string, content: string) => (await Taro.showModal({ title, content })).confirm;
  const toggle = (p: Panel) => setPanel((open) => (open === p ? null : p));
  const done = (ok: boolean) => {
    if (ok) setPanel(null);
    return ok;
  };

  const onCancel = async () => {
    if (await confirm(DETAIL_TEXT.cancelTitle, DETAIL_TEXT.cancelBody)) await run('cancel', {}, (key) => cancelWish(wish.id, key));
  };
  const onRelease = async () => {
    if (await confirm(DETAIL_TEXT.releaseTitle, DETAIL_TEXT.releaseBody)) await run('release', {}, (key) => releaseWish(wish.id, key));
  };

  return (
    <View className='nx-page wish-page' data-testid='wish-detail' data-viewer={wish.viewer}>
      <WishFacts wish={wish} />
      {wish.timeline.length > 0 && <Text className='wish-page__section'>{DETAIL_TEXT.timeline}</Text>}
      <WishTimeline entries={wish.timeline} />

      <ClaimActionErrorBox error={actionError} onRefresh={refresh} />

      {panel === 'claim' && can('claim') && (
        <ClaimSheet busy={busy === 'claim'} onSubmit={(body) => run('claim', body, (key) => claimWish(wish.id, body, key)).then(done)} onCancel={() => setPanel(null)} />
      )}
      {panel === 'deliver' && can('deliver') && (
        <DeliverPanel
          station={wish.station.name}
          initial={wish.handover}
          busy={busy === 'deliver'}
          onSubmit={(body) => run('deliver', body, (key) => deliverWish(wish.id, body, key)).then(done)}
          onCancel={() => setPanel(null)}
        />
      )}
      {panel === 'confirm' && can('confirm') && (
        <ClaimTextPanel
          title={DETAIL_TEXT.thanksTitle}
          hint={DETAIL_TEXT.thanksHint}
          placeholder={DETAIL_TEXT.thanksPlaceholder}
          submitLabel={DETAIL_TEXT.thanksSubmit}
          max={WISH_RULES.thanksMax}
          busy={busy === 'confirm'}
          onSubmit={(thanks) => run('confirm', { thanks }, (key) => confirmWish(wish.id, thanks, key)).then(done)}
          onCancel={() => setPanel(null)}
          testId='wish-thanks-panel'
        />
      )}
      {panel === 'thank' && can('thank') && (
        <ClaimTextPanel
          title={DETAIL_TEXT.thankTitle}
          hint={DETAIL_TEXT.thanksHint}
          placeholder={DETAIL_TEXT.thanksPlaceholder}
          submitLabel={DETAIL_TEXT.thankSubmit}
          max={WISH_RULES.thanksMax}
          busy={busy === 'thank'}
          onSubmit={(thanks) => run('thank', { thanks }, (key) => thankWish(wish.id, thanks, key)).then(done)}
          onCancel={() => setPanel(null)}
          testId='wish-thank-panel'
        />
      )}
      {panel === 'pickup' && can('pickup') && (
        <WishPickupPanel busy={busy === 'pickup'} onSubmit={(token) => run('pickup', { token }, (key) => pickupWish(wish.id, token, key)).then(done)} onCancel={() => setPanel(null)} />
      )}
      {panel === 'close' && can('close') && (
        <ClaimTextPanel
          title={DETAIL_TEXT.closeTitle}
          hint={DETAIL_TEXT.closeHint}
          submitLabel={DETAIL_TEXT.closeSubmit}
          min={2}
          max={200}
          busy={busy === 'close'}
          onSubmit={(note) => run('close', { note }, (key) => closeWish(wish.id, note, key)).then(done)}
          onCancel={() => setPanel(null)}
          testId='wish-close-panel'
        />
      )}

      <View className='claim-actions'>
        {can('claim') && panel !== 'claim' && (
          <Button type='primary' onClick={() => toggle('claim')} data-testid='wish-action-claim'>
            {DETAIL_TEXT.claim}
          </Button>
        )}
        {can('deliver') && panel !== 'deliver' && (
          <Button type='primary' onClick={() => toggle('deliver')} data-testid='wish-action-deliver'>
            {DETAIL_TEXT.deliver}
          </Button>
        )}
        {can('confirm') && panel !== 'confirm' && (
          <Button type='primary' onClick={() => toggle('confirm')} data-testid='wish-action-confirm'>
            {DETAIL_TEXT.confirm}
          </Button>
        )}
        {can('thank') && panel !== 'thank' && (
          <Button type='primary' onClick={() => toggle('thank')} data-testid='wish-action-thank'>
            {DETAIL_TEXT.thank}
          </Button>
        )}
        {can('receive') && (
          <Button type='primary' loading={busy === 'receive'} disabled={Boolean(busy)} onClick={() => run('receive', {}, (key) => receiveWish(wish.id, key))} data-testid='wish-action-receive'>
            {DETAIL_TEXT.receive}
          </Button>
        )}
        {can('pickup') && panel !== 'pickup' && (
          <Button type='primary' onClick={() => toggle('pickup')} data-testid='wish-action-pickup'>
            {DETAIL_TEXT.pickup}
          </Button>
        )}
        {(can('approve') || can('reject')) && (
          <Button type='primary' onClick={() => Taro.navigateTo({ url: wishUrl(WISH_ROUTES.staffScreen, wish.id) })} data-testid='wish-action-screen'>
            {DETAIL_TEXT.screen}
          </Button>
        )}
        {can('release') && (
          <Button fill='outline' loading={busy === 'release'} disabled={Boolean(busy)} onClick={onRelease} data-testid='wish-action-release'>
            {DETAIL_TEXT.release}
          </Button>
        )}
        {can('cancel') && (
          <Button fill='outline' loading={busy === 'cancel'} disabled={Boolean(busy)} onClick={onCancel} data-testid='wish-action-cancel'>
            {DETAIL_TEXT.cancel}
          </Button>
        )}
        {can('close') && panel !== 'close' && (
          <Button fill='outline' onClick={() => toggle('close')} data-testid='wish-action-close'>
            {DETAIL_TEXT.close}
          </Button>
        )}
      </View>
      {/* chooseImage (the delivery photo) is a WeChat privacy API: its consent prompt must be on the page that calls it. */}
      <PrivacyPrompt />
    </View>
  );
}
