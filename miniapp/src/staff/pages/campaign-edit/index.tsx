import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { BENEFIT_RULES, OCCUPATIONS, Role, formatYuan, type BudgetPreview, type MerchantDetail, type Occupation, type RuleError } from '@nuanxin/shared';
import { Button, Input } from '../../../components/ui';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField } from '../../../components/form-field';
import { OrgPicker } from '../../../components/org-picker';
import { BENEFIT_ROUTES } from '../../../components/benefit-routes';
import { currentUser } from '../../../services/auth';
import { actOnCampaign, createCampaign, fetchCampaign, fetchMerchants, previewBudget, updateCampaign } from '../../../services/benefits';
import { ApiError, newIdempotencyKey } from '../../../services/http';
import { errorMessage } from '../../../utils/error-message';
import { firstFieldError, toastDone, useScrollTo } from '../../../utils/feedback';
import { hasAnyRole } from '../../../utils/user-display';
import { useLoggedIn, usePageParams } from '../../../utils/use-session';
import { NoAccess } from '../../components/no-access';
import { adminOrgCodes, isAdmin } from '../../org-scope';
import { useShopChoice } from '../redeem/shop-choice';
import { TOOL_ROLES } from '../../staff-roles';
import { checkDraft, draftOf, freshDraft, freshLine, type CampaignDraft, type LineDraft } from './campaign-draft';
import { DateTimeInput } from './date-time-input';
import { PackLineEditor } from './pack-line-editor';
import { ToggleChips } from './toggle-chips';
import '../../staff-layout.scss';
import './index.scss';

export const EDITOR_TEXT = {
  newTitle: '新建优惠活动',
  editTitle: '修改优惠活动',
  title: '活动名称',
  titlePlaceholder: '例如：五一骑手消费券',
  description: '活动说明（选填）',
  addLine: '再加一种券',
  stock: '发放份数（券包）',
  perMember: '每人限领（份）',
  perDay: '每人每天限领（份，选填）',
  opensAt: '开抢时间（北京时间）',
  closesAt: '领取截止（北京时间）',
  validity: '券的有效期',
  validityModes: ['领取后 N 天', '固定日期'],
  validityDays: '领取后有效天数',
  validFrom: '有效期开始',
  validUntil: '有效期结束（含当天）',
  merchants: '适用商户',
  merchantModes: ['全部合作商户', '指定商户'],
  occupations: '可领取的职业（不选则本组织及下级的全部会员可领）',
  modelWorkers: '可领取的会员',
  modelWorkerModes: ['全部会员', '仅限劳模'],
  org: '面向的工会组织（该组织及下级的会员可领）',
  orgNone: '还没有选择，请在下面搜索',
  orgSearch: '输入工会名称或编码，如“思明”',
  orgHint: '搜索管理范围内的工会组织',
  orgEmpty: (q: string) => `没有找到名称或编码包含“${q}”的工会，请换个关键词`,
  shop: '提案门店',
  noMerchants: '你的范围内还没有合作商户',
  ownShop: '商户提交的优惠只在本店使用，工会审批后发布。',
  check: '核算预算',
  checking: '正在核算…',
  budgetTitle: '发布前请核对预算',
  packValue: '每个券包最多抵扣',
  budget: '预算上限（份数 × 券包价值）',
  coupons: (perPack: number, total: number) => `每包 ${perPack} 张，共 ${total} 张`,
  eligible: (n: number) => `目前可领会员 ${n} 人`,
  merchantCount: (n: number) => `适用商户 ${n} 家`,
  publish: (budget: string) => `确认发布（预算 ${budget}）`,
  propose: '提交工会审批',
  publishing: '正在发布…',
  published: '活动已发布',
  proposed: '已提交审批',
  saved: '已保存',
  fixFields: '请按提示修改后再核算',
  failed: '操作失败，请检查网络后重试',
  loading: '正在加载…',
};

const FIRST_ERROR = firstFieldError('campaign-edit');

const toggle = <T,>(list: readonly T[], v: T): T[] => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
const NOTICE = '.campaign-edit .campaign-edit__notice';

