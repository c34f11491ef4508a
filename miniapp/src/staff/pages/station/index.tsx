import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { checkWeeklyHours, ErrorCode, type Closure, type WeeklyHours } from '@nuanxin/shared';
import { Button, Input } from '../../../components/ui';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField } from '../../../components/form-field';
import { formatPeriod, WEEKDAY_LABELS } from '../../../components/station-format';
import { currentUser } from '../../../services/auth';
import { ApiError } from '../../../services/http';
import { fetchStation, updateStation, type StationPatch, type StationPatchResult } from '../../../services/stations';
import { errorMessage } from '../../../utils/error-message';
import { hasAnyRole } from '../../../utils/user-display';
import { useLoggedIn, usePageParams } from '../../../utils/use-session';
import { NoAccess } from '../../components/no-access';
import { ServiceChips } from './service-chips';
import { StationPicker } from './station-picker';
import { rememberedStation, rememberStation, STATION_TOOL_ROLES } from './station-roles';
import './index.scss';

const TEXT = {
  loading: '正在加载驿站…',
  failed: '加载失败，请检查网络后重试',
  retry: '重试',
  missing: '找不到该驿站，它可能已停用。负责该驿站的站长或干部可以恢复营业。',
  reopen: '恢复营业',
  switch: '换一个驿站',
  status: '营业状态',
  statusOptions: ['营业', '停用'],
  suspendTitle: '停用驿站',
  suspendBody: '停用后，驿站不再出现在附近列表和地图中，确定停用吗？',
  closure: '临时闭站',
  closureHint: '从现在起暂停开放，到时自动恢复。',
  closureHours: [1, 2, 4, 8, 24],
  closureHoursLabel: (h: number) => `${h} 小时`,
  closureReason: '原因',
  closureReasonPlaceholder: '例如：设备检修、人员不足',
  closureStart: '开始临时闭站',
  closureClear: '结束临时闭站',
  closureNeedHours: '请选择闭站多久',
  closureNeedReason: '请填写闭站原因，职工能看到',
  hours: '开放时间',
  hoursModes: ['24 小时', '固定时段'],
  open: '开门',
  close: '关门',
  overnightHint: '关门早于开门表示营业到次日，如 18:00 至 02:00。',
  mixedHint: '原来各天时段不同，保存后每个开放日都使用这一时段。',
  days: '开放日',
  needDay: '请至少选择一天',
  services: '服务项目',
  phone: '联系电话',
  phonePlaceholder: '例如：0592-1234567',
  save: '保存修改',
  saving: '保存中…',
  saved: '已保存',
  checkFields: '请按提示修改后再保存',
};

interface Editable {
  id: string;
  name: string;
  status: 'open' | 'suspended';
  hours: WeeklyHours;
  closures: Closure[];
  services: string[];
  phone: string | null;
}

interface HoursForm {
  alwaysOpen: boolean;
  open: string;
  close: string;
  days: boolean[];
}

function hoursFormOf(h: WeeklyHours): { form: HoursForm; mixed: boolean } {
  const first = h.days.find((d) => d.length > 0)?.[0];
  const mixed = !h.alwaysOpen && h.days.some((d) => d.length > 1 || (d.length === 1 && first && (d[0].open !== first.open || d[0].close !== first.close)));
  return {
    form: { alwaysOpen: h.alwaysOpen, open: first?.open ?? '08:00', close: first?.close ?? '20:00', days: h.alwaysOpen ? h.days.map(() => true) : h.days.map((d) => d.length > 0) },
    mixed: Boolean(mixed),
  };
}

function hoursOf(f: HoursForm): WeeklyHours {
  if (f.alwaysOpen) return { alwaysOpen: true, days: WEEKDAY_LABELS.map(() => []) };
  return { alwaysOpen: false, days: f.days.map((on) => (on ? [{ open: f.open.trim(), close: f.close.trim() }] : [])) };
}

function activeClosures(list: Closure[], now = Date.now()): Closure[] {
  return list.filter((c) => Date.parse(c.to) > now);
}

type Notice = { text: string; error: boolean } | null;

