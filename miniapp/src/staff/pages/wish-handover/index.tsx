import { useCallback, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '../../../components/ui';
import { RetryCard } from '../../../components/page-states';
import { ClaimActionErrorBox } from '../../../components/claim-action-error';
import type { ClaimActionError } from '../../../components/claim-use-detail';
import { WishCard } from '../../../components/wish-card';
import { WISH_ROUTES, wishUrl } from '../../../components/wish-routes';
import { WishPickupPanel } from '../../../components/wish-pickup-panel';
import { isStaleWishError, WISH_DONE_TEXT } from '../../../components/wish-use-detail';
import { createActionKeys } from '../../../services/action-keys';
import { currentUser } from '../../../services/auth';
import { ApiError } from '../../../services/http';
import { fetchStationWishes, pickupWish, receiveWish, type Wish } from '../../../services/wishes';
import { errorMessage } from '../../../utils/error-message';
import { toastDone } from '../../../utils/feedback';
import { useLoadOnShow } from '../../../utils/use-page-visible';
import { hasAnyRole } from '../../../utils/user-display';
import { useLoggedIn } from '../../../utils/use-session';
import { NoAccess } from '../../components/no-access';
import { TOOL_ROLES } from '../../staff-roles';
import '../../staff-layout.scss';
import '../wish-screen/index.scss';

export const HANDOVER_TEXT = {
  intro: '送往你负责的驿站的心愿。爱心人士送来礼物后点「签收」；心愿人来领取时，扫描其会员码后点「确认领取」。',
  loading: '正在加载…',
  failed: '加载失败，请检查网络后下拉刷新',
  actionFailed: '操作失败，请检查网络后重试',
  empty: '本站暂时没有要交接的心愿',
  receive: '签收',
  pickup: '确认领取',
  line: {
    claimed: '已认领，等爱心人士送来',
    delivered: '爱心人士已送达，请核对后签收',
    received: '已签收，等心愿人凭会员码领取',
    picked_up: '心愿人已领取',
  } as Record<string, string>,
};

/** 心愿交接 for station masters: the wishes coming to, or held at, their stations (the server knows which); 签收, then 确认领取 after the wisher's card. */
export default function WishHandoverPage() {
  const loggedIn = useLoggedIn();
  const allowed = hasAnyRole(currentUser(), TOOL_ROLES.wishHandover);
  const [items, setItems] = useState<Wish[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<ClaimActionError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [pickingUp, setPickingUp] = useState<string | null>(null);
  const keys = useRef(createActionKeys()).current;

  const load = useCallback(async () => {
    try {
      setItems(await fetchStationWishes());
      setLoadError(null);
    } catch (err) {
      setLoadError(errorMessage(err, HANDOVER_TEXT.failed));
    }
  }, []);

  useLoadOnShow(() => {
    if (allowed) load();
  });

  const act = async (wish: Wish, action: 'receive' | 'pickup', body: unknown, send: (key: string) => Promise<Wish>) => {
    if (busy) return;
    const name = `${action}:${wish.id}`;
    setBusy(name);
    setActionError(null);
    try {
      const next = await send(keys.keyFor(name, body));
      keys.settle(name);
      setItems((list) => list?.map((w) => (w.id === next.id ? next : w)) ?? null);
      setPickingUp(null);
      toastDone(WISH_DONE_TEXT[action]);
    } catch (err) {
      keys.settle(name, err);
      const message = err instanceof ApiError && err.fieldErrors.length > 0 ? err.fieldErrors.map((f) => f.message).join('；') : errorMessage(err, HANDOVER_TEXT.actionFailed);
      setActionError({ message, stale: isStaleWishError(err) });
    } finally {
      setBusy(null);
    }
  };

  if (!allowed) return <NoAccess loggedIn={loggedIn} />;

  return (
    <View className='nx-page staff-layout wish-handover' data-testid='wish-handover'>
      <Text className='nx-text wish-screen__checklist'>{HANDOVER_TEXT.intro}</Text>
      {loadError && <RetryCard message={loadError} onRetry={load} testId='wish-handover-error' />}
      {!items && !loadError && <Text className='nx-text'>{HANDOVER_TEXT.loading}</Text>}
      {items && items.length === 0 && (
        <View className='nx-card' data-testid='wish-handover-empty'>
          <Text className='nx-text'>{HANDOVER_TEXT.empty}</Text>
        </View>
      )}
      <ClaimActionErrorBox error={actionError} onRefresh={() => {
        setActionError(null);
        load();
      }} />
      {items?.map((w) => (
        <View key={w.id} className='wish-handover__item' data-testid='wish-handover-item' data-id={w.id}>
          <WishCard
            testId='wish-handover-card'
            wish={{
              id: w.id,
              category: w.category,
              title: w.title,
              valueFen: w.valueFen,
              status: w.status,
              stationName: w.number ? `${w.station.name} · ${w.number}` : w.station.name,
              wisherAlias: w.wisher,
              line: HANDOVER_TEXT.line[w.status] ?? null,
            }}
            onOpen={(id) => Taro.navigateTo({ url: wishUrl(WISH_ROUTES.detail, id) })}
          />
          {pickingUp === w.id && w.actions.includes('pickup') ? (
            <WishPickupPanel
              busy={busy === `pickup:${w.id}`}
              onSubmit={(cardToken) => act(w, 'pickup', { cardToken }, (key) => pickupWish(w.id, cardToken, key))}
              onCancel={() => setPickingUp(null)}
            />
          ) : (
            (w.actions.includes('receive') || w.actions.includes('pickup')) && (
              <View className='wish-handover__buttons'>
                {w.actions.includes('receive') && (
                  <Button type='primary' loading={busy === `receive:${w.id}`} disabled={Boolean(busy)} onClick={() => act(w, 'receive', {}, (key) => receiveWish(w.id, key))} data-testid='wish-handover-receive'>
                    {HANDOVER_TEXT.receive}
                  </Button>
                )}
                {w.actions.includes('pickup') && (
                  <Button type='primary' disabled={Boolean(busy)} onClick={() => setPickingUp(w.id)} data-testid='wish-handover-pickup'>
                    {HANDOVER_TEXT.pickup}
                  </Button>
                )}
              </View>
            )
          )}
        </View>
      ))}
    </View>
  );
}
