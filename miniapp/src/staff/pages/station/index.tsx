import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { type Closure, type WeeklyHours } from '@nuanxin/shared';
import { Button, Input } from '../../../components/ui';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField } from '../../../components/form-field';
import { formatPeriod } from '../../../components/station-format';
import { currentUser } from '../../../services/auth';
import { ApiError } from '../../../services/http';
import { fetchManagedStation, updateStation, type StationPatch, type StationPatchResult, type StationStatus } from '../../../services/stations';
import { errorMessage } from '../../../utils/error-message';
import { firstFieldError, toastDone, useScrollTo } from '../../../utils/feedback';
import { hasAnyRole } from '../../../utils/user-display';
import { useLoggedIn, usePageParams } from '../../../utils/use-session';
import { NoAccess } from '../../components/no-access';
import { checkDays, daysOf, HOURS_TEXT, HoursEditor, weeklyHoursOf, type DayForm } from './hours-editor';
import { ServiceChips } from './service-chips';
import { StationPicker } from './station-picker';
import { STATION_TOOL_ROLES } from './station-roles';
import '../../staff-layout.scss';
import './index.scss';

const TEXT = {
  loading: '正在加载驿站…',
  failed: '加载失败，请检查网络后重试',
  retry: '重试',
  suspendedTitle: '本站已停用',
  suspendedBody: '骑手在附近列表、地图和搜索中看不到本站，也不能报名本站活动。恢复开放后立即重新出现。',
  reopen: '恢复开放',
  reopening: '恢复中…',
  reopened: '已恢复开放，骑手又能找到本站了',
  suspendedSaved: '已停用，骑手暂时看不到本站',
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
  status: StationStatus;
  hours: WeeklyHours;
  closures: Closure[];
  services: string[];
  phone: string | null;
}

function activeClosures(list: Closure[], now = Date.now()): Closure[] {
  return list.filter((c) => Date.parse(c.to) > now);
}

type Notice = { text: string; error: boolean } | null;

/** Fields that show their own error on this page (the API's field names). */
const SHOWN_FIELDS = ['closures', 'closureHours', 'hours', 'services', 'phone'];
const FIRST_ERROR = firstFieldError('station-editor');
const NOTICE = '.station-editor .station-editor__notice';

