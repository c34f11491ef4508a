import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { EVENT_CAPACITY, EVENT_KINDS, type EventKind } from '@nuanxin/shared';
import { Button, Input } from '../../../components/ui';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField } from '../../../components/form-field';
import { PickerField } from '../../../components/picker-field';
// Before the event card: keeps entry-row's CSS ahead of the card's, as on the station page.
import { StationPicker } from '../station/station-picker';
import { StationEventCard } from '../../../components/station-event-card';
import { beijingDateTimeText, parseBeijingDateTime } from '../../../components/station-format';
import { currentUser } from '../../../services/auth';
import { ApiError, newIdempotencyKey } from '../../../services/http';
import { cancelStationEvent, createStationEvent, fetchManagedStation, updateStationEvent, type EventDraft, type StationEvent, type StationStatus } from '../../../services/stations';
import { errorMessage } from '../../../utils/error-message';
import { firstFieldError, toastDone, useScrollTo } from '../../../utils/feedback';
import { hasAnyRole } from '../../../utils/user-display';
import { useLoggedIn, usePageParams } from '../../../utils/use-session';
import { NoAccess } from '../../components/no-access';
import { STATION_TOOL_ROLES } from '../station/station-roles';
import '../../staff-layout.scss';
import './index.scss';

const TEXT = {
  loading: '正在加载…',
  failed: '加载失败，请检查网络后重试',
  retry: '重试',
  switch: '换一个驿站',
  upcoming: '近期活动',
  none: '还没有即将举办的活动',
  past: '已结束或已取消（近 30 天）',
  suspended: '本站已停用：骑手看不到本站的活动，也不能报名。可在“驿站维护”中恢复开放。',
  cancel: '取消活动',
  cancelTitle: '取消活动',
  cancelBody: (title: string) => `确定取消「${title}」吗？已报名的职工会收到通知。`,
  cancelled: '活动已取消，已通知报名的职工',
  create: '发布新活动',
  title: '活动名称',
  titlePlaceholder: '例如：驿站微型音乐会',
  kind: '活动类型',
  description: '活动介绍（选填）',
  startsAt: '开始时间',
  endsAt: '结束时间',
  timeHint: '北京时间',
  startDate: '开始日期',
  startTime: '开始时刻',
  endDate: '结束日期',
  endTime: '结束时刻',
  capacity: '名额',
  capacityHint: `${EVENT_CAPACITY.min}–${EVENT_CAPACITY.max} 人`,
  badTime: '请选择日期和时间',
  endBeforeStart: '结束时间应晚于开始时间',
  badCapacity: `名额应为 ${EVENT_CAPACITY.min}–${EVENT_CAPACITY.max} 人`,
  needTitle: '请填写活动名称',
  publish: '发布活动',
  publishing: '发布中…',
  published: '活动已发布',
  checkFields: '请按提示修改后再发布',
  edit: '修改',
  editing: (title: string) => `修改活动：${title}`,
  editHint: '保存后，已报名的职工会收到变更通知。',
  save: '保存修改',
  saving: '保存中…',
  saved: '活动已修改，已通知报名的职工',
  discard: '放弃修改',
  belowSignups: (n: number) => `已有 ${n} 人报名，名额不能少于报名人数`,
  checkEditFields: '请按提示修改后再保存',
};

const KIND_LABELS = EVENT_KINDS.map((k) => k.label);
const kindOf = (label: string | null): EventKind | null => EVENT_KINDS.find((k) => k.label === label)?.code ?? null;

interface Draft {
  title: string;
  kind: EventKind;
  description: string;
  startsAt: string;
  endsAt: string;
  capacity: string;
}

function draftOf(e: StationEvent): Draft {
  return {
    title: e.title,
    kind: e.kind,
    description: e.description ?? '',
    startsAt: beijingDateTimeText(new Date(e.startsAt)),
    endsAt: beijingDateTimeText(new Date(e.endsAt)),
    capacity: String(e.capacity),
  };
}

/** The field-level message when the server gave one (e.g. capacity below sign-ups), else its message. */
function actionError(err: unknown): string {
  if (err instanceof ApiError && err.fieldErrors.length) return err.fieldErrors[0].message;
  return errorMessage(err, TEXT.failed);
}

const FIRST_ERROR = firstFieldError('station-events');
const NOTICE = '.station-events .station-events__notice';

/** After a failed publish or save: the first field that says what to fix, else the notice saying why. */
function failureTarget(err: unknown): string {
  return err instanceof ApiError && err.fieldErrors.length ? FIRST_ERROR : NOTICE;
}

