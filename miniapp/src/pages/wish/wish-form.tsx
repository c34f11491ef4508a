import { useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ErrorCode, formatYuan, parseYuan, WISH_CATEGORIES, WISH_FORBIDDEN_NOTE, WISH_RULES } from '@nuanxin/shared';
import { Button, Input } from '../../components/ui';
import { ChoiceChips } from '../../components/choice-chips';
import { ClaimPhotoPicker, usePhotoUploads } from '../../components/claim-photo-picker';
import { ClaimTextarea } from '../../components/claim-textarea';
import { FormField } from '../../components/form-field';
import { ToggleRow } from '../../components/toggle-row';
import { WISH_ROUTES } from '../../components/wish-routes';
import { loadDraft, submitWithDraft } from '../../services/drafts';
import { ApiError } from '../../services/http';
import { loadWishPhoto, postWish, uploadWishPhoto, type Wish } from '../../services/wishes';
import { errorMessage } from '../../utils/error-message';
import { firstFieldError, useScrollTo } from '../../utils/feedback';
import { askSubscribeConsent, useSubscribeTemplates } from '../../utils/subscribe-consent';
import { StationChoice } from './station-choice';
import { EMPTY_WISH, toPostRequest, WISH_FIELDS, WISH_FORM_ID, wishProblems, type WishDraftData, type WishField } from './wish-form-rules';

export const WISH_FORM_TEXT = {
  intro: '说出一个小心愿，工会审核后发布到心愿墙，爱心人士认领后送到你选的驿站。心愿墙不显示你的姓名、电话和单位。',
  forbidden: WISH_FORBIDDEN_NOTE,
  category: '心愿类别',
  title: `我的心愿（最多 ${WISH_RULES.titleMax} 字）`,
  titlePlaceholder: '如：给孩子买一个新书包',
  titleCount: (n: number) => `${n}/${WISH_RULES.titleMax}`,
  story: `心愿故事（最多 ${WISH_RULES.storyMax} 字）`,
  storyPlaceholder: '说说为什么需要它。不要写手机号、身份证号、住址等个人信息。',
  value: '大约价值（元）',
  valuePlaceholder: '如 200',
  valueHint: (capFen: number) => `不超过 ${formatYuan(capFen)}（所在工会规定的上限）`,
  valuePreview: (yuan: string) => `将记为 ${yuan}`,
  station: '在哪个驿站领取',
  photo: '照片（可选，1 张）',
  photoHint: '拍心愿相关的物品即可，不要拍人脸、证件',
  anonymous: '匿名发布',
  anonymousOff: '心愿墙上只显示你的姓，如「王师傅」',
  anonymousOn: '心愿墙上显示为「匿名」',
  submit: '提交心愿',
  resubmit: '重新提交',
  submitting: '正在提交…',
  fixFields: '还有信息未填好，请按红字提示修改',
  photoUploading: '照片还在上传，请稍候再提交',
  photoFailed: '照片上传失败，请点照片重试或删除后再提交',
  retryNotice: '上次提交因网络问题没有完成，内容已暂存在本机，点「重新提交」即可，不会重复提交。',
  failed: '提交失败，请检查网络后重试',
  seeMine: '查看我的心愿',
};

const CATEGORY_LABELS = WISH_CATEGORIES.map((c) => c.label);
const LIMIT_CODES: ReadonlySet<string> = new Set([ErrorCode.WISH_OPEN_EXISTS, ErrorCode.WISH_YEARLY_LIMIT]);

type Failure = { message: string; retryable: boolean; limit?: boolean; extra?: string[] };

export interface WishFormProps {
  /** The value cap of the member's org (from GET /api/wishes/rules). */
  valueCapFen: number;
  onSubmitted: (wish: Wish) => void;
  /** The server says the caller is not a member (403 NOT_A_MEMBER). */
  onNotMember: () => void;
}

