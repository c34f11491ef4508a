import { useEffect, useMemo, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { CLAIM_CATEGORIES, CLAIM_RULES, ErrorCode, formatYuan, type ClaimContactDefaults } from '@nuanxin/shared';
import { Button, Input } from '../../components/ui';
import { ChoiceChips } from '../../components/choice-chips';
import { ClaimPhotoPicker, usePhotoUploads } from '../../components/claim-photo-picker';
import { ClaimTextarea } from '../../components/claim-textarea';
import { FormField } from '../../components/form-field';
import { OrgPicker, type PickedOrg } from '../../components/org-picker';
import { loadDraft, saveDraft, submitWithDraft } from '../../services/drafts';
import { ApiError } from '../../services/http';
import { fetchContactDefaults, fileClaim, type Claim } from '../../services/claims';
import { errorMessage } from '../../utils/error-message';
import { firstFieldError, toastDone, useScrollTo } from '../../utils/feedback';
import { askSubscribeConsent, useSubscribeTemplates } from '../../utils/subscribe-consent';
import {
  amountToFen,
  CLAIM_FIELDS,
  CLAIM_FORM_ID,
  CONTACT_NAME_MAX,
  CONTACT_OPTIONS,
  DISTRICTS,
  draftToStore,
  EMPLOYER_MAX,
  formProblems,
  mobileJudged,
  restoreDraft,
  toCreateRequest,
  withDefaults,
  type ClaimDraftData,
  type ClaimField,
  type EmployerMode,
} from './claim-form-rules';

export const CLAIM_FORM_TEXT = {
  intro: '遇到欠薪、工伤、合同等问题，告诉工会。工会 1 个工作日内受理，受理后一般 3 个工作日内调解。',
  category: '遇到了什么问题',
  description: '具体情况',
  descriptionPlaceholder: '什么时间、在哪里、发生了什么，希望工会帮你做什么',
  photos: `证据照片（可选，最多 ${CLAIM_RULES.photosMax} 张）`,
  photosHint: '工资条、聊天记录、合同、受伤部位等照片，每张不超过 5 MB',
  employer: '用人单位或平台',
  employerSearchHint: '美团、饿了么、顺丰等平台和单位已建工会的，选中后由该工会办理',
  employerPickedHint: '由该单位工会办理',
  employerNameHint: '由你的会员组织或所在区总工会办理',
  orgSearchPlaceholder: '搜索单位工会，如美团',
  orgSearchHint: '输入平台或公司名称中的几个字，如“美团”“顺丰”',
  orgSearchEmpty: (q: string) => `没有找到“${q}”的单位工会，可以点下方直接填写单位名称，由你的会员组织或所在区总工会办理`,
  orgParent: (name: string) => `上级：${name}`,
  noUnion: '单位没有工会或搜不到？直接填写单位名称',
  hasUnion: '单位有工会？搜索选择',
  employerNamePlaceholder: '如：某某配送站、某某快递网点',
  employerBranch: '具体站点或网点（可选）',
  employerBranchPlaceholder: '如：某某配送站',
  change: '更换',
  amount: '涉及金额（元，可选）',
  amountPlaceholder: '如 3500，没有可不填',
  amountPreview: (yuan: string) => `将记为 ${yuan}`,
  contact: '工会怎么联系你',
  contactMessageHint: '办理进度发到你的消息，工会看不到你的手机号。',
  contactPhoneHint: '工会干部会打电话给你，进度也会发到你的消息。',
  contactName: '怎么称呼你',
  contactNameOptional: '怎么称呼你（可选）',
  contactNamePlaceholder: '如：王师傅、小李',
  contactNameFromMembership: '来自你的会员信息，可以修改',
  contactMobile: '手机号',
  contactMobilePlaceholder: '11 位手机号',
  contactMobileHint: '加密保存，只有办理你诉求的工会干部拨打时才能看到完整号码。',
  contactMobileSaved: { login: '来自你的短信验证登录', application: '来自你的入会申请' } as Record<string, string>,
  contactMobileSavedFallback: '已保存的手机号',
  contactMobileChange: '换一个号码',
  district: '所在区',
  districtHint: '不是工会会员、单位也没有工会时必选，由所在区总工会办理',
  submit: '提交诉求',
  resubmit: '重新提交',
  submitting: '正在提交…',
  fixFields: '还有信息未填好，请按红字提示修改',
  photosUploading: '照片还在上传，请稍候再提交',
  photosFailed: '有照片上传失败，请点照片重试或删除后再提交',
  retryNotice: '上次提交因网络问题没有完成，内容已暂存在本机，点「重新提交」即可，不会重复提交。',
  failed: '提交失败，请检查网络后重试',
  submittedToast: '诉求已提交',
};

const CATEGORY_LABELS = CLAIM_CATEGORIES.map((c) => c.label);
const DISTRICT_LABELS = DISTRICTS.map((d) => d.label);
const CONTACT_LABELS = CONTACT_OPTIONS.map((c) => c.label);

type Failure = { message: string; retryable: boolean; extra?: string[] };

// Scoped by the form's root class: H5 keeps earlier pages in the DOM.
const FIRST_ERROR = firstFieldError('claim-form');
const FAILURE_NOTICE = '.claim-form .claim-form__failure';

export interface ClaimFormProps {
  onSubmitted: (claim: Claim) => void;
}

/** The new-claim form: a draft that survives a weak signal, photos uploaded as chosen, server errors under their fields. */
export function ClaimForm({ onSubmitted }: ClaimFormProps) {
  const initial = useMemo(() => loadDraft<ClaimDraftData>(CLAIM_FORM_ID), []);
  const [values, setValues] = useState<ClaimDraftData>(() => restoreDraft(initial?.data));
  const photos = usePhotoUploads(initial?.data.photoIds ?? []);
  const [retryPending, setRetryPending] = useState(() => Boolean(initial?.lastError?.retryable));
  const [failure, setFailure] = useState<Failure | null>(() => (initial?.lastError?.retryable ? { message: initial.lastError.message, retryable: true } : null));
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<ClaimField, string>>>({});
  const [busy, setBusy] = useState(false);
  const [defaults, setDefaults] = useState<ClaimContactDefaults | null>(null);
  const [mobileLeft, setMobileLeft] = useState(false);
  const scrollTo = useScrollTo();
  useSubscribeTemplates();

  // The name and the saved mobile prefill what is not typed yet; a pending retry keeps exactly what it sent.
  const retryPendingAtStart = useRef(retryPending);
  useEffect(() => {
    let alive = true;
    fetchContactDefaults()
      .then((d) => {
        if (!alive) return;
        setDefaults(d);
        if (!retryPendingAtStart.current) setValues((v) => withDefaults(v, d));
      })
      .catch(() => undefined); // no prefill: the worker types them
    return () => {
      alive = false;
    };
  }, []);
  // The saved mobile is used only once the server said which one it is (or a pending retry already chose it).
  const useSavedMobile = values.useSavedMobile && (retryPending || Boolean(defaults?.mobileMasked));
  const snapshot: ClaimDraftData = { ...values, useSavedMobile, photoIds: photos.ids };
  const snapshotJson = JSON.stringify(snapshot);

  // Keep the draft as the user types (the key stays while the data is unchanged); nothing typed, nothing stored.
  const firstRun = useRef(true);
  const finished = useRef(false);
  useEffect(() => {
    if (finished.current) return;
    if (firstRun.current) {
      firstRun.current = false;
      return;
    }
    const lastError = retryPending ? loadDraft<ClaimDraftData>(CLAIM_FORM_ID)?.lastError : undefined;
    saveDraft<ClaimDraftData>(CLAIM_FORM_ID, draftToStore(JSON.parse(snapshotJson) as ClaimDraftData, retryPending), lastError);
  }, [snapshotJson, retryPending]);

  const update = <K extends keyof ClaimDraftData>(field: K, value: ClaimDraftData[K], serverField?: ClaimField) => {
    setValues((v) => ({ ...v, [field]: value }));
    const key = serverField ?? (field as ClaimField);
    setServerErrors(({ [key]: _dropped, ...rest }) => rest);
  };

  const problems = formProblems(snapshot);
  const judged = (field: ClaimField) => submitted || (field === 'amountFen' && values.amount.trim()) || (field === 'contactMobile' && mobileJudged(values, mobileLeft, submitted));
  const errorOf = (field: ClaimField): string | null => {
    const local = judged(field) ? problems[field] : undefined;
    return local ?? serverErrors[field] ?? null;
  };

  const pickOrg = (org: PickedOrg | null) => {
    update('employerOrg', org ? { code: org.code, name: org.name, parentName: org.parentName } : null, 'employerOrgCode');
    setServerErrors(({ employerName: _dropped, ...rest }) => rest);
  };

  const switchEmployerMode = (mode: EmployerMode) => {
    setValues((v) => ({ ...v, employerMode: mode, employerOrg: null }));
    setServerErrors(({ employerName: _a, employerOrgCode: _b, ...rest }) => rest);
  };

  const onSubmit = async () => {
    if (busy) return;
    setSubmitted(true);
    if (Object.keys(problems).length > 0) {
      setFailure({ message: CLAIM_FORM_TEXT.fixFields, retryable: false });
      return scrollTo(FIRST_ERROR);
    }
    if (photos.uploading || photos.failed) {
      setFailure({ message: photos.uploading ? CLAIM_FORM_TEXT.photosUploading : CLAIM_FORM_TEXT.photosFailed, retryable: false });
      return scrollTo(FAILURE_NOTICE);
    }
    // WeChat only asks inside the tap, before any await; the claim is filed whatever the answer.
    const consent = askSubscribeConsent('claim');
    setBusy(true);
    setFailure(null);
    setServerErrors({});
    try {
      const claim = await submitWithDraft(CLAIM_FORM_ID, snapshot, (data, key) => fileClaim(toCreateRequest(data), key));
      finished.current = true; // the draft is gone: do not write it back
      setRetryPending(false);
      // Leave the page once the consent dialog is answered, not from under it (still busy: no second submit).
      await consent;
      setBusy(false);
      toastDone(CLAIM_FORM_TEXT.submittedToast);
      onSubmitted(claim);
    } catch (err) {
      const retryable = Boolean(loadDraft<ClaimDraftData>(CLAIM_FORM_ID)?.lastError?.retryable);
      setRetryPending(retryable);
      const fields: Partial<Record<ClaimField, string>> = {};
      const extra: string[] = [];
      if (err instanceof ApiError) {
        err.fieldErrors.forEach((f) => {
          if ((CLAIM_FIELDS as string[]).includes(f.field)) fields[f.field as ClaimField] = f.message;
          else extra.push(f.message);
        });
      }
      setServerErrors(fields);
      const generic = err instanceof ApiError && err.code === ErrorCode.VALIDATION_FAILED && Object.keys(fields).length > 0;
      setFailure({ message: generic ? CLAIM_FORM_TEXT.fixFields : errorMessage(err, CLAIM_FORM_TEXT.failed), retryable, extra });
      setBusy(false);
      scrollTo(Object.keys(fields).length > 0 ? FIRST_ERROR : FAILURE_NOTICE);
    }
  };

  const categoryLabel = CLAIM_CATEGORIES.find((c) => c.code === values.category)?.label ?? null;
  const districtLabel = DISTRICTS.find((d) => d.code === values.districtCode)?.label ?? null;
  const contactLabel = CONTACT_OPTIONS.find((c) => c.code === values.contactPreference)?.label ?? null;
  const fen = amountToFen(values.amount);
  const phone = values.contactPreference === 'phone';
  const nameFromMembership = defaults?.nameSource === 'membership' && Boolean(defaults.name) && values.contactName === defaults.name;
  const savedMobileSource = defaults?.mobileSource ? CLAIM_FORM_TEXT.contactMobileSaved[defaults.mobileSource] : undefined;
  const mobileHint = useSavedMobile && savedMobileSource ? `${savedMobileSource}。${CLAIM_FORM_TEXT.contactMobileHint}` : CLAIM_FORM_TEXT.contactMobileHint;
  const employerHint = values.employerOrg ? CLAIM_FORM_TEXT.employerPickedHint : values.employerMode === 'search' ? CLAIM_FORM_TEXT.employerSearchHint : CLAIM_FORM_TEXT.employerNameHint;

  return (
    <View className='claim-form' data-testid='claim-form'>
      <Text className='nx-text claim-form__intro'>{CLAIM_FORM_TEXT.intro}</Text>

      <FormField label={CLAIM_FORM_TEXT.category} error={errorOf('category')} testId='claim-category'>
        <ChoiceChips
          options={CATEGORY_LABELS}
          value={categoryLabel}
          onChange={(label) => update('category', CLAIM_CATEGORIES.find((c) => c.label === label)?.code ?? null)}
          testId='claim-category-choices'
        />
      </FormField>

      <FormField label={CLAIM_FORM_TEXT.description} error={errorOf('description')} testId='claim-description'>
        <ClaimTextarea
          name='description'
          value={values.description}
          maxLength={CLAIM_RULES.descriptionMax}
          placeholder={CLAIM_FORM_TEXT.descriptionPlaceholder}
          onChange={(v) => update('description', v)}
        />
      </FormField>

      <FormField label={CLAIM_FORM_TEXT.photos} error={photos.error ?? errorOf('attachmentIds')} hint={CLAIM_FORM_TEXT.photosHint} testId='claim-photos-field'>
        <ClaimPhotoPicker photos={photos} testId='claim-photos' />
      </FormField>

      <FormField label={CLAIM_FORM_TEXT.employer} error={errorOf('employerOrgCode') ?? errorOf('employerName')} hint={employerHint} testId='claim-employer'>
        {values.employerOrg ? (
          <>
            <View className='claim-form__row'>
              <View className='claim-form__org'>
                <Text className='claim-form__org-name' data-testid='claim-employer-org-name'>
                  {values.employerOrg.name}
                </Text>
                {values.employerOrg.parentName && <Text className='claim-form__org-meta'>{CLAIM_FORM_TEXT.orgParent(values.employerOrg.parentName)}</Text>}
              </View>
              <Text className='claim-form__link' onClick={() => pickOrg(null)} data-testid='claim-employer-org-change'>
                {CLAIM_FORM_TEXT.change}
              </Text>
            </View>
            <Text className='claim-form__sublabel'>{CLAIM_FORM_TEXT.employerBranch}</Text>
            <View data-testid='claim-employer-name'>
              <Input name='employerName' value={values.employerName} maxLength={EMPLOYER_MAX} placeholder={CLAIM_FORM_TEXT.employerBranchPlaceholder} onChange={(v) => update('employerName', v)} />
            </View>
          </>
        ) : values.employerMode === 'search' ? (
          <>
            <OrgPicker
              level='enterprise'
              employer
              placeholder={CLAIM_FORM_TEXT.orgSearchPlaceholder}
              hint={CLAIM_FORM_TEXT.orgSearchHint}
              emptyText={CLAIM_FORM_TEXT.orgSearchEmpty}
              onPick={pickOrg}
              testId='claim-employer-org'
            />
            <Text className='claim-form__link claim-form__link--block' onClick={() => switchEmployerMode('name')} data-testid='claim-employer-no-union'>
              {CLAIM_FORM_TEXT.noUnion}
            </Text>
          </>
        ) : (
          <>
            <View data-testid='claim-employer-name'>
              <Input name='employerName' value={values.employerName} maxLength={EMPLOYER_MAX} placeholder={CLAIM_FORM_TEXT.employerNamePlaceholder} onChange={(v) => update('employerName', v)} />
            </View>
            <Text className='claim-form__link claim-form__link--block' onClick={() => switchEmployerMode('search')} data-testid='claim-employer-search'>
              {CLAIM_FORM_TEXT.hasUnion}
            </Text>
          </>
        )}
      </FormField>

      <FormField
        label={CLAIM_FORM_TEXT.amount}
        error={errorOf('amountFen')}
        hint={typeof fen === 'number' && fen > 0 ? CLAIM_FORM_TEXT.amountPreview(formatYuan(fen)) : undefined}
        testId='claim-amount'
      >
        <Input name='amount' type='digit' value={values.amount} maxLength={16} placeholder={CLAIM_FORM_TEXT.amountPlaceholder} onChange={(v) => update('amount', v, 'amountFen')} />
      </FormField>

      <FormField
        label={CLAIM_FORM_TEXT.contact}
        error={errorOf('contactPreference')}
        hint={phone ? CLAIM_FORM_TEXT.contactPhoneHint : CLAIM_FORM_TEXT.contactMessageHint}
        testId='claim-contact'
      >
        <ChoiceChips
          options={CONTACT_LABELS}
          value={contactLabel}
          onChange={(label) => update('contactPreference', CONTACT_OPTIONS.find((c) => c.label === label)?.code ?? values.contactPreference)}
          testId='claim-contact-choices'
        />
      </FormField>

      <FormField
        label={phone ? CLAIM_FORM_TEXT.contactName : CLAIM_FORM_TEXT.contactNameOptional}
        error={errorOf('contactName')}
        hint={nameFromMembership ? CLAIM_FORM_TEXT.contactNameFromMembership : undefined}
        testId='claim-contact-name'
      >
        <Input
          name='contactName'
          value={values.contactName}
          maxLength={CONTACT_NAME_MAX}
          placeholder={CLAIM_FORM_TEXT.contactNamePlaceholder}
          onChange={(v) => update('contactName', v)}
        />
      </FormField>

      {phone && (
        <FormField label={CLAIM_FORM_TEXT.contactMobile} error={errorOf('contactMobile')} hint={mobileHint} testId='claim-contact-mobile'>
          {useSavedMobile ? (
            <View className='claim-form__row'>
              <Text className='claim-form__saved-mobile' data-testid='claim-contact-mobile-saved'>
                {defaults?.mobileMasked ?? CLAIM_FORM_TEXT.contactMobileSavedFallback}
              </Text>
              <Text className='claim-form__link' onClick={() => update('useSavedMobile', false, 'contactMobile')} data-testid='claim-contact-mobile-change'>
                {CLAIM_FORM_TEXT.contactMobileChange}
              </Text>
            </View>
          ) : (
            <Input
              name='contactMobile'
              type='tel'
              value={values.contactMobile}
              maxLength={16}
              placeholder={CLAIM_FORM_TEXT.contactMobilePlaceholder}
              onChange={(v) => update('contactMobile', v)}
              onBlur={() => setMobileLeft(true)}
            />
          )}
        </FormField>
      )}

      <FormField label={CLAIM_FORM_TEXT.district} error={errorOf('districtCode')} hint={CLAIM_FORM_TEXT.districtHint} testId='claim-district'>
        <ChoiceChips
          options={DISTRICT_LABELS}
          value={districtLabel}
          clearable
          onChange={(label) => update('districtCode', DISTRICTS.find((d) => d.label === label)?.code ?? null)}
          testId='claim-district-choices'
        />
      </FormField>

      {failure && (
        <View className='claim-form__failure' data-testid='claim-error'>
          <Text className='claim-form__failure-text'>{retryPending && !busy && failure.retryable ? CLAIM_FORM_TEXT.retryNotice : failure.message}</Text>
          {failure.extra?.map((m) => (
            <Text key={m} className='claim-form__failure-text'>
              {m}
            </Text>
          ))}
        </View>
      )}

      <View className='nx-bottom-actions'>
        <Button className='nx-big-button' type='primary' loading={busy} disabled={busy} onClick={onSubmit} data-testid='claim-submit'>
          {busy ? CLAIM_FORM_TEXT.submitting : retryPending ? CLAIM_FORM_TEXT.resubmit : CLAIM_FORM_TEXT.submit}
        </Button>
      </View>
    </View>
  );
}
