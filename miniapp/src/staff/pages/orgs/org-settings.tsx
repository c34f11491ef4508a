import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Input } from '../../../components/ui';
import { FormField } from '../../../components/form-field';
import { ToggleRow } from '../../../components/toggle-row';
import { updateOrg, type OrgNode, type OrgPatch } from '../../../services/admin';
import { ApiError } from '../../../services/http';
import { errorMessage } from '../../../utils/error-message';
import { toastDone } from '../../../utils/feedback';

export const ORG_SETTINGS_TEXT = {
  name: '组织名称',
  rename: '保存名称',
  nameRule: '组织名称应为 2–100 个字',
  autoApprove: '入会自动审核',
  autoApproveHint: '打开后，申请加入本组织的职工无需人工审核',
  catchAll: '兜底工会',
  catchAllHint: '所在单位没有工会的职工，诉求和入会由本工会接收',
  mediation: '调解中心',
  mediationHint: '接收上报的诉求，在期限内组织调解',
  workdays: '调解期限（工作日）',
  workdaysHint: '留空为默认 3 个工作日',
  workdaysRule: '调解期限应为 1–30 的整数',
  saveWorkdays: '保存调解期限',
  saved: '已保存',
  failed: '保存失败，请稍后重试',
};
const T = ORG_SETTINGS_TEXT;

/** Checks the working-days box: '' is the default (null), else a whole number 1–30. */
export function parseWorkdays(text: string): { value: number | null } | { error: string } {
  const t = text.trim();
  if (!t) return { value: null };
  if (!/^\d{1,2}$/.test(t) || Number(t) < 1 || Number(t) > 30) return { error: T.workdaysRule };
  return { value: Number(t) };
}

/** One org's own settings: each switch saves on tap, the name and the mediation days with their button. */
export function OrgSettings({ org, onSaved }: { org: OrgNode; onSaved: (org: OrgNode) => void }) {
  const [name, setName] = useState(org.name);
  const [days, setDays] = useState(org.mediationWorkdays === null ? '' : String(org.mediationWorkdays));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setName(org.name);
    setDays(org.mediationWorkdays === null ? '' : String(org.mediationWorkdays));
    setErrors({});
  }, [org.code, org.name, org.mediationWorkdays]);

  const save = async (patch: OrgPatch) => {
    setBusy(true);
    try {
      onSaved(await updateOrg(org.code, patch));
      setErrors({});
      toastDone(T.saved);
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors : [];
      setErrors(fields.length ? Object.fromEntries(fields.map((f) => [f.field, f.message])) : { form: errorMessage(err, T.failed) });
    } finally {
      setBusy(false);
    }
  };

  const rename = () => {
    const n = name.trim();
    if (n.length < 2 || n.length > 100) return setErrors({ name: T.nameRule });
    if (n !== org.name) save({ name: n });
  };

  const saveDays = () => {
    const parsed = parseWorkdays(days);
    if ('error' in parsed) return setErrors({ mediationWorkdays: parsed.error });
    if (parsed.value !== org.mediationWorkdays) save({ mediationWorkdays: parsed.value });
  };

  return (
    <View className='nx-card org-settings' data-testid='org-settings'>
      <FormField label={T.name} error={errors.name} testId='org-settings-name'>
        <Input value={name} onChange={setName} maxLength={100} />
      </FormField>
      <Button fill='outline' disabled={busy || name.trim() === org.name} onClick={rename} data-testid='org-settings-rename'>
        {T.rename}
      </Button>
      <ToggleRow label={T.autoApprove} hint={T.autoApproveHint} on={org.autoApprove} onChange={(on) => !busy && save({ autoApprove: on })} testId='org-settings-auto-approve' />
      <ToggleRow label={T.catchAll} hint={T.catchAllHint} on={org.catchAll} onChange={(on) => !busy && save({ catchAll: on })} testId='org-settings-catch-all' />
      <ToggleRow label={T.mediation} hint={T.mediationHint} on={org.isMediationCentre} onChange={(on) => !busy && save({ isMediationCentre: on })} testId='org-settings-mediation' />
      {org.isMediationCentre && (
        <>
          <FormField label={T.workdays} hint={T.workdaysHint} error={errors.mediationWorkdays} testId='org-settings-workdays'>
            <Input value={days} onChange={setDays} type='digit' maxLength={2} placeholder='3' />
          </FormField>
          <Button fill='outline' disabled={busy} onClick={saveDays} data-testid='org-settings-save-workdays'>
            {T.saveWorkdays}
          </Button>
        </>
      )}
      {errors.form && (
        <Text className='org-settings__error' data-testid='org-settings-error'>
          {errors.form}
        </Text>
      )}
    </View>
  );
}
