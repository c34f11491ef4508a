import { useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { isValidMobile, normalizeMobile, ROLE_LABELS } from '@nuanxin/shared';
import { Button, Input } from '../../../components/ui';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField } from '../../../components/form-field';
import { createActionKeys } from '../../../services/action-keys';
import { grantRole, type GrantResult, type StaffRole } from '../../../services/admin';
import { ApiError } from '../../../services/http';
import type { ManagedStationSummary } from '../../../services/stations';
import type { MerchantDetail } from '@nuanxin/shared';
import { errorMessage } from '../../../utils/error-message';
import { toastDone } from '../../../utils/feedback';
import { StationPicker } from '../station/station-picker';
import { MerchantPicker } from './merchant-picker';

export const INVITE_TEXT = {
  title: '按手机号邀请',
  intro: '对方用这个手机号短信登录后即可使用；已登录过的立即生效，并会收到消息。',
  mobile: '手机号',
  mobileRule: '请输入 11 位手机号',
  role: '角色',
  roleRule: '请选择角色',
  scope: '范围',
  scopeOrg: (name: string) => `本组织：${name}`,
  station: '驿站',
  stationRule: '请选择驿站',
  pickStation: '选择驿站',
  changeStation: '换一个驿站',
  merchant: '商户',
  merchantRule: '请选择商户',
  pickMerchant: '选择商户',
  changeMerchant: '换一个商户',
  submit: '邀请',
  submitting: '正在邀请…',
  done: { granted: '已授权，对方会收到消息', invited: '已邀请，对方首次短信登录后生效', unchanged: '已有相同的授权或邀请' } as Record<GrantResult['status'], string>,
  failed: '邀请失败，请稍后重试',
};
const T = INVITE_TEXT;
const SHOWN = ['mobile', 'role', 'stationId', 'merchantId'];

/**
 * Invite by mobile: officer of this org, station master of a station in the subtree (picked from the stations the
 * caller keeps), a merchant's till user (picked from the merchants this org or its subtree signed), or admin (admins
 * only, on the root org).
 */
export function InviteForm({ org, canGrantAdmin, onDone }: { org: { code: string; name: string }; canGrantAdmin: boolean; onDone: (r: GrantResult) => void }) {
  const roles: StaffRole[] = canGrantAdmin ? ['officer', 'station_master', 'merchant', 'admin'] : ['officer', 'station_master', 'merchant'];
  const [mobile, setMobile] = useState('');
  const [role, setRole] = useState<StaffRole | null>(null);
  const [station, setStation] = useState<ManagedStationSummary | null>(null);
  const [merchant, setMerchant] = useState<MerchantDetail | null>(null);
  const [picking, setPicking] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const keys = useMemo(createActionKeys, []);

  const submit = async () => {
    const problems: Record<string, string> = {};
    if (!isValidMobile(mobile)) problems.mobile = T.mobileRule;
    if (!role) problems.role = T.roleRule;
    if (role === 'station_master' && !station) problems.stationId = T.stationRule;
    if (role === 'merchant' && !merchant) problems.merchantId = T.merchantRule;
    setErrors(problems);
    if (Object.keys(problems).length || !role) return;
    const target = role === 'station_master' ? { stationId: station!.id } : role === 'merchant' ? { merchantId: merchant!.id } : { orgCode: org.code };
    const body = { mobile: normalizeMobile(mobile), role, ...target };
    setBusy(true);
    try {
      const result = await grantRole(body, keys.keyFor('grant', body));
      keys.settle('grant');
      toastDone(T.done[result.status]);
      setMobile('');
      onDone(result);
    } catch (err) {
      keys.settle('grant', err);
      // A refusal about a field this form shows goes under it; any other (the org, the merchant) under the button.
      const fields = err instanceof ApiError ? err.fieldErrors : [];
      const shown = fields.filter((f) => SHOWN.includes(f.field));
      const other = fields.find((f) => !SHOWN.includes(f.field));
      setErrors({ ...Object.fromEntries(shown.map((f) => [f.field, f.message])), ...(other || !fields.length ? { form: other?.message ?? errorMessage(err, T.failed) } : {}) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='nx-card' data-testid='invite-form'>
      <Text className='nx-title'>{T.title}</Text>
      <Text className='nx-text'>{T.intro}</Text>
      <FormField label={T.mobile} error={errors.mobile} testId='invite-mobile'>
        <Input value={mobile} onChange={setMobile} type='number' maxLength={11} placeholder='13800001111' />
      </FormField>
      <FormField label={T.role} error={errors.role} testId='invite-role'>
        <ChoiceChips
          options={roles.map((r) => ROLE_LABELS[r])}
          value={role ? ROLE_LABELS[role] : null}
          onChange={(label) => {
            setRole(roles.find((r) => ROLE_LABELS[r] === label) ?? null);
            setPicking(false);
          }}
          testId='invite-role-chips'
        />
      </FormField>
      {role === 'station_master' ? (
        <FormField label={T.station} error={errors.stationId} testId='invite-station'>
          {station && !picking ? (
            <View className='invite-form__picked'>
              <Text className='invite-form__picked-name' data-testid='invite-station-picked'>{`${station.name}（${station.code}）`}</Text>
              <Text className='invite-form__link' onClick={() => setPicking(true)} data-testid='invite-station-change'>
                {T.changeStation}
              </Text>
            </View>
          ) : picking ? (
            <StationPicker
              onPick={(s) => {
                setStation(s);
                setPicking(false);
              }}
            />
          ) : (
            <Button fill='outline' onClick={() => setPicking(true)} data-testid='invite-station-pick'>
              {T.pickStation}
            </Button>
          )}
        </FormField>
      ) : role === 'merchant' ? (
        <FormField label={T.merchant} error={errors.merchantId} testId='invite-merchant'>
          {merchant && !picking ? (
            <View className='invite-form__picked'>
              <Text className='invite-form__picked-name' data-testid='invite-merchant-picked'>{`${merchant.name}（${merchant.org.name}）`}</Text>
              <Text className='invite-form__link' onClick={() => setPicking(true)} data-testid='invite-merchant-change'>
                {T.changeMerchant}
              </Text>
            </View>
          ) : picking ? (
            <MerchantPicker
              orgCode={org.code}
              onPick={(m) => {
                setMerchant(m);
                setPicking(false);
              }}
            />
          ) : (
            <Button fill='outline' onClick={() => setPicking(true)} data-testid='invite-merchant-pick'>
              {T.pickMerchant}
            </Button>
          )}
        </FormField>
      ) : (
        role && <Text className='nx-text' data-testid='invite-scope'>{`${T.scope}：${T.scopeOrg(org.name)}`}</Text>
      )}
      {errors.form && (
        <Text className='invite-form__error' data-testid='invite-error'>
          {errors.form}
        </Text>
      )}
      <Button className='nx-big-button' type='primary' disabled={busy} onClick={submit} data-testid='invite-submit'>
        {busy ? T.submitting : T.submit}
      </Button>
    </View>
  );
}
