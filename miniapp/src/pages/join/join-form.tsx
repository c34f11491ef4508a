import { useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ErrorCode, OCCUPATIONS } from '@nuanxin/shared';
import { Button, Input } from '../../components/ui';
import { ChoiceChips } from '../../components/choice-chips';
import { ConsentCheck } from '../../components/consent-check';
import { FormField } from '../../components/form-field';
import { loadDraft, saveDraft, submitWithDraft, type Draft } from '../../services/drafts';
import { ApiError } from '../../services/http';
import { applyToJoin, type ApplyResult, type JoinProfile, type OrgCard } from '../../services/memberships';
import { ROUTES } from '../../routes';
import { firstFieldError, toastDone, useScrollTo } from '../../utils/feedback';
import { askSubscribeConsent, useSubscribeTemplates } from '../../utils/subscribe-consent';
import {
  EMPTY_JOIN,
  fieldProblem,
  fieldsToCheck,
  isJudged,
  JOIN_FIELDS,
  safeDraft,
  SAVED_FIELDS,
  savedIdentityOf,
  toJoinRequest,
  valuesFromDraft,
  withProfile,
  type JoinDraftData,
  type JoinField,
  type JoinValues,
  type SavedIdentity,
} from './join-rules';

export const JOIN_FORM_ID = 'join';

export const JOIN_TEXT = {
  name: '姓名',
  namePlaceholder: '与身份证一致',
  mobile: '手机号',
  mobilePlaceholder: '用于接收审核结果',
  idNumber: '身份证号',
  idNumberPlaceholder: '18 位，最后一位可以是 X',
  idNumberHint: '仅用于确认一人一会籍，加密保存，任何页面都只显示部分号码。',
  employer: '工作单位/平台',
  employerPlaceholder: '如：美团、顺丰、货拉拉',
  occupation: '职业',
  city: '所在城市',
  consentPrefix: '我已阅读并同意',
  consentLink: '《隐私政策》',
  submit: '提交入会申请',
  resubmit: '重新提交',
  submitting: '正在提交…',
  fixFields: '还有信息未填好，请按红字提示修改',
  retryNotice: '上次提交因网络问题没有完成，资料已暂存在本机，点「重新提交」即可，不会重复申请。',
  toCard: '查看我的会员卡',
  toStatus: '查看入会进度',
  failed: '提交失败，请检查网络后重试',
  joinedToast: '已入会',
  appliedToast: '申请已提交',
  savedTitle: '使用上次填写的身份信息',
  savedEdit: '修改',
  savedNote: '信息已加密保存，这里只显示部分内容；如有变化请点「修改」重新填写。',
  savedLoginMobile: '手机号来自短信验证登录',
};

const SAVED_LABELS: Record<keyof SavedIdentity, string> = { name: JOIN_TEXT.name, mobile: JOIN_TEXT.mobile, idNumber: JOIN_TEXT.idNumber };

type Failure = NonNullable<Draft<JoinDraftData>['lastError']> & { extra?: string[] };

// Scoped by the form's root class: H5 keeps earlier pages in the DOM. The consent box is no FormField: its own error.
const FIRST_ERROR = firstFieldError('join-form');
const CONSENT_ERROR = '.join-form .consent-check__error';
const FAILURE_NOTICE = '.join-form .join-form__failure';
/** Where a failed submit looks first: the fields come before the consent box. */
const firstError = (fields: JoinField[]) => (fields.some((f) => f !== 'consent') ? FIRST_ERROR : fields.length > 0 ? CONSENT_ERROR : FAILURE_NOTICE);

export interface JoinFormProps {
  org: OrgCard;
  onSubmitted: (result: ApplyResult) => void;
  /** The applicant's saved details (GET /api/memberships/profile); null when there are none or it failed. */
  profile?: JoinProfile | null;
}

