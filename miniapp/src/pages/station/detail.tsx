import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ErrorCode, HOST_TYPES, Role, SERVICE_CATALOGUE, SERVICE_CATEGORIES, STATION_LEVELS } from '@nuanxin/shared';
import { Button } from '../../components/ui';
import { EntryRow } from '../../components/entry-row';
import { eventPhase, StationEventCard } from '../../components/station-event-card';
import { beijingWeekday, formatPeriod, WEEKDAY_LABELS, weeklyHoursLines } from '../../components/station-format';
import { StationOpenBadge } from '../../components/station-open-badge';
import { ServiceIcon } from '../../components/station-service-icon';
import { STATION_ROUTES, stationUrl } from '../../components/station-routes';
import { currentUser } from '../../services/auth';
import { ApiError, newIdempotencyKey } from '../../services/http';
import { cancelSignup, fetchMyEvents, fetchStation, signUpForEvent, type StationDetail, type StationEvent } from '../../services/stations';
import { errorMessage } from '../../utils/error-message';
import { askSubscribeConsent, useSubscribeTemplates } from '../../utils/subscribe-consent';
import { hasAnyRole } from '../../utils/user-display';
import { goLogin, useLoggedIn, usePageParams } from '../../utils/use-session';
import { openNavigation } from './navigate';
import { RatingForm } from './rating-form';
import './detail.scss';

const TEXT = {
  loading: '正在加载驿站信息…',
  failed: '驿站信息加载失败，请检查网络后重试',
  retry: '重试',
  noId: '没有指定驿站，请从驿站列表进入',
  notFound: '驿站不存在',
  notFoundBody: '这个驿站可能已停用或撤销，也可能是链接有误。回到列表看看附近的驿站吧。',
  toList: '返回驿站列表',
  navigate: '导航',
  call: '拨打电话',
  rating: (r: number, n: number) => `${r} 分 · ${n} 人评价`,
  noRating: '暂无评价',
  services: '服务项目',
  special: '特色',
  noServices: '暂未登记服务项目',
  hours: '开放时间',
  today: '今天',
  everyDay: '每天',
  closures: '临时闭站',
  events: '近期活动',
  noEvents: '近期没有活动',
  signUp: '报名',
  signingUp: '报名中…',
  cancel: '取消报名',
  full: '名额已满',
  signedUp: '报名成功，记得准时参加',
  cancelled: '已取消报名',
  cancelConfirmTitle: '取消报名',
  cancelConfirmBody: '取消后名额会让给其他人，确定取消吗？',
  loginToSignUp: '登录后报名',
  eventStarted: '活动已经开始，不能再报名了，请留意驿站的下一场活动',
  eventOver: '活动已结束，请留意驿站的下一场活动',
  eventCancelled: '活动已取消，请留意驿站的其他活动',
  stationSuspended: '该驿站已暂停开放，活动报名已关闭，请选择其他驿站',
  staffEdit: '维护本站',
  staffEditHint: '营业状态、开放时间、临时闭站、服务项目',
  staffEvents: '活动管理',
  staffEventsHint: '发布和取消本站活动',
};

const CATEGORY_ITEMS = SERVICE_CATEGORIES.map((c) => ({ ...c, items: SERVICE_CATALOGUE.filter((s) => s.category === c.code) }));
const LEVEL_LABELS: Record<string, string> = Object.fromEntries(STATION_LEVELS.map((l) => [l.code, l.label]));
const HOST_LABELS: Record<string, string> = Object.fromEntries(HOST_TYPES.map((h) => [h.code, h.label]));
const STAFF: readonly Role[] = [Role.STATION_MASTER, Role.OFFICER, Role.ADMIN];

type Notice = { eventId: string; text: string; error: boolean };

