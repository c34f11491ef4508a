import { useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { HOST_TYPES, isValidMobile, normalizeMobile, STATION_LEVELS, type HostType, type StationLevel } from '@nuanxin/shared';
import { Button, Input } from '../../../components/ui';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField } from '../../../components/form-field';
import { MapPicker } from '../../../components/map-picker';
import { STATION_ROUTES } from '../../../components/station-routes';
import { DISTRICTS } from '../../../pages/stations/districts';
import { withQuery } from '../../../routes';
import { createActionKeys } from '../../../services/action-keys';
import { createStation, grantRole, type CreatedStation } from '../../../services/admin';
import { currentUser } from '../../../services/auth';
import { ApiError } from '../../../services/http';
import { errorMessage } from '../../../utils/error-message';
import { firstFieldError, toastDone, useScrollTo } from '../../../utils/feedback';
import { hasAnyRole, rolesOf } from '../../../utils/user-display';
import { useLoggedIn } from '../../../utils/use-session';
import { NoAccess } from '../../components/no-access';
import { TOOL_ROLES } from '../../staff-roles';
import { checkDays, daysOf, HoursEditor, weeklyHoursOf, type DayForm } from '../station/hours-editor';
import { ServiceChips } from '../station/service-chips';
import { StationPicker } from '../station/station-picker';
import { checkStationForm, type StationFormValues } from './station-form-rules';
import '../../staff-layout.scss';
import '../station/index.scss';
import './index.scss';

export const STATION_NEW_TEXT = {
  intro: '逐个新建驿站；批量新建请用 CSV 导入。',
  name: '驿站名称',
  address: '详细地址',
  district: '所在区',
  point: '位置',
  pickOnMap: '在地图上选点',
  lat: '纬度',
  lng: '经度',
  gcj02: '坐标系为 GCJ-02（高德、腾讯和微信地图使用的坐标）。请不要填 GPS 原始坐标或百度坐标，否则位置会偏几百米。',
  level: '级别',
  parentCode: '上级驿站（可不选）',
  parentHint: '上级的级别须高于本站：总站 > 分站 > 站点',
  pickParent: '选择上级驿站',
  changeParent: '换一个',
  clearParent: '不设上级',
  noParent: '不设上级',
  hostType: '依托单位',
  org: '负责的工会组织（编码）',
  hours: '开放时间',
  services: '服务项目',
  phone: '联系电话（可不填）',
  submit: '新建驿站',
  submitting: '正在新建…',
  checkFields: '请按提示修改后再提交',
  created: '已新建',
  failed: '新建失败，请稍后重试',
  doneTitle: (name: string, code: string) => `已新建「${name}」（编码 ${code}）`,
  masterTitle: '指定站长',
  masterIntro: '输入站长的手机号：对方用这个手机号短信登录后即可维护本站。',
  mobile: '站长手机号',
  mobileRule: '请输入 11 位手机号',
  invite: '邀请为站长',
  inviting: '正在邀请…',
  invited: { granted: '已授权，对方会收到消息', invited: '已邀请，对方首次短信登录后生效', unchanged: '已有相同的授权或邀请' } as Record<string, string>,
  edit: '去维护本站',
  another: '再建一个',
};
const T = STATION_NEW_TEXT;
const LEVEL_LABELS = STATION_LEVELS.map((l) => l.label);
const HOST_LABELS = HOST_TYPES.map((h) => h.label);
const EVERY_DAY = daysOf({ alwaysOpen: false, days: Array.from({ length: 7 }, () => [{ open: '08:00', close: '20:00' }]) });
const FIRST_ERROR = firstFieldError('station-new');