const byStart = (a: StationEvent, b: StationEvent) => Date.parse(a.startsAt) - Date.parse(b.startsAt);

/** Tomorrow 14:00–16:00 Beijing time: a sensible start the master only adjusts. */
function freshDraft(): Draft {
  const dayMs = 86400_000;
  const tomorrow = beijingDateTimeText(new Date(Date.now() + dayMs)).slice(0, 10);
  return { title: '', kind: 'other', description: '', startsAt: `${tomorrow} 14:00`, endsAt: `${tomorrow} 16:00`, capacity: '20' };
}

/** A Beijing 'YYYY-MM-DD HH:mm' as a date picker and a time picker side by side; the earliest day is today. */
function DateTimePickers({ value, onChange, dateLabel, timeLabel, testId }: { value: string; onChange: (v: string) => void; dateLabel: string; timeLabel: string; testId: string }) {
  const [date, time] = [value.slice(0, 10), value.slice(11, 16)];
  const today = beijingDateTimeText(new Date()).slice(0, 10);
  return (
    <View className='station-events__when'>
      <PickerField mode='date' value={date} start={today} onChange={(d) => onChange(`${d} ${time}`)} label={dateLabel} testId={`${testId}-date`} />
      <PickerField mode='time' value={time} onChange={(t) => onChange(`${date} ${t}`)} label={timeLabel} testId={`${testId}-time`} />
    </View>
  );
}

