import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { isValidOrgCode } from '@nuanxin/shared';
import { Button, Input } from '../../components/ui';
import { OrgCard } from '../../components/org-card';
import { FormField } from '../../components/form-field';
import { OrgPicker } from '../../components/org-picker';
import { clearDraft, loadDraft, submitWithDraft } from '../../services/drafts';
import { ApiError } from '../../services/http';
import { fetchOrg, requestTransfer, type ApplyResult, type OrgCard as Org, type TransferRequest } from '../../services/memberships';
import { ROUTES, withQuery } from '../../routes';
import { errorMessage } from '../../utils/error-message';
import { usePageParams } from '../../utils/use-session';
import './transfer.scss';

const FORM_ID = 'transfer';
const REASON_MIN = 2;
const REASON_MAX = 200;

const TEXT = {
  intro: '换了平台或城市，可以把会籍转到新的工会。转入工会审核通过后，原会籍自动结束，会员号随之更新。',
  search: '搜索转入的工会',
  searchPlaceholder: '输入工会名称，如“货拉拉”“顺丰”',
  code: '或输入转入工会的组织编码',
  codeHint: '组织编码区分大小写',
  codePlaceholder: '如 XM-HL-XJY',
  find: '查找',
  change: '更换',
  badCode: '组织编码由字母、数字、_ 和 - 组成，请核对',
  findFailed: '查询失败，请检查网络后重试',
  reason: '转移原因',
  reasonPlaceholder: '如：换到货拉拉跑车',
  reasonShort: `请填写转移原因（至少 ${REASON_MIN} 个字）`,
  submit: '提交转移申请',
  submitting: '正在提交…',
  failed: '提交失败，请检查网络后重试',
  retryNotice: '上次提交因网络问题没有完成，点「提交转移申请」重试，不会重复申请。',
  doneTitle: '会员转移已完成',
  doneBody: (org: string) => `你现在是「${org}」的会员，会员卡已更新。`,
  sentTitle: '转移申请已提交',
  sentBody: (org: string) => `「${org}」审核通过后即完成转移，结果会发到你的消息。`,
  toCard: '查看会员卡',
  toStatus: '查看办理进度',
};

/** 会员转移: find the target org by name or code, give a reason, submit once (Idempotency-Key via the draft). */
export default function TransferPage() {
  // Opened from a scanned join code (?org=): that union is the target, already looked up.
  const { org: scanned } = usePageParams();
  const [saved] = useState(() => loadDraft<TransferRequest>(FORM_ID));
  const [code, setCode] = useState(saved?.data.toOrgCode ?? '');
  const [org, setOrg] = useState<Org | null>(null);
  const [finding, setFinding] = useState(false);
  const [reason, setReason] = useState(saved?.data.reason ?? '');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(saved?.lastError?.retryable ? TEXT.retryNotice : null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ApplyResult | null>(null);

  const find = async (wanted: string) => {
    setFinding(true);
    setFieldErrors({});
    setError(null);
    try {
      setOrg(await fetchOrg(wanted));
      setCode(wanted);
    } catch (err) {
      setOrg(null);
      setFieldErrors({ toOrgCode: errorMessage(err, TEXT.findFailed) });
    } finally {
      setFinding(false);
    }
  };

  useEffect(() => {
    if (scanned && isValidOrgCode(scanned)) find(scanned);
    // Once, for the code the page was opened with.
  }, [scanned]);

  const onFind = () => {
    // Codes are case-sensitive ([A-Za-z0-9_-]): looked up exactly as typed, only trimmed.
    const trimmed = code.trim();
    if (!isValidOrgCode(trimmed)) {
      setFieldErrors({ toOrgCode: TEXT.badCode });
      return;
    }
    find(trimmed);
  };

  const onSubmit = async () => {
    if (!org || busy) return;
    if (reason.trim().length < REASON_MIN) {
      setFieldErrors({ reason: TEXT.reasonShort });
      return;
    }
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      setResult(await submitWithDraft(FORM_ID, { toOrgCode: org.code, reason: reason.trim() }, requestTransfer));
    } catch (err) {
      const fields: Record<string, string> = {};
      if (err instanceof ApiError) err.fieldErrors.forEach((f) => (fields[f.field] = f.message));
      setFieldErrors(fields);
      setError(errorMessage(err, TEXT.failed));
      if (!loadDraft(FORM_ID)?.lastError?.retryable) clearDraft(FORM_ID);
    } finally {
      setBusy(false);
    }
  };

  if (result) {
    const done = Boolean(result.card);
    return (
      <View className='nx-page' data-testid='transfer-result'>
        <View className='nx-card'>
          <Text className='nx-title'>{done ? TEXT.doneTitle : TEXT.sentTitle}</Text>
          <Text className='nx-text'>{done ? TEXT.doneBody(result.application.org.name) : TEXT.sentBody(result.application.org.name)}</Text>
        </View>
        <View className='nx-bottom-actions'>
          {done ? (
            <Button className='nx-big-button' type='primary' onClick={() => Taro.redirectTo({ url: ROUTES.card })} data-testid='transfer-goto-card'>
              {TEXT.toCard}
            </Button>
          ) : (
            <Button
              className='nx-big-button'
              type='primary'
              onClick={() => Taro.redirectTo({ url: withQuery(ROUTES.joinStatus, { id: result.application.id }) })}
              data-testid='transfer-goto-status'
            >
              {TEXT.toStatus}
            </Button>
          )}
        </View>
      </View>
    );
  }

  return (
    <View className='nx-page transfer-page' data-testid='transfer-page'>
      <Text className='nx-text transfer-page__intro'>{TEXT.intro}</Text>
      {!org && (
        <View className='transfer-page__search'>
          <Text className='transfer-page__label'>{TEXT.search}</Text>
          <OrgPicker testId='transfer-org-picker' placeholder={TEXT.searchPlaceholder} onPick={(picked) => find(picked.code)} />
        </View>
      )}
      {!org && (
        <FormField label={TEXT.code} hint={TEXT.codeHint} error={fieldErrors.toOrgCode} testId='transfer-org-code'>
          <View className='transfer-page__row'>
            <Input
              className='transfer-page__input'
              name='toOrgCode'
              value={code}
              maxLength={32}
              placeholder={TEXT.codePlaceholder}
              onChange={(v) => {
                setCode(v);
                setOrg(null);
              }}
            />
            <Button className='transfer-page__find' type='primary' loading={finding} disabled={finding || !code.trim()} onClick={onFind} data-testid='transfer-find'>
              {TEXT.find}
            </Button>
          </View>
        </FormField>
      )}
      {org && (
        <OrgCard
          org={org}
          testId='transfer-org'
          action={
            <Text className='transfer-page__change' onClick={() => setOrg(null)} data-testid='transfer-org-change'>
              {TEXT.change}
            </Text>
          }
        />
      )}
      {org && (
        <FormField label={TEXT.reason} error={fieldErrors.reason} testId='transfer-reason'>
          <Input name='reason' value={reason} maxLength={REASON_MAX} placeholder={TEXT.reasonPlaceholder} onChange={setReason} />
        </FormField>
      )}
      {error && (
        <Text className='transfer-page__error' data-testid='transfer-error'>
          {error}
        </Text>
      )}
      <View className='nx-bottom-actions'>
        <Button className='nx-big-button' type='primary' loading={busy} disabled={!org || busy} onClick={onSubmit} data-testid='transfer-submit'>
          {busy ? TEXT.submitting : TEXT.submit}
        </Button>
      </View>
    </View>
  );
}
