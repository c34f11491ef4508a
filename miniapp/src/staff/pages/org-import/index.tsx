import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '../../../components/ui';
import { ClaimTextarea } from '../../../components/claim-textarea';
import { FormField } from '../../../components/form-field';
import { currentUser } from '../../../services/auth';
import { importOrgs, type OrgImportResult } from '../../../services/admin';
import { ApiError } from '../../../services/http';
import { errorMessage } from '../../../utils/error-message';
import { toastDone } from '../../../utils/feedback';
import { hasAnyRole } from '../../../utils/user-display';
import { useLoggedIn } from '../../../utils/use-session';
import { NoAccess } from '../../components/no-access';
import { TOOL_ROLES } from '../../staff-roles';
import { pickCsvFile } from './csv-file';
import '../../staff-layout.scss';
import './index.scss';

export const ORG_IMPORT_TEXT = {
  intro: '选择 CSV 文件或粘贴内容（第一行为表头）。先「检查」看将要发生的变化和有误的行，确认后再「导入」；按编码幂等，重复导入不会重复新建。',
  pickFile: process.env.TARO_ENV === 'weapp' ? '从聊天记录选择 CSV 文件' : '选择 CSV 文件',
  picked: (name: string, lines: number) => `已读取「${name}」，共 ${lines} 行；可在下方核对或修改`,
  columns: 'code,name,level,parentCode,autoApprove,catchAll,isMediationCentre,mediationWorkdays',
  example: '例：XM-HL,湖里区总工会,district,XM,false,false,false,',
  csv: 'CSV 内容',
  empty: '请先选择文件或粘贴 CSV 内容',
  check: '检查（不写入）',
  checking: '正在检查…',
  apply: '导入',
  applying: '正在导入…',
  applyFirst: '内容改过了，请先重新检查',
  confirmTitle: '确认导入',
  confirmBody: (r: OrgImportResult) => `将新建 ${r.created} 个、更新 ${r.updated} 个组织${r.rejected ? `；有误的 ${r.rejected} 行不会导入` : ''}。确定导入吗？`,
  summary: (r: OrgImportResult) => `${r.dryRun ? '检查结果：将' : '已'}新建 ${r.created} 个，更新 ${r.updated} 个，不变 ${r.unchanged} 个，有误 ${r.rejected} 行`,
  line: (e: { line: number; field: string; message: string }) => `第 ${e.line} 行 · ${e.field}：${e.message}`,
  done: '已导入',
  failed: '提交失败，请稍后重试',
  fileFailed: '读取文件失败，请重新选择',
};
const T = ORG_IMPORT_TEXT;

/** 导入组织架构 (admins): a dry run with per-row errors, then the same text applied. */
export default function OrgImportPage() {
  const loggedIn = useLoggedIn();
  const allowed = hasAnyRole(currentUser(), TOOL_ROLES.orgImport);
  const [csv, setCsv] = useState('');
  const [checked, setChecked] = useState<{ csv: string; result: OrgImportResult } | null>(null);
  const [result, setResult] = useState<OrgImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'check' | 'apply' | null>(null);
  const [file, setFile] = useState<string | null>(null);

  const chooseFile = async () => {
    setError(null);
    try {
      const picked = await pickCsvFile();
      if (!picked) return;
      // One line ending, as the text box itself keeps it (an edit would otherwise count as a change of every line).
      const text = picked.text.replace(/\r\n?/g, '\n');
      setCsv(text);
      setResult(null);
      setFile(T.picked(picked.name, text.split('\n').filter((l) => l.trim()).length));
    } catch (err) {
      setError(err instanceof Error && err.message ? err.message : T.fileFailed);
    }
  };

  const run = async (dryRun: boolean): Promise<OrgImportResult | null> => {
    setError(null);
    setBusy(dryRun ? 'check' : 'apply');
    try {
      const r = await importOrgs(csv, dryRun);
      setResult(r);
      return r;
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors : [];
      setError(fields.length ? fields.map((f) => f.message).join('\n') : errorMessage(err, T.failed));
      return null;
    } finally {
      setBusy(null);
    }
  };

  const check = async () => {
    if (!csv.trim()) return setError(T.empty);
    const r = await run(true);
    setChecked(r ? { csv, result: r } : null);
  };

  const apply = async () => {
    if (!checked || checked.csv !== csv) return setError(T.applyFirst);
    const { confirm } = await Taro.showModal({ title: T.confirmTitle, content: T.confirmBody(checked.result) });
    if (!confirm) return;
    if (await run(false)) {
      setChecked(null);
      toastDone(T.done);
    }
  };

  if (!allowed) return <NoAccess loggedIn={loggedIn} />;

  return (
    <View className='nx-page staff-layout org-import' data-testid='org-import'>
      <View className='nx-card'>
        <Text className='nx-text'>{T.intro}</Text>
        <Text className='org-import__columns'>{T.columns}</Text>
        <Text className='nx-text'>{T.example}</Text>
      </View>
      <Button className='nx-big-button' fill='outline' disabled={!!busy} onClick={chooseFile} data-testid='org-import-file'>
        {T.pickFile}
      </Button>
      {file && (
        <Text className='nx-text' data-testid='org-import-file-name'>
          {file}
        </Text>
      )}
      <FormField label={T.csv} error={error} testId='org-import-csv'>
        <ClaimTextarea name='csv' value={csv} onChange={setCsv} maxLength={200000} rows={10} placeholder={T.columns} />
      </FormField>
      <Button className='nx-big-button' fill='outline' disabled={!!busy} onClick={check} data-testid='org-import-check'>
        {busy === 'check' ? T.checking : T.check}
      </Button>
      <Button className='nx-big-button' type='primary' disabled={!!busy || !checked || checked.csv !== csv} onClick={apply} data-testid='org-import-apply'>
        {busy === 'apply' ? T.applying : T.apply}
      </Button>
      {result && (
        <View className='nx-card org-import__result' data-testid='org-import-result'>
          <Text className='org-import__summary' data-testid='org-import-summary'>
            {T.summary(result)}
          </Text>
          {result.errors.map((e) => (
            <Text key={`${e.line}-${e.field}`} className='org-import__error' data-testid='org-import-row-error'>
              {T.line(e)}
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}