/** 发心愿: category, title, story, value, pickup station, optional photo, 匿名; personal data flagged as typed. */
export function WishForm({ valueCapFen, onSubmitted, onNotMember }: WishFormProps) {
  const initial = useMemo(() => loadDraft<WishDraftData>(WISH_FORM_ID), []);
  const [values, setValues] = useState<WishDraftData>(() => ({ ...EMPTY_WISH, ...(initial?.data ?? {}) }));
  const photos = usePhotoUploads(initial?.data.photoIds ?? [], { upload: uploadWishPhoto, max: 1 });
  const [retryPending, setRetryPending] = useState(() => Boolean(initial?.lastError?.retryable));
  const [failure, setFailure] = useState<Failure | null>(() => (initial?.lastError?.retryable ? { message: initial.lastError.message, retryable: true } : null));
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<WishField, string>>>({});
  const [busy, setBusy] = useState(false);
  const scrollTo = useScrollTo();
  useSubscribeTemplates();

  const snapshot: WishDraftData = { ...values, photoIds: photos.ids };
  const problems = wishProblems(snapshot, valueCapFen);

  const update = <K extends keyof WishDraftData>(field: K, value: WishDraftData[K], serverField: WishField) => {
    setValues((v) => ({ ...v, [field]: value }));
    setServerErrors(({ [serverField]: _dropped, ...rest }) => rest);
  };

  const errorOf = (field: WishField): string | null => (submitted ? problems.all[field] : problems.live[field]) ?? serverErrors[field] ?? null;

  const onSubmit = async () => {
    if (busy) return;
    setSubmitted(true);
    if (Object.keys(problems.all).length > 0) {
      setFailure({ message: WISH_FORM_TEXT.fixFields, retryable: false });
      return scrollTo(firstFieldError('wish-form'));
    }
    if (photos.uploading) return setFailure({ message: WISH_FORM_TEXT.photoUploading, retryable: false });
    if (photos.failed) return setFailure({ message: WISH_FORM_TEXT.photoFailed, retryable: false });
    // WeChat only asks inside the tap, before any await; the wish is posted whatever the answer.
    const consent = askSubscribeConsent('wish');
    setBusy(true);
    setFailure(null);
    setServerErrors({});
    try {
      const wish = await submitWithDraft(WISH_FORM_ID, snapshot, (data, key) => postWish(toPostRequest(data), key));
      setRetryPending(false);
      await consent;
      setBusy(false);
      onSubmitted(wish);
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.code === ErrorCode.NOT_A_MEMBER) return onNotMember();
      const retryable = Boolean(loadDraft<WishDraftData>(WISH_FORM_ID)?.lastError?.retryable);
      setRetryPending(retryable);
      const fields: Partial<Record<WishField, string>> = {};
      const extra: string[] = [];
      if (err instanceof ApiError) {
        err.fieldErrors.forEach((f) => {
          if ((WISH_FIELDS as readonly string[]).includes(f.field)) fields[f.field as WishField] = f.message;
          else extra.push(f.message);
        });
      }
      setServerErrors(fields);
      const generic = err instanceof ApiError && err.code === ErrorCode.VALIDATION_FAILED && Object.keys(fields).length > 0;
      const limit = err instanceof ApiError && LIMIT_CODES.has(err.code);
      setFailure({ message: generic ? WISH_FORM_TEXT.fixFields : errorMessage(err, WISH_FORM_TEXT.failed), retryable, limit, extra });
      scrollTo(Object.keys(fields).length > 0 ? firstFieldError('wish-form') : '.wish-form .wish-form__failure');
    }
  };

  const fen = parseYuan(values.value);
  const categoryLabel = WISH_CATEGORIES.find((c) => c.code === values.category)?.label ?? null;

  return (
    <View className='wish-form' data-testid='wish-form'>
      <Text className='nx-text wish-form__intro'>{WISH_FORM_TEXT.intro}</Text>
      <Text className='wish-form__forbidden' data-testid='wish-forbidden'>
        {WISH_FORM_TEXT.forbidden}
      </Text>

      <FormField label={WISH_FORM_TEXT.category} error={errorOf('category')} testId='wish-category'>
        <ChoiceChips
          options={CATEGORY_LABELS}
          value={categoryLabel}
          onChange={(label) => update('category', WISH_CATEGORIES.find((c) => c.label === label)?.code ?? null, 'category')}
          testId='wish-category-choices'
        />
      </FormField>

      <FormField label={WISH_FORM_TEXT.title} error={errorOf('title')} hint={WISH_FORM_TEXT.titleCount(values.title.length)} testId='wish-title'>
        <Input name='title' value={values.title} maxLength={WISH_RULES.titleMax} placeholder={WISH_FORM_TEXT.titlePlaceholder} onChange={(v) => update('title', v, 'title')} />
      </FormField>

      <FormField label={WISH_FORM_TEXT.story} error={errorOf('story')} testId='wish-story'>
        <ClaimTextarea name='story' value={values.story} maxLength={WISH_RULES.storyMax} placeholder={WISH_FORM_TEXT.storyPlaceholder} onChange={(v) => update('story', v, 'story')} />
      </FormField>

      <FormField
        label={WISH_FORM_TEXT.value}
        error={errorOf('valueFen')}
        hint={typeof fen === 'number' && fen > 0 ? WISH_FORM_TEXT.valuePreview(formatYuan(fen)) : WISH_FORM_TEXT.valueHint(valueCapFen)}
        testId='wish-value'
      >
        <Input name='value' type='digit' value={values.value} maxLength={10} placeholder={WISH_FORM_TEXT.valuePlaceholder} onChange={(v) => update('value', v, 'valueFen')} />
      </FormField>

      <FormField label={WISH_FORM_TEXT.station} error={errorOf('stationId')} testId='wish-station'>
        <StationChoice value={values.station} onChange={(s) => update('station', s, 'stationId')} />
      </FormField>

      <FormField label={WISH_FORM_TEXT.photo} error={photos.error ?? errorOf('photoId')} hint={WISH_FORM_TEXT.photoHint} testId='wish-photo'>
        <ClaimPhotoPicker photos={photos} load={loadWishPhoto} testId='wish-photos' />
      </FormField>

      <View className='form-field'>
        <ToggleRow
          label={WISH_FORM_TEXT.anonymous}
          hint={values.anonymous ? WISH_FORM_TEXT.anonymousOn : WISH_FORM_TEXT.anonymousOff}
          on={values.anonymous}
          onChange={(on) => setValues((v) => ({ ...v, anonymous: on }))}
          testId='wish-anonymous'
        />
      </View>

      {failure && (
        <View className='wish-form__failure' data-testid='wish-error'>
          <Text className='wish-form__failure-text'>{retryPending && !busy && failure.retryable ? WISH_FORM_TEXT.retryNotice : failure.message}</Text>
          {failure.extra?.map((m) => (
            <Text key={m} className='wish-form__failure-text'>
              {m}
            </Text>
          ))}
          {failure.limit && (
            <Button fill='outline' onClick={() => Taro.navigateTo({ url: `${WISH_ROUTES.mine}?tab=posted` })} data-testid='wish-error-mine'>
              {WISH_FORM_TEXT.seeMine}
            </Button>
          )}
        </View>
      )}

      <View className='nx-bottom-actions'>
        <Button className='nx-big-button' type='primary' loading={busy} disabled={busy} onClick={onSubmit} data-testid='wish-submit'>
          {busy ? WISH_FORM_TEXT.submitting : retryPending ? WISH_FORM_TEXT.resubmit : WISH_FORM_TEXT.submit}
        </Button>
      </View>
    </View>
  );
}