/** 驿站维护: open or suspend, close for a few hours, weekly hours, services and phone of one station. */
export default function StationEditorPage() {
  const params = usePageParams();
  // Opened without a station: one kept station opens at once; after that (切换驿站) the picker lists it.
  const switched = useRef(false);
  // The caller keeps only this station (picked by itself): no 换一个驿站 to a list of one.
  const [sole, setSole] = useState(false);
  const loggedIn = useLoggedIn();
  const allowed = hasAnyRole(currentUser(), STATION_TOOL_ROLES);
  const [id, setId] = useState<string | null>(() => params.id ?? null);
  const [station, setStation] = useState<Editable | null>(null);
  const [loadError, setLoadError] = useState<{ text: string; retry: boolean } | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const [hours, setHours] = useState<DayForm[] | null>(null);
  const [dayErrors, setDayErrors] = useState<Record<number, string>>({});
  const [services, setServices] = useState<string[]>([]);
  const [phone, setPhone] = useState('');
  const [closureHours, setClosureHours] = useState<number | null>(null);
  const [closureReason, setClosureReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const scrollTo = useScrollTo();

  const adopt = useCallback((s: Editable) => {
    setStation(s);
    setHours(daysOf(s.hours));
    setDayErrors({});
    setServices(s.services);
    setPhone(s.phone ?? '');
  }, []);

  const load = useCallback(async () => {
    if (!id) return;
    setLoadError(null);
    try {
      // The keepers' view: a suspended station shows its real data too.
      const d = await fetchManagedStation(id);
      adopt({ id: d.id, name: d.name, status: d.status, hours: d.hours, closures: d.closures, services: d.services, phone: d.phone });
    } catch (err) {
      // Not theirs (403) or gone (404): trying again will not help, choosing another station will.
      const final = err instanceof ApiError && (err.status === 403 || err.status === 404);
      setLoadError({ text: errorMessage(err, TEXT.failed), retry: !final });
    }
  }, [id, adopt]);

  useEffect(() => {
    if (allowed) load();
  }, [allowed, load]);

  const save = async (patch: StationPatch, savedText: string = TEXT.saved): Promise<boolean> => {
    if (!id) return false;
    setBusy(true);
    setNotice(null);
    try {
      const result: StationPatchResult = await updateStation(id, patch);
      adopt({ id: result.id, name: result.name, status: result.status, hours: result.hours, closures: result.closures, services: result.services, phone: result.phone });
      setErrors({});
      setNotice({ text: savedText, error: false });
      // The form is long: the notice at its top is out of sight after 保存修改.
      toastDone(savedText);
      return true;
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors.map((f) => f.field.split('.')[0]) : [];
      if (err instanceof ApiError && err.fieldErrors.length) {
        setErrors(Object.fromEntries(err.fieldErrors.map((f) => [f.field.split('.')[0], f.message])));
        // hours.days.<d>.<i>: under that day too.
        const perDay = err.fieldErrors.flatMap((f) => {
          const m = /^hours\.days\.(\d)/.exec(f.field);
          return m ? [[Number(m[1]), f.message] as const] : [];
        });
        setDayErrors(Object.fromEntries(perDay));
      }
      setNotice({ text: errorMessage(err, TEXT.failed), error: true });
      scrollTo(fields.some((f) => SHOWN_FIELDS.includes(f)) ? FIRST_ERROR : NOTICE);
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
    await save({ status: next }, next === 'suspended' ? TEXT.suspendedSaved : TEXT.reopened);
  };

  const startClosure = async () => {
    if (!station) return;
    const problems: Record<string, string> = {};
    if (!closureHours) problems.closureHours = TEXT.closureNeedHours;
    if (!closureReason.trim()) problems.closures = TEXT.closureNeedReason;
    setErrors(problems);
    if (Object.keys(problems).length || !closureHours) return scrollTo(FIRST_ERROR);
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
    const checked = checkDays(hours);
    const firstDay = Object.values(checked.perDay)[0];
    if (checked.week) problems.hours = checked.week;
    else if (firstDay) problems.hours = firstDay;
    setErrors(problems);
    setDayErrors(checked.perDay);
    if (Object.keys(problems).length) {
      setNotice({ text: TEXT.checkFields, error: true });
      return scrollTo(FIRST_ERROR);
    }
    await save({ hours: weeklyHoursOf(hours), services, ...(phone.trim() ? { phone: phone.trim() } : {}) });
  };

  if (!allowed) return <NoAccess loggedIn={loggedIn} />;

  if (!id) {
    return (
      <View className='nx-page staff-layout station-editor' data-testid='station-editor-pick'>
        <StationPicker
          pickSole={!params.id && !switched.current}
          onPick={(s, only) => {
            switched.current = true;
            setSole(only === true);
            setStation(null);
            setId(s.id);
          }}
        />
      </View>
    );
  }

  const switchStation = sole ? null : (
    <Text className='station-editor__link' data-testid='station-editor-switch' onClick={() => setId(null)}>
      {TEXT.switch}
    </Text>
  );

  if (!station || !hours) {
    return (
      <View className='nx-page staff-layout station-editor'>
        {loadError ? (
          <View className='nx-card' data-testid='station-editor-error'>
            <Text className='nx-text'>{loadError.text}</Text>
            {loadError.retry && (
              <Button fill='outline' onClick={load}>
                {TEXT.retry}
              </Button>
            )}
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
    <View className='nx-page staff-layout station-editor' data-testid='station-editor'>
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

      {station.status === 'suspended' && (
        <View className='nx-card station-editor__suspended' data-testid='station-editor-suspended'>
          <Text className='station-editor__suspended-title'>{TEXT.suspendedTitle}</Text>
          <Text className='nx-text'>{TEXT.suspendedBody}</Text>
          <Button className='nx-big-button' type='primary' disabled={busy} onClick={() => save({ status: 'open' }, TEXT.reopened)} data-testid='station-editor-reopen'>
            {busy ? TEXT.reopening : TEXT.reopen}
          </Button>
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

      <FormField label={TEXT.hours} hint={HOURS_TEXT.overnightHint} error={errors.hours} testId='station-editor-hours'>
        <HoursEditor days={hours} onChange={setHours} errors={dayErrors} />
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