/** The join form: shared validators as you type, a draft for 重试, server field errors under their fields. */
export function JoinForm({ org, onSubmitted, profile = null }: JoinFormProps) {
  const initial = useMemo(() => loadDraft<JoinDraftData>(JOIN_FORM_ID), []);
  // A network failure keeps the whole submission (ID number included) so 重新提交 reuses its key.
  const [retryPending, setRetryPending] = useState(() => Boolean(initial?.lastError?.retryable && (initial.data.idNumber || initial.data.useSavedIdentity)));
  const [values, setValues] = useState<JoinValues>(() => {
    const base = initial ? valuesFromDraft(initial.data) : EMPTY_JOIN;
    return retryPending ? base : withProfile(base, profile, Boolean(initial?.data.city));
  });
  const offered = useMemo(() => savedIdentityOf(profile), [profile]);
  // A pending retry keeps exactly what it sent; otherwise whatever the server holds is used until 修改.
  const [useSaved, setUseSaved] = useState(() => (retryPending ? Boolean(initial?.data.useSavedIdentity) : true));
  const saved: SavedIdentity = useSaved ? offered : {};
  const savedFields = SAVED_FIELDS.filter((f) => f in saved);
  const [left, setLeft] = useState<Partial<Record<JoinField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<JoinField, string>>>({});
  const [failure, setFailure] = useState<Failure | null>(() => (retryPending && initial?.lastError ? initial.lastError : null));
  const [busy, setBusy] = useState(false);
  const scrollTo = useScrollTo();
  useSubscribeTemplates();

  const persist = (next: JoinValues, keepWhole: boolean) => {
    if (keepWhole) saveDraft<JoinDraftData>(JOIN_FORM_ID, toJoinRequest(org.code, next, saved), loadDraft<JoinDraftData>(JOIN_FORM_ID)?.lastError);
    else saveDraft<JoinDraftData>(JOIN_FORM_ID, safeDraft(org.code, next));
  };

  const update = <K extends JoinField>(field: K, value: JoinValues[K]) => {
    const next = { ...values, [field]: value };
    setValues(next);
    setServerErrors(({ [field]: _dropped, ...rest }) => rest);
    persist(next, retryPending);
  };

  const leave = (field: JoinField) => setLeft((l) => (l[field] ? l : { ...l, [field]: true }));

  const editSaved = () => {
    setUseSaved(false);
    setServerErrors({});
    // The retry draft held the request with the saved identity: it no longer matches what will be sent.
    if (retryPending) {
      setRetryPending(false);
      setFailure(null);
      saveDraft<JoinDraftData>(JOIN_FORM_ID, safeDraft(org.code, values));
    }
  };

  const errorOf = (field: JoinField): string | null => {
    const problem = isJudged(field, values, Boolean(left[field]), submitted) ? fieldProblem(field, values) : null;
    // The server's message is about exactly this value (it is dropped on the next edit) and says why.
    return serverErrors[field] ?? problem ?? null;
  };

  const onSubmit = async () => {
    if (busy) return;
    setSubmitted(true);
    const wrong = fieldsToCheck(saved).filter((f) => fieldProblem(f, values));
    if (wrong.length > 0) {
      setFailure({ code: ErrorCode.VALIDATION_FAILED, message: JOIN_TEXT.fixFields, retryable: false });
      return scrollTo(firstError(wrong));
    }
    // WeChat only asks inside the tap, before any await; the application goes in whatever the answer.
    const consent = askSubscribeConsent('join');
    setBusy(true);
    setFailure(null);
    setServerErrors({});
    try {
      const result = await submitWithDraft(JOIN_FORM_ID, toJoinRequest(org.code, values, saved), applyToJoin);
      setRetryPending(false);
      // Leave the page once the consent dialog is answered, not from under it (still busy: no second submit).
      await consent;
      setBusy(false);
      toastDone(result.card ? JOIN_TEXT.joinedToast : JOIN_TEXT.appliedToast);
      onSubmitted(result);
    } catch (err) {
      const kept = loadDraft<JoinDraftData>(JOIN_FORM_ID);
      const retryable = Boolean(kept?.lastError?.retryable);
      setRetryPending(retryable);
      // A definite answer: the ID number and mobile leave storage again.
      if (!retryable) persist(values, false);
      const fields: Partial<Record<JoinField, string>> = {};
      const extra: string[] = [];
      if (err instanceof ApiError) {
        err.fieldErrors.forEach((f) => {
          if ((JOIN_FIELDS as string[]).includes(f.field)) fields[f.field as JoinField] = f.message;
          else extra.push(f.message);
        });
      }
      // The server no longer holds a saved field (e.g. 没有已保存的身份证号): show the inputs with its message.
      if (savedFields.some((f) => fields[f])) setUseSaved(false);
      setServerErrors(fields);
      setFailure({
        code: err instanceof ApiError ? err.code : 'UNKNOWN',
        message: err instanceof ApiError && err.message ? err.message : JOIN_TEXT.failed,
        retryable,
        extra,
      });
      setBusy(false);
      scrollTo(firstError(Object.keys(fields) as JoinField[]));
    }
  };

  return (
    <View className='join-form' data-testid='join-form'>
      {savedFields.length > 0 && (
        <View className='nx-card join-form__saved' data-testid='join-saved'>
          <View className='join-form__saved-head'>
            <Text className='join-form__saved-title'>{JOIN_TEXT.savedTitle}</Text>
            <Text className='join-form__saved-edit' onClick={editSaved} data-testid='join-saved-edit'>
              {JOIN_TEXT.savedEdit}
            </Text>
          </View>
          {savedFields.map((f) => (
            <View key={f} className='join-form__saved-row' data-testid={`join-saved-${f}`}>
              <Text className='join-form__saved-label'>{SAVED_LABELS[f]}</Text>
              <Text className='join-form__saved-value'>{saved[f]}</Text>
            </View>
          ))}
          {saved.mobile && profile?.mobileSource === 'login' && <Text className='join-form__saved-note'>{JOIN_TEXT.savedLoginMobile}</Text>}
          <Text className='join-form__saved-note'>{JOIN_TEXT.savedNote}</Text>
        </View>
      )}
      {!saved.name && (
        <FormField label={JOIN_TEXT.name} error={errorOf('name')} testId='join-name'>
          <Input
            name='name'
            value={values.name}
            maxLength={50}
            placeholder={JOIN_TEXT.namePlaceholder}
            onChange={(v) => update('name', v)}
            onBlur={() => leave('name')}
          />
        </FormField>
      )}
      {!saved.mobile && (
        <FormField label={JOIN_TEXT.mobile} error={errorOf('mobile')} testId='join-mobile'>
          <Input
            name='mobile'
            type='tel'
            value={values.mobile}
            maxLength={16}
            placeholder={JOIN_TEXT.mobilePlaceholder}
            onChange={(v) => update('mobile', v)}
            onBlur={() => leave('mobile')}
          />
        </FormField>
      )}
      {!saved.idNumber && (
        <FormField label={JOIN_TEXT.idNumber} error={errorOf('idNumber')} hint={JOIN_TEXT.idNumberHint} testId='join-id-number'>
          <Input
            name='idNumber'
            type='idcard'
            value={values.idNumber}
            maxLength={18}
            placeholder={JOIN_TEXT.idNumberPlaceholder}
            onChange={(v) => update('idNumber', v.replace(/\s/g, '').toUpperCase())}
            onBlur={() => leave('idNumber')}
          />
        </FormField>
      )}
      <FormField label={JOIN_TEXT.employer} error={errorOf('employer')} testId='join-employer'>
        <Input
          name='employer'
          value={values.employer}
          maxLength={100}
          placeholder={JOIN_TEXT.employerPlaceholder}
          onChange={(v) => update('employer', v)}
          onBlur={() => leave('employer')}
        />
      </FormField>
      <FormField label={JOIN_TEXT.occupation} error={errorOf('occupation')} testId='join-occupation'>
        <ChoiceChips options={OCCUPATIONS} value={values.occupation || null} onChange={(v) => update('occupation', v ?? '')} testId='join-occupation-choices' />
      </FormField>
      <FormField label={JOIN_TEXT.city} error={errorOf('city')} testId='join-city'>
        <Input name='city' value={values.city} maxLength={50} onChange={(v) => update('city', v)} onBlur={() => leave('city')} />
      </FormField>
      <ConsentCheck
        checked={values.consent}
        onChange={(checked) => update('consent', checked)}
        prefix={JOIN_TEXT.consentPrefix}
        linkText={JOIN_TEXT.consentLink}
        onOpenLink={() => Taro.navigateTo({ url: ROUTES.privacy })}
        error={errorOf('consent')}
        testId='join-consent'
      />

      {failure && (
        <View className='join-form__failure' data-testid='join-error'>
          <Text className='join-form__failure-text'>{retryPending && !busy && failure.retryable ? JOIN_TEXT.retryNotice : failure.message}</Text>
          {failure.extra?.map((m) => (
            <Text key={m} className='join-form__failure-text'>
              {m}
            </Text>
          ))}
          {failure.code === ErrorCode.ALREADY_MEMBER && (
            <Button className='nx-big-button join-form__failure-action' type='primary' fill='outline' onClick={() => Taro.navigateTo({ url: ROUTES.card })} data-testid='join-goto-card'>
              {JOIN_TEXT.toCard}
            </Button>
          )}
          {failure.code === ErrorCode.APPLICATION_PENDING && (
            <Button className='nx-big-button join-form__failure-action' type='primary' fill='outline' onClick={() => Taro.navigateTo({ url: ROUTES.joinStatus })} data-testid='join-goto-status'>
              {JOIN_TEXT.toStatus}
            </Button>
          )}
        </View>
      )}

      <View className='nx-bottom-actions'>
        <Button className='nx-big-button' type='primary' loading={busy} disabled={busy} onClick={onSubmit} data-testid='join-submit'>
          {busy ? JOIN_TEXT.submitting : retryPending ? JOIN_TEXT.resubmit : JOIN_TEXT.submit}
        </Button>
      </View>
    </View>
  );
}
