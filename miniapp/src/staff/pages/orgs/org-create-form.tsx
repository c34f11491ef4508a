import { useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { isValidOrgCode, ORG_LEVEL_LABELS, ORG_LEVELS, type OrgLevel } from '@nuanxin/shared';
import { Button, Input } from '../../../components/ui';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField } from '../../../components/form-field';
import { ToggleRow } from '../../../components/toggle-row';
import { createActionKeys } from '../../../services/action-keys';
import { createOrg, type OrgNode } from '../../../services/admin';
import { ApiError } from '../../../services/http';
import { errorMessage } from '../../../utils/error-message';
import { toastDone } from '../../../utils/feedback';

export const ORG_CREATE_TEXT = {
  title: (parent: string) => `在「${parent}」下新建组织`,
  code: '组织编码',
  codeHint: '字母、数字、_ 或 -，最多 32 位，建议以上级编码开头，如 XM-SM-ZX',
  codeRule: '组织编码应为 1–32 位字母、数字、_ 或 -',
  name: '组织名称',
  nameRule: '组织名称应为 2–100 个字',
  level: '层级',
  levelRule: '请选择层级',
  autoApprove: '入会自动审核',
  submit: '新建',
  submitting: '正在新建…',
  cancel: '取消',
  created: '已新建',
  failed: '新建失败，请稍后重试',
};
const T = ORG_CREATE_TEXT;

/** A child org under `parent`: code, name, a level below the parent's, auto-approve. */
export function OrgCreateForm({ parent, onCreated, onCancel }: { parent: OrgNode; onCreated: (org: OrgNode) => void; onCancel: () => void }) {
  const levels = ORG_LEVELS.slice(ORG_LEVELS.indexOf(parent.level) + 1);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [level, setLevel] = useState<OrgLevel | null>(levels.length === 1 ? levels[0] : null);
  const [autoApprove, setAutoApprove] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const keys = useMemo(createActionKeys, []);
  const labelOf = (l: OrgLevel) => ORG_LEVEL_LABELS[l];

  const submit = async () => {
    const problems: Record<string, string> = {};
    if (!isValidOrgCode(code.trim())) problems.code = T.codeRule;
    if (name.trim().length < 2 || name.trim().length > 100) problems.name = T.nameRule;
    if (!level) problems.level = T.levelRule;
    setErrors(problems);
    if (Object.keys(problems).length || !level) return;
    const body = { parentCode: parent.code, code: code.trim(), name: name.trim(), level, autoApprove };
    setBusy(true);
    try {
      const org = await createOrg(body, keys.keyFor('create', body));
      keys.settle('create');
      toastDone(T.created);
      onCreated(org);
    } catch (err) {
      keys.settle('create', err);
      const fields = err instanceof ApiError ? err.fieldErrors : [];
      setErrors(fields.length ? Object.fromEntries(fields.map((f) => [f.field, f.message])) : { form: errorMessage(err, T.failed) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='nx-card' data-testid='org-create'>
      <Text className='nx-title'>{T.title(parent.name)}</Text>
      <FormField label={T.code} hint={T.codeHint} error={errors.code} testId='org-create-code'>
        <Input value={code} onChange={setCode} maxLength={32} placeholder={`${parent.code}-`} />
      </FormField>
      <FormField label={T.name} error={errors.name} testId='org-create-name'>
        <Input value={name} onChange={setName} maxLength={100} />
      </FormField>
      <FormField label={T.level} error={errors.level} testId='org-create-level'>
        <ChoiceChips options={levels.map(labelOf)} value={level ? labelOf(level) : null} onChange={(l) => setLevel(levels.find((x) => labelOf(x) === l) ?? null)} testId='org-create-level-chips' />
      </FormField>
      <ToggleRow label={T.autoApprove} on={autoApprove} onChange={setAutoApprove} testId='org-create-auto-approve' />
      {errors.form && (
        <Text className='org-settings__error' data-testid='org-create-error'>
          {errors.form}
        </Text>
      )}
      <Button className='nx-big-button' type='primary' disabled={busy} onClick={submit} data-testid='org-create-submit'>
        {busy ? T.submitting : T.submit}
      </Button>
      <Button fill='outline' onClick={onCancel} data-testid='org-create-cancel'>
        {T.cancel}
      </Button>
    </View>
  );
}