/** 新建驿站: one station from a form (a point on the map or typed GCJ-02), then its master invited by mobile. */
export default function StationNewPage() {
  const loggedIn = useLoggedIn();
  const user = currentUser();
  const allowed = hasAnyRole(user, TOOL_ROLES.stationNew);
  const myOrgs = rolesOf(user, ['officer', 'admin']).filter((r) => r.orgCode);
  const [v, setV] = useState<StationFormValues>({ name: '', address: '', district: null, lat: '', lng: '', level: null, hostType: null, orgCode: myOrgs[0]?.orgCode ?? '', parentCode: '', phone: '' });
  const [hours, setHours] = useState<DayForm[]>(EVERY_DAY);
  const [dayErrors, setDayErrors] = useState<Record<number, string>>({});
  const [services, setServices] = useState<string[]>([]);
  const [picking, setPicking] = useState(false);
  const [parent, setParent] = useState<{ code: string; name: string } | null>(null);
  const [pickingParent, setPickingParent] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedStation | null>(null);
  const keys = useMemo(createActionKeys, []);
  const scrollTo = useScrollTo();
  const set = (patch: Partial<StationFormValues>) => setV((x) => ({ ...x, ...patch }));
  const center = DISTRICTS.find((d) => d.name === v.district) ?? DISTRICTS[0];

  const submit = async () => {
    const problems = checkStationForm(v);
    const days = checkDays(hours);
    if (days.week || Object.keys(days.perDay).length) problems.hours = days.week ?? Object.values(days.perDay)[0];
    setErrors(problems);
    setDayErrors(days.perDay);
    if (Object.keys(problems).length) return scrollTo(FIRST_ERROR);
    const body = {
      name: v.name.trim(),
      address: v.address.trim(),
      district: v.district!,
      lat: Number(v.lat),
      lng: Number(v.lng),
      level: STATION_LEVELS.find((l) => l.label === v.level)!.code as StationLevel,
      hostType: HOST_TYPES.find((h) => h.label === v.hostType)!.code as HostType,
      orgCode: v.orgCode.trim(),
      hours: weeklyHoursOf(hours),
      services,
      ...(v.parentCode.trim() ? { parentCode: v.parentCode.trim() } : {}),
      ...(v.phone.trim() ? { phone: v.phone.trim() } : {}),
    };
    setBusy(true);
    try {
      const station = await createStation(body, keys.keyFor('create', body));
      keys.settle('create');
      toastDone(T.created);
      setCreated(station);
    } catch (err) {
      keys.settle('create', err);
      const fields = err instanceof ApiError ? err.fieldErrors : [];
      // hours.days.<d>… and other nested fields show under their top-level field.
      setErrors(fields.length ? Object.fromEntries(fields.map((f) => [f.field.split('.')[0], f.message])) : { form: errorMessage(err, T.failed) });
      scrollTo(fields.length ? FIRST_ERROR : '.station-new .station-new__error');
    } finally {
      setBusy(false);
    }
  };

  if (!allowed) return <NoAccess loggedIn={loggedIn} />;
  if (created) return <StationCreated station={created} onAnother={() => setCreated(null)} />;

  return (
    <View className='nx-page staff-layout station-new' data-testid='station-new'>
      <Text className='nx-text'>{T.intro}</Text>
      <FormField label={T.name} error={errors.name} testId='station-new-name'>
        <Input value={v.name} onChange={(name) => set({ name })} maxLength={100} placeholder='例如：中山路工会驿站' />
      </FormField>
      <FormField label={T.district} error={errors.district} testId='station-new-district'>
        <ChoiceChips options={DISTRICTS.map((d) => d.name)} value={v.district} onChange={(district) => set({ district })} testId='station-new-district-chips' />
      </FormField>
      <FormField label={T.address} error={errors.address} testId='station-new-address'>
        <Input value={v.address} onChange={(address) => set({ address })} maxLength={200} />
      </FormField>
      <FormField label={T.point} hint={T.gcj02} error={errors.lat ?? errors.lng} testId='station-new-point'>
        {picking ? (
          <MapPicker
            center={center}
            onPick={(p) => {
              set({ lat: String(p.lat), lng: String(p.lng) });
              setPicking(false);
            }}
            onCancel={() => setPicking(false)}
            testId='station-new-map'
          />
        ) : (
          <Text className='station-new__link' onClick={() => setPicking(true)} data-testid='station-new-pick'>
            {T.pickOnMap}
          </Text>
        )}
        <View className='station-new__coords'>
          <View className='station-new__coord' data-testid='station-new-lat'>
            <Text className='station-new__coord-label'>{T.lat}</Text>
            <Input value={v.lat} onChange={(lat) => set({ lat })} type='digit' maxLength={11} placeholder='24.4798' />
          </View>
          <View className='station-new__coord' data-testid='station-new-lng'>
            <Text className='station-new__coord-label'>{T.lng}</Text>
            <Input value={v.lng} onChange={(lng) => set({ lng })} type='digit' maxLength={11} placeholder='118.0894' />
          </View>
        </View>
      </FormField>
      <FormField label={T.level} error={errors.level} testId='station-new-level'>
        <ChoiceChips options={LEVEL_LABELS} value={v.level} onChange={(level) => set({ level })} testId='station-new-level-chips' />
      </FormField>
      <FormField label={T.parentCode} hint={T.parentHint} error={errors.parentCode} testId='station-new-parent'>
        {pickingParent ? (
          <StationPicker
            onPick={(s) => {
              setParent({ code: s.code, name: s.name });
              set({ parentCode: s.code });
              setPickingParent(false);
            }}
          />
        ) : (
          <View className='station-new__parent'>
            <Text className='station-new__parent-name' data-testid='station-new-parent-picked'>
              {parent ? `${parent.name}（${parent.code}）` : T.noParent}
            </Text>
            <Text className='station-new__link' onClick={() => setPickingParent(true)} data-testid='station-new-parent-pick'>
              {parent ? T.changeParent : T.pickParent}
            </Text>
            {parent && (
              <Text
                className='station-new__link'
                onClick={() => {
                  setParent(null);
                  set({ parentCode: '' });
                }}
                data-testid='station-new-parent-clear'
              >
                {T.clearParent}
              </Text>
            )}
          </View>
        )}
      </FormField>
      <FormField label={T.hostType} error={errors.hostType} testId='station-new-host'>
        <ChoiceChips options={HOST_LABELS} value={v.hostType} onChange={(hostType) => set({ hostType })} testId='station-new-host-chips' />
      </FormField>
      <FormField label={T.org} error={errors.orgCode} testId='station-new-org'>
        {myOrgs.length > 1 && (
          <ChoiceChips options={myOrgs.map((r) => r.orgName ?? r.orgCode!)} value={myOrgs.find((r) => r.orgCode === v.orgCode)?.orgName ?? null} onChange={(name) => set({ orgCode: myOrgs.find((r) => r.orgName === name)?.orgCode ?? v.orgCode })} testId='station-new-org-chips' />
        )}
        <Input value={v.orgCode} onChange={(orgCode) => set({ orgCode })} maxLength={32} />
      </FormField>
      <FormField label={T.hours} error={errors.hours} testId='station-new-hours'>
        <HoursEditor days={hours} onChange={setHours} errors={dayErrors} />
      </FormField>
      <FormField label={T.services} testId='station-new-services'>
        <ServiceChips selected={services} onChange={setServices} />
      </FormField>
      <FormField label={T.phone} error={errors.phone} testId='station-new-phone'>
        <Input value={v.phone} onChange={(phone) => set({ phone })} maxLength={20} />
      </FormField>
      {errors.form && (
        <Text className='station-new__error' data-testid='station-new-error'>
          {errors.form}
        </Text>
      )}
      <Button className='nx-big-button' type='primary' disabled={busy} onClick={submit} data-testid='station-new-submit'>
        {busy ? T.submitting : T.submit}
      </Button>
    </View>
  );
}