/** One station: open now, services by category, the week's hours, closures, events to sign up for, call, navigate, rate. */
export default function StationDetailPage() {
  const { id } = usePageParams();
  const loggedIn = useLoggedIn();
  const [station, setStation] = useState<StationDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The server does not know this id (a stale share or a typo): no 重试, a way back to the list. */
  const [missing, setMissing] = useState(false);
  const [mine, setMine] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  /** Events the server said have started or ended (whatever this phone's clock says). */
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set());
  /** The server said the station was suspended meanwhile: no more sign-ups here. */
  const [suspended, setSuspended] = useState(false);
  // One key per event while a sign-up's outcome is unknown (network), so 重试 is the same request.
  const signupKeys = useRef(new Map<string, string>());
  useSubscribeTemplates();

  const load = useCallback(async () => {
    if (!id) return;
    try {
      const [detail, myEvents] = await Promise.all([fetchStation(id), loggedIn ? fetchMyEvents().catch(() => null) : Promise.resolve([])]);
      setStation(detail);
      setSuspended(false);
      if (myEvents) setMine(new Set(myEvents.filter((e) => e.status === 'scheduled').map((e) => e.id)));
      setError(null);
      Taro.setNavigationBarTitle({ title: detail.name }).catch(() => undefined);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) setMissing(true);
      else setError(errorMessage(err, TEXT.failed));
    }
  }, [id, loggedIn]);

  useEffect(() => {
    load();
  }, [load]);

  usePullDownRefresh(() => {
    load().finally(() => Taro.stopPullDownRefresh());
  });

  const replaceEvent = (next: StationEvent) => setStation((s) => (s ? { ...s, events: s.events.map((e) => (e.id === next.id ? next : e)) } : s));
  const markFull = (eventId: string) =>
    setStation((s) => (s ? { ...s, events: s.events.map((e) => (e.id === eventId ? { ...e, seatsLeft: 0, signedUp: e.capacity } : e)) } : s));

  const signUp = async (event: StationEvent) => {
    if (!loggedIn) return goLogin();
    // WeChat only asks inside the tap, before any await; the sign-up goes ahead whatever the answer.
    askSubscribeConsent('event');
    const key = signupKeys.current.get(event.id) ?? newIdempotencyKey();
    signupKeys.current.set(event.id, key);
    setBusy(event.id);
    setNotice(null);
    try {
      replaceEvent(await signUpForEvent(event.id, key));
      signupKeys.current.delete(event.id);
      setMine((m) => new Set([...m, event.id]));
      setNotice({ eventId: event.id, text: TEXT.signedUp, error: false });
    } catch (err) {
      if (!(err instanceof ApiError && err.isNetworkError)) signupKeys.current.delete(event.id);
      if (err instanceof ApiError && err.code === ErrorCode.EVENT_FULL) {
        markFull(event.id);
        setNotice({ eventId: event.id, text: TEXT.full, error: true });
      } else if (err instanceof ApiError && (err.code === ErrorCode.EVENT_STARTED || err.code === ErrorCode.EVENT_OVER)) {
        setClosed((c) => new Set([...c, event.id]));
        setNotice({ eventId: event.id, text: err.code === ErrorCode.EVENT_STARTED ? TEXT.eventStarted : TEXT.eventOver, error: true });
      } else if (err instanceof ApiError && err.code === ErrorCode.EVENT_CANCELLED) {
        replaceEvent({ ...event, status: 'cancelled' });
        setNotice({ eventId: event.id, text: TEXT.eventCancelled, error: true });
      } else if (err instanceof ApiError && err.code === ErrorCode.STATION_SUSPENDED) {
        setSuspended(true);
        setNotice({ eventId: event.id, text: TEXT.stationSuspended, error: true });
      } else if (err instanceof ApiError && err.code === ErrorCode.ALREADY_SIGNED_UP) {
        setMine((m) => new Set([...m, event.id]));
        setNotice({ eventId: event.id, text: err.message, error: false });
      } else setNotice({ eventId: event.id, text: errorMessage(err, TEXT.failed), error: true });
    } finally {
      setBusy(null);
    }
  };

  const cancel = async (event: StationEvent) => {
    const { confirm } = await Taro.showModal({ title: TEXT.cancelConfirmTitle, content: TEXT.cancelConfirmBody });
    if (!confirm) return;
    setBusy(event.id);
    setNotice(null);
    try {
      replaceEvent(await cancelSignup(event.id));
      setMine((m) => new Set([...m].filter((x) => x !== event.id)));
      setNotice({ eventId: event.id, text: TEXT.cancelled, error: false });
    } catch (err) {
      setNotice({ eventId: event.id, text: errorMessage(err, TEXT.failed), error: true });
    } finally {
      setBusy(null);
    }
  };

  if (!id || (missing && !station)) {
    return (
      <View className='nx-page' data-testid='station-detail-missing'>
        <View className='nx-card'>
          {id && <Text className='nx-title'>{TEXT.notFound}</Text>}
          <Text className='nx-text'>{id ? TEXT.notFoundBody : TEXT.noId}</Text>
          <Button className='nx-big-button' type='primary' onClick={() => Taro.switchTab({ url: STATION_ROUTES.list })} data-testid='station-detail-to-list'>
            {TEXT.toList}
          </Button>
        </View>
      </View>
    );
  }

  if (!station) {
    return (
      <View className='nx-page' data-testid='station-detail-loading'>
        {error ? (
          <View className='nx-card' data-testid='station-detail-error'>
            <Text className='nx-text'>{error}</Text>
            <Button fill='outline' onClick={load}>
              {TEXT.retry}
            </Button>
          </View>
        ) : (
          <Text className='nx-text'>{TEXT.loading}</Text>
        )}
      </View>
    );
  }

  const today = beijingWeekday();
  const hours = weeklyHoursLines(station.hours);
  const categories = CATEGORY_ITEMS.map((c) => ({ ...c, items: c.items.filter((s) => station.services.includes(s.code)) })).filter((c) => c.items.length > 0);
  const staff = hasAnyRole(loggedIn ? currentUser() : null, STAFF);

  const eventAction = (e: StationEvent) => {
    // Started, over or cancelled: nothing to sign up for or cancel; the card says which.
    if (eventPhase(e) !== 'upcoming' || closed.has(e.id)) return undefined;
    if (mine.has(e.id)) {
      return (
        <Button fill='outline' disabled={busy === e.id} onClick={() => cancel(e)} data-testid='station-event-cancel'>
          {TEXT.cancel}
        </Button>
      );
    }
    if (suspended) return undefined;
    if (e.seatsLeft <= 0) {
      return (
        <Button disabled data-testid='station-event-full'>
          {TEXT.full}
        </Button>
      );
    }
    return (
      <Button type='primary' disabled={busy === e.id} onClick={() => signUp(e)} data-testid='station-event-signup'>
        {!loggedIn ? TEXT.loginToSignUp : busy === e.id ? TEXT.signingUp : TEXT.signUp}
      </Button>
    );
  };

  return (
    <View className='nx-page station-detail' data-testid='station-detail'>
      <View className='nx-card station-detail__head'>
        <Text className='nx-title' data-testid='station-name'>
          {station.name}
        </Text>
        <Text className='station-detail__meta'>{[LEVEL_LABELS[station.level], HOST_LABELS[station.hostType], station.district].filter(Boolean).join(' · ')}</Text>
        <Text className='station-detail__address' data-testid='station-address'>
          {station.address}
        </Text>
        <StationOpenBadge station={station} testId='station-open' />
        <Text className='station-detail__rating' data-testid='station-rating-summary'>
          {station.rating !== null ? TEXT.rating(station.rating, station.ratingCount) : TEXT.noRating}
        </Text>
        <View className='station-detail__actions'>
          <Button type='primary' className='station-detail__action' onClick={() => openNavigation(station)} data-testid='station-navigate'>
            {TEXT.navigate}
          </Button>
          {station.phone && (
            <Button
              fill='outline'
              className='station-detail__action'
              onClick={() => Taro.makePhoneCall({ phoneNumber: station.phone! }).catch(() => undefined)}
              data-testid='station-call'
            >
              {TEXT.call}
            </Button>
          )}
        </View>
      </View>

      {station.closures.length > 0 && (
        <View className='nx-card station-detail__closures' data-testid='station-closures'>
          <Text className='station-detail__heading'>{TEXT.closures}</Text>
          {station.closures.map((c) => (
            <Text key={`${c.from}-${c.to}`} className='station-detail__closure'>
              {`${formatPeriod(c.from, c.to)} · ${c.reason}`}
            </Text>
          ))}
        </View>
      )}

      <View className='nx-card' data-testid='station-hours'>
        <Text className='station-detail__heading'>{TEXT.hours}</Text>
        {/* The same hours every day read as one line, not seven identical rows. */}
        {hours.every((line) => line === hours[0]) ? (
          <View className='station-detail__hours-row' data-testid='station-hours-every-day'>
            <Text className='station-detail__hours-day'>{TEXT.everyDay}</Text>
            <Text className='station-detail__hours-time'>{hours[0]}</Text>
          </View>
        ) : (
          WEEKDAY_LABELS.map((day, d) => (
            <View
              key={day}
              className={`station-detail__hours-row${d === today ? ' station-detail__hours-row--today' : ''}`}
              aria-current={d === today ? 'date' : undefined}
              data-testid={d === today ? 'station-hours-today' : 'station-hours-row'}
            >
              <Text className='station-detail__hours-day'>{d === today ? `${day}（${TEXT.today}）` : day}</Text>
              <Text className='station-detail__hours-time'>{hours[d]}</Text>
            </View>
          ))
        )}
      </View>

      <View className='nx-card' data-testid='station-services'>
        <Text className='station-detail__heading'>{TEXT.services}</Text>
        {categories.length === 0 && <Text className='nx-text'>{TEXT.noServices}</Text>}
        {categories.map((c) => (
          <View key={c.code} className='station-detail__category' data-testid='station-service-category'>
            <Text className='station-detail__category-label'>{c.label}</Text>
            <View className='station-detail__service-list'>
              {c.items.map((s) => (
                <View key={s.code} className={`station-detail__service${s.kind === 'special' ? ' station-detail__service--special' : ''}`}>
                  <ServiceIcon code={s.code} />
                  <Text data-testid='station-service-label'>{s.kind === 'special' ? `${s.label}（${TEXT.special}）` : s.label}</Text>
                </View>
              ))}
            </View>
          </View>
        ))}
      </View>

      <View className='nx-card' data-testid='station-events'>
        <Text className='station-detail__heading'>{TEXT.events}</Text>
        {suspended && (
          <Text className='station-detail__suspended' data-testid='station-suspended'>
            {TEXT.stationSuspended}
          </Text>
        )}
        {station.events.length === 0 && <Text className='nx-text'>{TEXT.noEvents}</Text>}
        {station.events.map((e) => (
          <StationEventCard key={e.id} event={e} signedUp={mine.has(e.id)} notice={notice?.eventId === e.id ? notice : null} action={eventAction(e)} />
        ))}
      </View>

      <RatingForm
        stationId={station.id}
        loggedIn={loggedIn}
        onLogin={goLogin}
        onRated={(r) => setStation((s) => (s ? { ...s, rating: r.rating, ratingCount: r.ratingCount } : s))}
      />

      {staff && (
        <View className='station-detail__staff'>
          <EntryRow title={TEXT.staffEdit} description={TEXT.staffEditHint} onClick={() => Taro.navigateTo({ url: stationUrl(STATION_ROUTES.staffStation, station.id) })} testId='station-staff-edit' />
          <EntryRow title={TEXT.staffEvents} description={TEXT.staffEventsHint} onClick={() => Taro.navigateTo({ url: stationUrl(STATION_ROUTES.staffEvents, station.id) })} testId='station-staff-events' />
        </View>
      )}
    </View>
  );
}
