import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ERROR_MESSAGES, ErrorCode, discountFor, formatYuan, isValidCouponCode, meetsThreshold, parseYuan, type RedemptionPreview, type RedemptionReceipt } from '@nuanxin/shared';
import { Button, Input } from '../../../components/ui';
// Before FormField: keeps choice-chips' CSS ahead of form-field's, as on the other staff pages.
import { useShopChoice } from './shop-choice';
import { FormField } from '../../../components/form-field';
import { ScanButton } from '../../../components/scan-button';
import { BENEFIT_ROUTES } from '../../../components/benefit-routes';
import { createActionKeys } from '../../../services/action-keys';
import { currentUser } from '../../../services/auth';
import { previewRedemption, redeemCoupon, undoRedemption } from '../../../services/benefits';
import { ApiError } from '../../../services/http';
import { errorMessage } from '../../../utils/error-message';
import { formatDate, formatDateTime } from '../../../utils/format';
import { toastDone } from '../../../utils/feedback';
import { groupTillCode, tillDigits } from '../../../utils/till-code';
import { hasAnyRole } from '../../../utils/user-display';
import { useLoggedIn } from '../../../utils/use-session';
import { NoAccess } from '../../components/no-access';
import { TOOL_ROLES } from '../../staff-roles';
import '../../staff-layout.scss';
import './index.scss';

export const REDEEM_TEXT = {
  intro: '请会员打开「优惠 → 我的券」出示券码。扫码核销；无法扫码时输入券码下方的 12 位券号。',
  scan: '扫描券码',
  code: '券号',
  codePlaceholder: '12 位数字',
  badCode: '券号有误，请核对 12 位数字后重新输入',
  emptyCode: '请先扫码或输入 12 位券号',
  look: '查询这张券',
  looking: '正在查询…',
  failed: '操作失败，请检查网络后重试',
  coupon: '券',
  campaign: '活动',
  member: '会员',
  validUntil: '有效期至',
  threshold: '使用门槛',
  noThreshold: '无门槛',
  thresholdLine: (y: string) => `订单满 ${y} 可用`,
  notRedeemable: '这张券不能在本店核销',
  amount: '订单金额（元）',
  amountPlaceholder: '例如 128.50',
  badAmount: '请输入订单金额，最多两位小数',
  below: (y: string) => `订单金额未达到使用门槛（满 ${y}）`,
  next: '下一步',
  again: '换一张券',
  confirmTitle: '请确认核销',
  order: '订单金额',
  discount: '券抵扣',
  pay: '顾客实付',
  confirm: '确认核销',
  confirming: '正在核销…',
  back: '返回修改',
  done: '核销成功',
  receipt: '核销凭证',
  at: '核销时间',
  undo: '撤销这次核销',
  undoing: '正在撤销…',
  undoUntil: (t: string) => `${t} 前可撤销`,
  undone: '已撤销，这张券已退回给会员',
  undoneToast: '已撤销',
  nextCoupon: '核销下一张',
  list: '核销记录',
};

type Step = { kind: 'lookup' } | { kind: 'preview'; preview: RedemptionPreview } | { kind: 'confirm'; preview: RedemptionPreview; orderFen: number } | { kind: 'receipt'; receipt: RedemptionReceipt };