/** 驿站维护: open or suspend, close for a few hours, weekly hours, services and phone of one station. */
export default function StationEditorPage() {
  const params = usePageParams();
  const loggedIn = useLoggedIn();
  const allowed = hasAnyRole(currentUser(), STATION_TOOL_ROLES);
  const [id, setId] = useState<string | null>(() => params.id ?? rememberedStation()?.id ?? null);
  const [station, setStation] = useState<Editable | null>(null);
  const [missing, setMissing] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const [hours, setHours] = useState<HoursForm | null>(null);
  const [mixed, setMixed] = useState(false);
  const [services, setServices] = useState<string[]>([]);
  const [phone, setPhone] = useState('');
  const [closureHours, setClosureHours] = useState<number | null>(null);
  const [closureReason, setClosureReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const adopt = useCallback((s: Editable) => {
    setStation(s);
    const h = hoursFormOf(s.hours);
    setHours(h.form);
    setMixed(h.mixed);
    setServices(s.services);
    setPhone(s.phone ?? '');
    setMissing(false);
  }, []);

  const load = useCallback(async () => {
    if (!id) return;
    setLoadError(null);
    setMissing(false);
    try {
      const d = await fetchStation(id);
      adopt({ id: d.id, name: d.name, status: 'open', hours: d.hours, closures: d.closures, services: d.services, phone: d.phone });
    } catch (err) {
      // The public detail hides suspended stations: offer to reopen instead.
      if (err instanceof ApiError && err.code === ErrorCode.NOT_FOUND) setMissing(true);
      else setLoadError(errorMessage(err, TEXT.failed));
    }
  }, [id, adopt]);

  useEffect(() => {
    if (allowed) load();
  }, [allowed, load]);

  const save = async (patch: StationPatch): Promise<boolean> => {
    if (!id) return false;
    setBusy(true);
    setNotice(null);
    try {
      const result: StationPatchResult = await updateStation(id, patch);
      adopt({ id: result.id, name: result.name, status: result.status, hours: result.hours, closures: result.closures, services: result.services, phone: result.phone });
      rememberStation({ id: result.id, name: result.name });
      setErrors({});
      setNotice({ text: TEXT.saved, error: false });
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        setErrors(Object.fromEntries(err.fieldErrors.map((f) => [f.field.split('.')[0], f.message])));
      }
      setNotice({ text: errorMessage(err, TEXT.failed), error: true });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const changeStatus = async (label: string | null) => {
    const next = label === TEXT.statusOptions[1] ? 'suspended' : 'open';
    if (!station || next === station.status) return;
    if (next === 'suspended') {
      const { confirm } = await Taro.showModal({ title: TEXT.suspendTitle, content: TEXT.suspendBody });
      if (!confirm) return;
    }
    await save({ status: next });
  };

  const startClosure = async () => {
    if (!station) return;
    const problems: Record<string, string> = {};
    if (!closureHours) problems.closureHours = TEXT.closureNeedHours;
    if (!closureReason.trim()) problems.closures = TEXT.closureNeedReason;
    setErrors(problems);
    if (Object.keys(problems).length || !closureHours) return;
    const now = Date.now();
    const closure = { from: new Date(now).toISOString(), to: new Date(now + closureHours * 3600_000).toISOString(), reason: closureReason.trim() };
    if (await save({ closures: [...activeClosures(station.closures, now), closure] })) {
      setClosureHours(null);
      setClosureReason('');
    }
  };

  const saveForm = async () => {
    if (!hours) return;
    const problems: Record<string, string> = {};
    const weekly = hoursOf(hours);
    const hourProblems = Object.values(checkWeeklyHours(weekly));
    if (hourProblems.length) problems.hours = hourProblems[0];
    else if (!hours.alwaysOpen && !hours.days.some(Boolean)) problems.hours = TEXT.needDay;
    setErrors(problems);
    if (Object.keys(problems).length) return setNotice({ text: TEXT.checkFields, error: true });
    await save({ hours: weekly, services, ...(phone.trim() ? { phone: phone.trim() } : {}) });
  };

  if (!allowed) return <NoAccess loggedIn={loggedIn} />;

  if (!id) {
    return (
      <View className='nx-page station-editor' data-testid='station-editor-pick'>
        <StationPicker
          onPick={(s) => {
            setStation(null);
            setId(s.id);
          }}
        />
      </View>
    );
  }

  const switchStation = (
    <Text className='station-editor__link' data-testid='station-editor-switch' onClick={() => setId(null)}>
      {TEXT.switch}
    </Text>
  );

  if (missing && !station) {
    return (
      <View className='nx-page station-editor' data-testid='station-editor-missing'>
        <View className='nx-card'>
          <Text className='nx-text'>{TEXT.missing}</Text>
          {notice && <Text className={`station-editor__notice${notice.error ? ' station-editor__notice--error' : ''}`}>{notice.text}</Text>}
          <Button className='nx-big-button' type='primary' disabled={busy} onClick={() => save({ status: 'open' })} data-testid='station-editor-reopen'>
            {TEXT.reopen}
          </Button>
        </View>
        {switchStation}
      </View>
    );
  }

  if (!station || !hours) {
    return (
      <View className='nx-page station-editor'>
        {loadError ? (
          <View className='nx-card' data-testid='station-editor-error'>
            <Text className='nx-text'>{loadError}</Text>
            <Button fill='outline' onClick={load}>
              {TEXT.retry}
            </Button>
          </View>
        ) : (
          <Text className='nx-text'>{TEXT.loading}</Text>
        )}
        {switchStation}
      </View>
    );
  }

  const closures = activeClosures(station.closures);

  return (
    <View className='nx-page station-editor' data-testid='station-editor'>
      <View className='station-editor__title-row'>
        <Text className='nx-title' data-testid='station-editor-name'>
          {station.name}
        </Text>
        {switchStation}
      </View>
      {notice && (
        <View className={`station-editor__notice${notice.error ? ' station-editor__notice--error' : ''}`} data-testid='station-editor-notice'>
          <Text>{notice.text}</Text>
        </View>
      )}

      <FormField label={TEXT.status} testId='station-editor-status'>
        <ChoiceChips options={TEXT.statusOptions} value={station.status === 'open' ? TEXT.statusOptions[0] : TEXT.statusOptions[1]} onChange={changeStatus} testId='station-editor-status-choices' />
      </FormField>

      <FormField label={TEXT.closure} hint={TEXT.closureHint} error={errors.closures ?? errors.closureHours} testId='station-editor-closure'>
        {closures.map((c) => (
          <Text key={`${c.from}-${c.to}`} className='station-editor__closure' data-testid='station-editor-closure-item'>
            {`${formatPeriod(c.from, c.to)} · ${c.reason}`}
          </Text>
        ))}
        <ChoiceChips
          options={TEXT.closureHours.map(TEXT.closureHoursLabel)}
          value={closureHours ? TEXT.closureHoursLabel(closureHours) : null}
          onChange={(label) => setClosureHours(TEXT.closureHours.find((h) => TEXT.closureHoursLabel(h) === label) ?? null)}
          clearable
          testId='station-editor-closure-hours'
        />
        <View className='station-editor__input' data-testid='station-editor-closure-reason'>
          <Input value={closureReason} onChange={setClosureReason} placeholder={TEXT.closureReasonPlaceholder} maxLength={50} />
        </View>
        <View className='station-editor__row'>
          <Button type='primary' fill='outline' disabled={busy} onClick={startClosure} data-testid='station-editor-closure-start'>
            {TEXT.closureStart}
          </Button>
          {closures.length > 0 && (
            <Button fill='outline' disabled={busy} onClick={() => save({ closures: [] })} data-testid='station-editor-closure-clear'>
              {TEXT.closureClear}
            </Button>
          )}
        </View>
      </FormField>

      <FormField label={TEXT.hours} hint={mixed ? TEXT.mixedHint : hours.alwaysOpen ? undefined : TEXT.overnightHint} error={errors.hours} testId='station-editor-hours'>
        <ChoiceChips
          options={TEXT.hoursModes}
          value={hours.alwaysOpen ? TEXT.hoursModes[0] : TEXT.hoursModes[1]}
          onChange={(label) => label && setHours({ ...hours, alwaysOpen: label === TEXT.hoursModes[0] })}
          testId='station-editor-hours-mode'
        />
        {!hours.alwaysOpen && (
          <>
            <View className='station-editor__times'>
              <View className='station-editor__time' data-testid='station-editor-open'>
                <Text className='station-editor__time-label'>{TEXT.open}</Text>
                <Input value={hours.open} onChange={(v) => setHours({ ...hours, open: v })} placeholder='08:00' maxLength={5} />
              </View>
              <View className='station-editor__time' data-testid='station-editor-close'>
                <Text className='station-editor__time-label'>{TEXT.close}</Text>
                <Input value={hours.close} onChange={(v) => setHours({ ...hours, close: v })} placeholder='20:00' maxLength={5} />
              </View>
            </View>
            <Text className='station-editor__time-label'>{TEXT.days}</Text>
            <View className='station-editor__days' data-testid='station-editor-days'>
              {WEEKDAY_LABELS.map((day, d) => (
                <View
                  key={day}
                  role='checkbox'
                  aria-checked={hours.days[d]}
                  className={`station-editor__day${hours.days[d] ? ' station-editor__day--on' : ''}`}
                  data-testid='station-editor-day'
                  onClick={() => setHours({ ...hours, days: hours.days.map((on, i) => (i === d ? !on : on)) })}
                >
                  <Text>{day}</Text>
                </View>
              ))}
            </View>
          </>
        )}
      </FormField>

      <FormField label={TEXT.services} error={errors.services} testId='station-editor-services'>
        <ServiceChips selected={services} onChange={setServices} />
      </FormField>

      <FormField label={TEXT.phone} error={errors.phone} testId='station-editor-phone'>
        <Input value={phone} onChange={setPhone} placeholder={TEXT.phonePlaceholder} maxLength={20} type='tel' />
      </FormField>

      <View className='nx-bottom-actions'>
        <Button className='nx-big-button' type='primary' disabled={busy} onClick={saveForm} data-testid='station-editor-save'>
          {busy ? TEXT.saving : TEXT.save}
        </Button>
      </View>
    </View>
  );
}