/** 活动管理: publish, edit and cancel a station's events (the server tells everyone signed up). */
export default function StationEventsPage() {
  const params = usePageParams();
  // Opened without a station: one kept station opens at once; after that (切换驿站) the picker lists it.
  const switched = useRef(false);
  // The caller keeps only this station (picked by itself): no 换一个驿站 to a list of one.
  const [sole, setSole] = useState(false);
  const loggedIn = useLoggedIn();
  const allowed = hasAnyRole(currentUser(), STATION_TOOL_ROLES);
  const [id, setId] = useState<string | null>(() => params.id ?? null);
  const [name, setName] = useState('');
  const [status, setStatus] = useState<StationStatus>('open');
  const [events, setEvents] = useState<StationEvent[] | null>(null);
  const [loadError, setLoadError] = useState<{ text: string; retry: boolean } | null>(null);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const [draft, setDraft] = useState<Draft>(freshDraft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  /** The event the form is editing; null = the form publishes a new one. */
  const [editing, setEditing] = useState<StationEvent | null>(null);
  // Kept while a publish's outcome is unknown, so 重试 cannot publish twice.
  const key = useRef<string | null>(null);
  const scrollTo = useScrollTo();

  const load = useCallback(async () => {
    if (!id) return;
    setLoadError(null);
    try {
      const d = await fetchManagedStation(id);
      setName(d.name);
      setStatus(d.status);
      setEvents(d.events);
    } catch (err) {
      // Not theirs (403) or gone (404): trying again will not help, choosing another station will.
      const final = err instanceof ApiError && (err.status === 403 || err.status === 404);
      setLoadError({ text: errorMessage(err, TEXT.failed), retry: !final });
    }
  }, [id]);

  useEffect(() => {
    if (allowed) load();
  }, [allowed, load]);

  const set = (patch: Partial<Draft>) => {
    key.current = null;
    setDraft((d) => ({ ...d, ...patch }));
  };

  const startEdit = (e: StationEvent) => {
    key.current = null;
    setEditing(e);
    setDraft(draftOf(e));
    setErrors({});
    setNotice(null);
    // The form sits below the list: bring it into view on a phone.
    Promise.resolve()
      .then(() => Taro.pageScrollTo({ selector: '#station-events-form', duration: 200 }))
      .catch(() => undefined);
  };

  const stopEdit = () => {
    setEditing(null);
    setDraft(freshDraft());
    setErrors({});
  };

  /** The form as the API's body, or null after showing what to fix. */
  const checked = (minCapacity: number): EventDraft | null => {
    const problems: Record<string, string> = {};
    const startsAt = parseBeijingDateTime(draft.startsAt);
    const endsAt = parseBeijingDateTime(draft.endsAt);
    const capacity = Number(draft.capacity.trim());
    if (!draft.title.trim()) problems.title = TEXT.needTitle;
    if (!startsAt) problems.startsAt = TEXT.badTime;
    if (!endsAt) problems.endsAt = TEXT.badTime;
    else if (startsAt && Date.parse(endsAt) <= Date.parse(startsAt)) problems.endsAt = TEXT.endBeforeStart;
    if (!Number.isInteger(capacity) || capacity < EVENT_CAPACITY.min || capacity > EVENT_CAPACITY.max) problems.capacity = TEXT.badCapacity;
    else if (capacity < minCapacity) problems.capacity = TEXT.belowSignups(minCapacity);
    setErrors(problems);
    if (Object.keys(problems).length || !startsAt || !endsAt) {
      setNotice({ text: editing ? TEXT.checkEditFields : TEXT.checkFields, error: true });
      scrollTo(FIRST_ERROR);
      return null;
    }
    return { title: draft.title.trim(), kind: draft.kind, ...(draft.description.trim() ? { description: draft.description.trim() } : {}), startsAt, endsAt, capacity };
  };

  const saveEdit = async (e: StationEvent) => {
    const body = checked(e.signedUp);
    if (!body) return;
    setBusy(true);
    setNotice(null);
    try {
      const updated = await updateStationEvent(e.id, body);
      setEvents((list) => (list ? list.map((x) => (x.id === updated.id ? updated : x)).sort(byStart) : list));
      stopEdit();
      setNotice({ text: TEXT.saved, error: false });
      toastDone(TEXT.saved);
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) setErrors(Object.fromEntries(err.fieldErrors.map((f) => [f.field, f.message])));
      setNotice({ text: actionError(err), error: true });
      scrollTo(failureTarget(err));
    } finally {
      setBusy(false);
    }
  };

  const publish = async () => {
    if (!id) return;
    if (editing) return saveEdit(editing);
    const body = checked(0);
    if (!body) return;
    setBusy(true);
    setNotice(null);
    key.current = key.current ?? newIdempotencyKey();
    try {
      const created = await createStationEvent(id, body, key.current);
      key.current = null;
      setEvents((list) => [...(list ?? []), created].sort(byStart));
      setDraft(freshDraft());
      setNotice({ text: TEXT.published, error: false });
      // The form resets below the list: say so where the master is looking, so nobody publishes twice.
      toastDone(TEXT.published);
    } catch (err) {
      if (!(err instanceof ApiError && err.isNetworkError)) key.current = null;
      if (err instanceof ApiError && err.fieldErrors.length) setErrors(Object.fromEntries(err.fieldErrors.map((f) => [f.field, f.message])));
      setNotice({ text: errorMessage(err, TEXT.failed), error: true });
      scrollTo(failureTarget(err));
    } finally {
      setBusy(false);
    }
  };

  const cancel = async (e: StationEvent) => {
    const { confirm } = await Taro.showModal({ title: TEXT.cancelTitle, content: TEXT.cancelBody(e.title) });
    if (!confirm) return;
    setBusy(true);
    try {
      const cancelled = await cancelStationEvent(e.id);
      setEvents((list) => (list ? list.map((x) => (x.id === cancelled.id ? cancelled : x)) : list));
      if (editing?.id === e.id) stopEdit();
      setNotice({ text: TEXT.cancelled, error: false });
      toastDone(TEXT.cancelled);
    } catch (err) {
      setNotice({ text: errorMessage(err, TEXT.failed), error: true });
      scrollTo(NOTICE);
    } finally {
      setBusy(false);
    }
  };

  if (!allowed) return <NoAccess loggedIn={loggedIn} />;

  // Ahead or under way and still on: editable. Over or cancelled: kept below for the record.
  const now = Date.now();
  const live = (e: StationEvent) => e.status === 'scheduled' && Date.parse(e.endsAt) > now;
  const upcoming = events ? events.filter(live).sort(byStart) : null;
  const past = (events ?? []).filter((e) => !live(e)).sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt));

  if (!id) {
    return (
      <View className='nx-page staff-layout station-events' data-testid='station-events-pick'>
        <StationPicker
          pickSole={!params.id && !switched.current}
          onPick={(s, only) => {
            switched.current = true;
            setSole(only === true);
            setEvents(null);
            setName(s.name);
            setStatus(s.status);
            setLoadError(null);
            setId(s.id);
          }}
        />
      </View>
    );
  }

  return (
    <View className='nx-page staff-layout station-events' data-testid='station-events-editor'>
      <View className='station-events__title-row'>
        <Text className='nx-title' data-testid='station-events-name'>
          {name}
        </Text>
        {!sole && (
          <Text className='station-events__link' onClick={() => setId(null)} data-testid='station-events-switch'>
            {TEXT.switch}
          </Text>
        )}
      </View>
      {notice && (
        <View className={`station-events__notice${notice.error ? ' station-events__notice--error' : ''}`} data-testid='station-events-notice'>
          <Text>{notice.text}</Text>
        </View>
      )}
      {status === 'suspended' && (
        <View className='station-events__notice station-events__notice--error' data-testid='station-events-suspended'>
          <Text>{TEXT.suspended}</Text>
        </View>
      )}
      {loadError && (
        <View className='nx-card' data-testid='station-events-error'>
          <Text className='nx-text'>{loadError.text}</Text>
          {loadError.retry && (
            <Button fill='outline' onClick={load}>
              {TEXT.retry}
            </Button>
          )}
        </View>
      )}
      {loadError && !loadError.retry ? null : (
        <>
          <View className='nx-card station-events__list' data-testid='station-events-list'>
            <Text className='station-events__heading'>{TEXT.upcoming}</Text>
            {!upcoming && !loadError && <Text className='nx-text'>{TEXT.loading}</Text>}
            {upcoming && upcoming.length === 0 && <Text className='nx-text'>{TEXT.none}</Text>}
            {upcoming?.map((e) => (
              <StationEventCard
                key={e.id}
                event={e}
                action={
                  <View className='station-events__actions'>
                    <Button fill='outline' disabled={busy} onClick={() => startEdit(e)} data-testid='station-events-edit'>
                      {TEXT.edit}
                    </Button>
                    <Button fill='outline' disabled={busy} onClick={() => cancel(e)} data-testid='station-events-cancel'>
                      {TEXT.cancel}
                    </Button>
                  </View>
                }
              />
            ))}
          </View>

          {past.length > 0 && (
            <View className='nx-card station-events__list' data-testid='station-events-past'>
              <Text className='station-events__heading'>{TEXT.past}</Text>
              {past.map((e) => (
                <StationEventCard key={e.id} event={e} />
              ))}
            </View>
          )}

          <View className='station-events__form-head' id='station-events-form' data-testid='station-events-form-head'>
            <Text className='station-events__heading'>{editing ? TEXT.editing(editing.title) : TEXT.create}</Text>
            {editing && <Text className='station-events__hint'>{TEXT.editHint}</Text>}
          </View>
          <FormField label={TEXT.title} error={errors.title} testId='station-events-title'>
            <Input value={draft.title} onChange={(v) => set({ title: v })} placeholder={TEXT.titlePlaceholder} maxLength={100} />
          </FormField>
          <FormField label={TEXT.kind} error={errors.kind} testId='station-events-kind'>
            <ChoiceChips options={KIND_LABELS} value={EVENT_KINDS.find((k) => k.code === draft.kind)?.label ?? null} onChange={(label) => set({ kind: kindOf(label) ?? draft.kind })} testId='station-events-kind-choices' />
          </FormField>
          <FormField label={TEXT.startsAt} hint={TEXT.timeHint} error={errors.startsAt} testId='station-events-starts'>
            <DateTimePickers value={draft.startsAt} onChange={(v) => set({ startsAt: v })} dateLabel={TEXT.startDate} timeLabel={TEXT.startTime} testId='station-events-starts' />
          </FormField>
          <FormField label={TEXT.endsAt} hint={TEXT.timeHint} error={errors.endsAt} testId='station-events-ends'>
            <DateTimePickers value={draft.endsAt} onChange={(v) => set({ endsAt: v })} dateLabel={TEXT.endDate} timeLabel={TEXT.endTime} testId='station-events-ends' />
          </FormField>
          <FormField label={TEXT.capacity} hint={TEXT.capacityHint} error={errors.capacity} testId='station-events-capacity'>
            <Input value={draft.capacity} onChange={(v) => set({ capacity: v.replace(/\D/g, '') })} type='number' maxLength={String(EVENT_CAPACITY.max).length} />
          </FormField>
          <FormField label={TEXT.description} error={errors.description} testId='station-events-description'>
            <Input value={draft.description} onChange={(v) => set({ description: v })} maxLength={500} />
          </FormField>
          <View className='nx-bottom-actions'>
            <Button className='nx-big-button' type='primary' disabled={busy} onClick={publish} data-testid='station-events-publish'>
              {editing ? (busy ? TEXT.saving : TEXT.save) : busy ? TEXT.publishing : TEXT.publish}
            </Button>
            {editing && (
              <Button className='nx-big-button' fill='outline' disabled={busy} onClick={stopEdit} data-testid='station-events-discard'>
                {TEXT.discard}
              </Button>
            )}
          </View>
        </>
      )}
    </View>
  );
}