/** 优惠核销 for merchant users: scan or type → the coupon (member name masked) → order amount → confirm → receipt, undo within 10 min. */
export default function RedeemPage() {
  const loggedIn = useLoggedIn();
  const allowed = hasAnyRole(currentUser(), TOOL_ROLES.redeem);
  const { shopId, picker } = useShopChoice({ enabled: allowed });
  const [step, setStep] = useState<Step>({ kind: 'lookup' });
  const [code, setCode] = useState('');
  const [token, setToken] = useState<string | null>(null);
  const [amount, setAmount] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keys = useRef(createActionKeys()).current;

  const lookup = () => (token ? { token, merchantId: shopId } : { code: tillDigits(code), merchantId: shopId });

  const fail = (err: unknown) => {
    if (err instanceof ApiError && err.fieldErrors.length) setErrors(Object.fromEntries(err.fieldErrors.map((f) => [f.field, f.message])));
    setNotice(errorMessage(err, REDEEM_TEXT.failed));
  };

  const look = async (scanned?: string) => {
    const useToken = scanned ?? null;
    setErrors({});
    setNotice(null);
    if (!useToken) {
      if (!tillDigits(code)) return setErrors({ code: REDEEM_TEXT.emptyCode });
      // The check digit catches a mistyped digit or two swapped neighbours before anything is sent.
      if (!isValidCouponCode(tillDigits(code))) return setErrors({ code: REDEEM_TEXT.badCode });
    }
    setToken(useToken);
    setBusy(true);
    try {
      const preview = await previewRedemption(useToken ? { token: useToken, merchantId: shopId } : { code: tillDigits(code), merchantId: shopId });
      setAmount('');
      setStep({ kind: 'preview', preview });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const toConfirm = (preview: RedemptionPreview) => {
    const orderFen = parseYuan(amount);
    setNotice(null);
    if (orderFen === null || orderFen <= 0) return setErrors({ orderFen: REDEEM_TEXT.badAmount });
    if (!meetsThreshold(preview.spec, orderFen)) return setErrors({ orderFen: REDEEM_TEXT.below(formatYuan(preview.spec.thresholdFen)) });
    setErrors({});
    setStep({ kind: 'confirm', preview, orderFen });
  };

  const redeem = async (orderFen: number) => {
    const body = { ...lookup(), orderFen };
    setBusy(true);
    setNotice(null);
    try {
      const receipt = await redeemCoupon(body, keys.keyFor('redeem', body));
      keys.settle('redeem');
      setStep({ kind: 'receipt', receipt });
      toastDone(REDEEM_TEXT.done);
    } catch (err) {
      keys.settle('redeem', err);
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const undo = async (receipt: RedemptionReceipt) => {
    setBusy(true);
    setNotice(null);
    try {
      const next = await undoRedemption(receipt.id, keys.keyFor(`undo:${receipt.id}`, null));
      keys.settle(`undo:${receipt.id}`);
      setStep({ kind: 'receipt', receipt: next });
      toastDone(REDEEM_TEXT.undoneToast);
    } catch (err) {
      keys.settle(`undo:${receipt.id}`, err);
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const reset = () => {
    setStep({ kind: 'lookup' });
    setCode('');
    setToken(null);
    setAmount('');
    setErrors({});
    setNotice(null);
  };

  if (!allowed) return <NoAccess loggedIn={loggedIn} />;

  const previewCard = (p: RedemptionPreview) => (
    <View className='nx-card redeem-page__card' data-testid='redeem-preview'>
      <Text className='redeem-page__title' data-testid='redeem-title'>
        {p.title}
      </Text>
      {(
        [
          [REDEEM_TEXT.campaign, p.campaignTitle, 'redeem-campaign'],
          [REDEEM_TEXT.member, p.memberName, 'redeem-member'],
          [REDEEM_TEXT.threshold, p.spec.thresholdFen > 0 ? REDEEM_TEXT.thresholdLine(formatYuan(p.spec.thresholdFen)) : REDEEM_TEXT.noThreshold, 'redeem-threshold'],
          [REDEEM_TEXT.validUntil, formatDate(p.validUntil), 'redeem-valid-until'],
        ] as const
      ).map(([key, value, testId]) => (
        <View key={key} className='redeem-page__row'>
          <Text className='redeem-page__key'>{key}</Text>
          <Text className='redeem-page__value' data-testid={testId}>
            {value}
          </Text>
        </View>
      ))}
    </View>
  );

  return (
    <View className='nx-page staff-layout redeem-page' data-testid='redeem-page' data-step={step.kind}>
      {notice && (
        <View className='redeem-page__notice' data-testid='redeem-notice'>
          <Text>{notice}</Text>
        </View>
      )}

      {step.kind === 'lookup' && (
        <>
          <Text className='nx-text redeem-page__intro'>{REDEEM_TEXT.intro}</Text>
          {picker}
          <ScanButton label={REDEEM_TEXT.scan} onScanned={(text) => look(text)} onError={setNotice} testId='redeem-scan' />
          <FormField label={REDEEM_TEXT.code} error={errors.code ?? errors.token} testId='redeem-code'>
            <Input name='code' value={groupTillCode(code)} maxLength={14} placeholder={REDEEM_TEXT.codePlaceholder} onChange={(v) => setCode(tillDigits(v))} />
          </FormField>
          <View className='nx-bottom-actions'>
            <Button className='nx-big-button' type='primary' loading={busy} disabled={busy} onClick={() => look()} data-testid='redeem-look'>
              {busy ? REDEEM_TEXT.looking : REDEEM_TEXT.look}
            </Button>
            <Button className='nx-big-button' fill='outline' onClick={() => Taro.navigateTo({ url: BENEFIT_ROUTES.staffRedemptions })} data-testid='redeem-list'>
              {REDEEM_TEXT.list}
            </Button>
          </View>
        </>
      )}

      {step.kind === 'preview' && (
        <>
          {previewCard(step.preview)}
          {step.preview.redeemable ? (
            <FormField label={REDEEM_TEXT.amount} error={errors.orderFen} testId='redeem-amount'>
              <Input name='amount' type='digit' value={amount} maxLength={12} placeholder={REDEEM_TEXT.amountPlaceholder} onChange={setAmount} />
            </FormField>
          ) : (
            <View className='redeem-page__notice' data-testid='redeem-refusal'>
              <Text>{step.preview.refusal && step.preview.refusal in ERROR_MESSAGES ? ERROR_MESSAGES[step.preview.refusal as ErrorCode] : REDEEM_TEXT.notRedeemable}</Text>
            </View>
          )}
          <View className='nx-bottom-actions'>
            {step.preview.redeemable && (
              <Button className='nx-big-button' type='primary' onClick={() => toConfirm(step.preview)} data-testid='redeem-next'>
                {REDEEM_TEXT.next}
              </Button>
            )}
            <Button className='nx-big-button' fill='outline' onClick={reset} data-testid='redeem-again'>
              {REDEEM_TEXT.again}
            </Button>
          </View>
        </>
      )}

      {step.kind === 'confirm' && (
        <>
          {previewCard(step.preview)}
          <View className='nx-card redeem-page__card' data-testid='redeem-confirm'>
            <Text className='redeem-page__heading'>{REDEEM_TEXT.confirmTitle}</Text>
            <Amounts orderFen={step.orderFen} discountFen={discountFor(step.preview.spec, step.orderFen)} />
          </View>
          <View className='nx-bottom-actions'>
            <Button className='nx-big-button' type='primary' loading={busy} disabled={busy} onClick={() => redeem(step.orderFen)} data-testid='redeem-submit'>
              {busy ? REDEEM_TEXT.confirming : REDEEM_TEXT.confirm}
            </Button>
            <Button className='nx-big-button' fill='outline' disabled={busy} onClick={() => setStep({ kind: 'preview', preview: step.preview })} data-testid='redeem-back'>
              {REDEEM_TEXT.back}
            </Button>
          </View>
        </>
      )}

      {step.kind === 'receipt' && (
        <>
          <View className={`nx-card redeem-page__card redeem-receipt${step.receipt.undoneAt ? ' redeem-receipt--undone' : ''}`} data-testid='redeem-receipt'>
            <Text className='redeem-page__heading'>{step.receipt.undoneAt ? REDEEM_TEXT.undone : REDEEM_TEXT.receipt}</Text>
            <Text className='redeem-page__title'>{step.receipt.title}</Text>
            <View className='redeem-page__row'>
              <Text className='redeem-page__key'>{REDEEM_TEXT.member}</Text>
              <Text className='redeem-page__value'>{step.receipt.memberName}</Text>
            </View>
            <Amounts orderFen={step.receipt.orderFen} discountFen={step.receipt.discountFen} payFen={step.receipt.payFen} />
            <View className='redeem-page__row'>
              <Text className='redeem-page__key'>{REDEEM_TEXT.at}</Text>
              <Text className='redeem-page__value'>{formatDateTime(step.receipt.redeemedAt)}</Text>
            </View>
            {step.receipt.undoUntil && !step.receipt.undoneAt && <Text className='redeem-page__hint'>{REDEEM_TEXT.undoUntil(formatDateTime(step.receipt.undoUntil))}</Text>}
          </View>
          <View className='nx-bottom-actions'>
            <Button className='nx-big-button' type='primary' onClick={reset} data-testid='redeem-next-coupon'>
              {REDEEM_TEXT.nextCoupon}
            </Button>
            {step.receipt.undoUntil && !step.receipt.undoneAt && Date.now() < Date.parse(step.receipt.undoUntil) && (
              <Button className='nx-big-button' fill='outline' loading={busy} disabled={busy} onClick={() => undo(step.receipt)} data-testid='redeem-undo'>
                {busy ? REDEEM_TEXT.undoing : REDEEM_TEXT.undo}
              </Button>
            )}
          </View>
        </>
      )}
    </View>
  );
}

/** 订单金额 / 券抵扣 / 顾客实付, the last one big: what the cashier charges. */
function Amounts({ orderFen, discountFen, payFen }: { orderFen: number; discountFen: number; payFen?: number }) {
  return (
    <>
      <View className='redeem-page__row'>
        <Text className='redeem-page__key'>{REDEEM_TEXT.order}</Text>
        <Text className='redeem-page__value' data-testid='redeem-order'>
          {formatYuan(orderFen)}
        </Text>
      </View>
      <View className='redeem-page__row'>
        <Text className='redeem-page__key'>{REDEEM_TEXT.discount}</Text>
        <Text className='redeem-page__value' data-testid='redeem-discount'>
          {`-${formatYuan(discountFen)}`}
        </Text>
      </View>
      <View className='redeem-page__row redeem-page__row--pay'>
        <Text className='redeem-page__key'>{REDEEM_TEXT.pay}</Text>
        <Text className='redeem-page__value' data-testid='redeem-pay'>
          {formatYuan(payFen ?? orderFen - discountFen)}
        </Text>
      </View>
    </>
  );
}