/** After the station exists: invite its master by mobile, then go keep it or make another. */
function StationCreated({ station, onAnother }: { station: CreatedStation; onAnother: () => void }) {
  const [mobile, setMobile] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keys = useMemo(createActionKeys, []);

  const invite = async () => {
    if (!isValidMobile(mobile)) return setError(T.mobileRule);
    setError(null);
    const body = { mobile: normalizeMobile(mobile), role: 'station_master' as const, stationId: station.id };
    setBusy(true);
    try {
      const r = await grantRole(body, keys.keyFor('grant', body));
      keys.settle('grant');
      setDone(T.invited[r.status]);
      toastDone(T.invited[r.status]);
    } catch (err) {
      keys.settle('grant', err);
      setError(err instanceof ApiError && err.fieldErrors.length ? err.fieldErrors[0].message : errorMessage(err, T.failed));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='nx-page staff-layout station-new' data-testid='station-new-done'>
      <View className='nx-card'>
        <Text className='nx-title' data-testid='station-new-done-title'>
          {T.doneTitle(station.name, station.code)}
        </Text>
      </View>
      <View className='nx-card'>
        <Text className='nx-title'>{T.masterTitle}</Text>
        <Text className='nx-text'>{T.masterIntro}</Text>
        <FormField label={T.mobile} error={error} testId='station-new-master-mobile'>
          <Input value={mobile} onChange={setMobile} type='number' maxLength={11} />
        </FormField>
        {done && (
          <Text className='nx-text' data-testid='station-new-master-done'>
            {done}
          </Text>
        )}
        <Button type='primary' disabled={busy} onClick={invite} data-testid='station-new-master-invite'>
          {busy ? T.inviting : T.invite}
        </Button>
      </View>
      <Button fill='outline' onClick={() => Taro.navigateTo({ url: withQuery(STATION_ROUTES.staffStation, { id: station.id }) })} data-testid='station-new-edit'>
        {T.edit}
      </Button>
      <Button fill='outline' onClick={onAnother} data-testid='station-new-another'>
        {T.another}
      </Button>
    </View>
  );
}