/** 优惠活动编辑: the pack, stock, limits, window, validity and merchants; the budget is shown before publishing. */
export default function CampaignEditPage() {
  const { id } = usePageParams();
  const loggedIn = useLoggedIn();
  const me = currentUser();
  const allowed = hasAnyRole(me, TOOL_ROLES.campaigns);
  // Officers and admin publish; a merchant user proposes for its own shop.
  const publisher = hasAnyRole(me, [Role.OFFICER, Role.ADMIN]);
  // An admin (whose grant may name no org) and an officer of several orgs choose the org; one officer org is implied.
  const ownOrgs = adminOrgCodes(me);
  const picksOrg = publisher && (isAdmin(me) || ownOrgs.length > 1);
  const [org, setOrg] = useState<{ code: string; name: string } | null>(null);
  const orgCode = org?.code ?? (picksOrg ? undefined : (me?.roles.find((r) => r.role === Role.OFFICER)?.orgCode ?? undefined));
  // A merchant user holding several shops says which one proposes.
  const { shopId, picker: shopPicker } = useShopChoice({ label: EDITOR_TEXT.shop, testId: 'campaign-shop', enabled: allowed && !publisher });
  const [draft, setDraft] = useState<CampaignDraft>(() => freshDraft());
  const [loaded, setLoaded] = useState(!id);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [budget, setBudget] = useState<BudgetPreview | null>(null);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [merchants, setMerchants] = useState<MerchantDetail[]>([]);
  // The campaign once saved (a retry of 发布 after a lost answer must not create a second one).
  const savedId = useRef<string | null>(id ?? null);
  const createKey = useRef<string | null>(null);
  const publishKey = useRef<string | null>(null);
  const scrollTo = useScrollTo();

  useEffect(() => {
    if (!allowed) return;
    if (publisher) fetchMerchants().then((p) => setMerchants(p.items.filter((m) => m.status === 'active')), () => undefined);
    if (id)
      fetchCampaign(id).then(
        (c) => {
          setDraft(draftOf(c));
          setOrg(c.org);
          setLoaded(true);
        },
        (err) => setNotice({ text: errorMessage(err, EDITOR_TEXT.failed), error: true }),
      );
  }, [allowed, publisher, id]);

  const set = (patch: Partial<CampaignDraft>) => {
    // Any change makes the budget shown stale: it is checked again before publishing.
    setBudget(null);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const setLine = (i: number, line: LineDraft) => set({ lines: draft.lines.map((l, j) => (j === i ? line : l)) });

  const showErrors = (list: RuleError[], text: string) => {
    setErrors(Object.fromEntries(list.map((e) => [e.field, e.message])));
    setNotice({ text, error: true });
    scrollTo(list.length ? FIRST_ERROR : NOTICE);
  };

  const check = async () => {
    setNotice(null);
    const { input, errors: problems } = checkDraft(draft, orgCode, shopId);
    if (problems.length) return showErrors(problems, EDITOR_TEXT.fixFields);
    setErrors({});
    setBusy(true);
    try {
      const preview = await previewBudget(input);
      if (preview.errors.length) return showErrors(preview.errors, EDITOR_TEXT.fixFields);
      setBudget(preview);
      Taro.nextTick(() => Taro.pageScrollTo({ selector: '.campaign-edit .campaign-edit__budget', duration: 200 }).catch(() => undefined));
    } catch (err) {
      setNotice({ text: errorMessage(err, EDITOR_TEXT.failed), error: true });
      scrollTo(NOTICE);
    } finally {
      setBusy(false);
    }
  };

  const publish = async () => {
    const { input, errors: problems } = checkDraft(draft, orgCode, shopId);
    if (problems.length) return showErrors(problems, EDITOR_TEXT.fixFields);
    setBusy(true);
    setNotice(null);
    try {
      if (savedId.current) await updateCampaign(savedId.current, input);
      else {
        createKey.current = createKey.current ?? newIdempotencyKey();
        savedId.current = (await createCampaign(input, createKey.current)).id;
      }
      if (publisher) {
        publishKey.current = publishKey.current ?? newIdempotencyKey();
        await actOnCampaign(savedId.current, 'publish', {}, publishKey.current);
      }
      toastDone(publisher ? EDITOR_TEXT.published : EDITOR_TEXT.proposed);
      Taro.redirectTo({ url: BENEFIT_ROUTES.staffCampaigns });
    } catch (err) {
      if (!(err instanceof ApiError && err.isNetworkError)) publishKey.current = null;
      if (err instanceof ApiError && err.fieldErrors.length) showErrors(err.fieldErrors, errorMessage(err, EDITOR_TEXT.failed));
      else {
        setNotice({ text: errorMessage(err, EDITOR_TEXT.failed), error: true });
        scrollTo(NOTICE);
      }
    } finally {
      setBusy(false);
    }
  };

  if (!allowed) return <NoAccess loggedIn={loggedIn} />;
  if (!loaded) {
    return (
      <View className='nx-page staff-layout campaign-edit' data-testid='campaign-edit-loading'>
        {notice ? <Text className='campaign-edit__notice campaign-edit__notice--error'>{notice.text}</Text> : <Text className='nx-text'>{EDITOR_TEXT.loading}</Text>}
      </View>
    );
  }

  return (
    <View className='nx-page staff-layout campaign-edit' data-testid='campaign-edit'>
      <Text className='nx-title'>{id ? EDITOR_TEXT.editTitle : EDITOR_TEXT.newTitle}</Text>
      {notice && (
        <View className={`campaign-edit__notice${notice.error ? ' campaign-edit__notice--error' : ''}`} data-testid='campaign-edit-notice'>
          <Text>{notice.text}</Text>
        </View>
      )}
      {picksOrg && (
        <FormField label={EDITOR_TEXT.org} error={errors.orgCode} testId='campaign-org'>
          <Text className='campaign-edit__value' data-testid='campaign-org-chosen'>
            {org ? org.name : EDITOR_TEXT.orgNone}
          </Text>
          <OrgPicker testId='campaign-org-picker' placeholder={EDITOR_TEXT.orgSearch} hint={EDITOR_TEXT.orgHint} emptyText={EDITOR_TEXT.orgEmpty} limit={10} onPick={(o) => {
            setBudget(null);
            setOrg({ code: o.code, name: o.name });
          }} />
        </FormField>
      )}
      {shopPicker}
      <FormField label={EDITOR_TEXT.title} error={errors.title} testId='campaign-title'>
        <Input value={draft.title} maxLength={BENEFIT_RULES.titleMax} placeholder={EDITOR_TEXT.titlePlaceholder} onChange={(v) => set({ title: v })} />
      </FormField>

      {errors.items && (
        <Text className='campaign-edit__notice campaign-edit__notice--error form-field--error' data-testid='campaign-items-error'>
          {errors.items}
        </Text>
      )}
      {draft.lines.map((line, i) => (
        <PackLineEditor key={i} index={i} line={line} errors={errors} onChange={(l) => setLine(i, l)} onRemove={draft.lines.length > 1 ? () => set({ lines: draft.lines.filter((_, j) => j !== i) }) : undefined} />
      ))}
      {draft.lines.length < BENEFIT_RULES.packLinesMax && (
        <Button className='campaign-edit__add' fill='outline' onClick={() => set({ lines: [...draft.lines, freshLine()] })} data-testid='campaign-add-line'>
          {EDITOR_TEXT.addLine}
        </Button>
      )}

      <FormField label={EDITOR_TEXT.stock} error={errors.stock} testId='campaign-stock'>
        <Input type='number' value={draft.stock} maxLength={7} onChange={(v) => set({ stock: v })} />
      </FormField>
      <FormField label={EDITOR_TEXT.perMember} error={errors.perMemberLimit} testId='campaign-per-member'>
        <Input type='number' value={draft.perMemberLimit} maxLength={3} onChange={(v) => set({ perMemberLimit: v })} />
      </FormField>
      <FormField label={EDITOR_TEXT.perDay} error={errors.perDayLimit} testId='campaign-per-day'>
        <Input type='number' value={draft.perDayLimit} maxLength={3} onChange={(v) => set({ perDayLimit: v })} />
      </FormField>
      <FormField label={EDITOR_TEXT.opensAt} error={errors.claimOpensAt} testId='campaign-opens'>
        <DateTimeInput mode='datetime' value={draft.opensAt} onChange={(v) => set({ opensAt: v })} testId='campaign-opens-input' label={EDITOR_TEXT.opensAt} />
      </FormField>
      <FormField label={EDITOR_TEXT.closesAt} error={errors.claimClosesAt} testId='campaign-closes'>
        <DateTimeInput mode='datetime' value={draft.closesAt} onChange={(v) => set({ closesAt: v })} testId='campaign-closes-input' label={EDITOR_TEXT.closesAt} />
      </FormField>

      <FormField label={EDITOR_TEXT.validity} error={errors.validity} testId='campaign-validity'>
        <ChoiceChips options={EDITOR_TEXT.validityModes} value={EDITOR_TEXT.validityModes[draft.validityMode === 'days' ? 0 : 1]} onChange={(l) => set({ validityMode: l === EDITOR_TEXT.validityModes[1] ? 'fixed' : 'days' })} testId='campaign-validity-mode' />
      </FormField>
      {draft.validityMode === 'days' ? (
        <FormField label={EDITOR_TEXT.validityDays} error={errors['validity.days']} testId='campaign-validity-days'>
          <Input type='number' value={draft.validityDays} maxLength={3} onChange={(v) => set({ validityDays: v })} />
        </FormField>
      ) : (
        <>
          <FormField label={EDITOR_TEXT.validFrom} error={errors['validity.validFrom']} testId='campaign-valid-from'>
            <DateTimeInput mode='date' value={draft.validFrom} onChange={(v) => set({ validFrom: v })} testId='campaign-valid-from-input' label={EDITOR_TEXT.validFrom} />
          </FormField>
          <FormField label={EDITOR_TEXT.validUntil} error={errors['validity.validUntil']} testId='campaign-valid-until'>
            <DateTimeInput mode='date' value={draft.validUntil} onChange={(v) => set({ validUntil: v })} testId='campaign-valid-until-input' label={EDITOR_TEXT.validUntil} />
          </FormField>
        </>
      )}

      {publisher ? (
        <FormField label={EDITOR_TEXT.merchants} error={errors.merchantIds} testId='campaign-merchants'>
          <ChoiceChips options={EDITOR_TEXT.merchantModes} value={EDITOR_TEXT.merchantModes[draft.allMerchants ? 0 : 1]} onChange={(l) => set({ allMerchants: l !== EDITOR_TEXT.merchantModes[1] })} testId='campaign-merchant-mode' />
          {!draft.allMerchants && merchants.length === 0 && <Text className='nx-text'>{EDITOR_TEXT.noMerchants}</Text>}
          {!draft.allMerchants && <ToggleChips options={merchants.map((m) => ({ value: m.id, label: m.name }))} chosen={draft.merchantIds} onToggle={(mid) => set({ merchantIds: toggle(draft.merchantIds, mid) })} testId='campaign-merchant' />}
        </FormField>
      ) : (
        <Text className='nx-text campaign-edit__hint'>{EDITOR_TEXT.ownShop}</Text>
      )}

      <FormField label={EDITOR_TEXT.occupations} error={errors.occupations} testId='campaign-occupations'>
        <ToggleChips options={OCCUPATIONS.map((o) => ({ value: o, label: o }))} chosen={draft.occupations} onToggle={(o) => set({ occupations: toggle(draft.occupations, o as Occupation) })} testId='campaign-occupation' />
      </FormField>

      <FormField label={EDITOR_TEXT.modelWorkers} error={errors.modelWorkersOnly} testId='campaign-model-workers'>
        <ChoiceChips options={EDITOR_TEXT.modelWorkerModes} value={EDITOR_TEXT.modelWorkerModes[draft.modelWorkersOnly ? 1 : 0]} onChange={(l) => set({ modelWorkersOnly: l === EDITOR_TEXT.modelWorkerModes[1] })} testId='campaign-model-worker-mode' />
      </FormField>

      <FormField label={EDITOR_TEXT.description} error={errors.description} testId='campaign-description'>
        <Input value={draft.description} maxLength={BENEFIT_RULES.descriptionMax} onChange={(v) => set({ description: v })} />
      </FormField>

      {budget && (
        <View className='nx-card campaign-edit__budget' data-testid='campaign-budget'>
          <Text className='campaign-edit__heading'>{EDITOR_TEXT.budgetTitle}</Text>
          <View className='campaign-edit__row'>
            <Text className='campaign-edit__key'>{EDITOR_TEXT.packValue}</Text>
            <Text className='campaign-edit__value' data-testid='campaign-budget-pack'>
              {formatYuan(budget.packValueFen)}
            </Text>
          </View>
          <View className='campaign-edit__row campaign-edit__row--big'>
            <Text className='campaign-edit__key'>{EDITOR_TEXT.budget}</Text>
            <Text className='campaign-edit__value' data-testid='campaign-budget-total'>
              {formatYuan(budget.budgetFen)}
            </Text>
          </View>
          <Text className='campaign-edit__hint'>{EDITOR_TEXT.coupons(budget.couponsPerPack, budget.couponsTotal)}</Text>
          <Text className='campaign-edit__hint'>{EDITOR_TEXT.eligible(budget.eligibleMembers)}</Text>
          <Text className='campaign-edit__hint'>{EDITOR_TEXT.merchantCount(budget.merchantCount)}</Text>
        </View>
      )}

      <View className='nx-bottom-actions'>
        {budget ? (
          <Button className='nx-big-button' type='primary' loading={busy} disabled={busy} onClick={publish} data-testid='campaign-publish'>
            {busy ? EDITOR_TEXT.publishing : publisher ? EDITOR_TEXT.publish(formatYuan(budget.budgetFen)) : EDITOR_TEXT.propose}
          </Button>
        ) : (
          <Button className='nx-big-button' type='primary' loading={busy} disabled={busy} onClick={check} data-testid='campaign-check'>
            {busy ? EDITOR_TEXT.checking : EDITOR_TEXT.check}
          </Button>
        )}
      </View>
    </View>
  );
}
