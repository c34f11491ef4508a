import { useCallback, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { BENEFIT_RULES, formatCouponCode, formatYuan, type CouponDetail } from '@nuanxin/shared';
import { Button } from '../../components/ui-button';
import { DetailPending } from '../../components/page-states';
import { QrCode } from '../../components/qr-code';
import { fetchCoupon, fetchCouponQr } from '../../services/benefits';
import { errorMessage } from '../../utils/error-message';
import { formatDate, formatDateTime } from '../../utils/format';
import { useLoadOnShow } from '../../utils/use-page-visible';
import { usePageParams } from '../../utils/use-session';
import { useTokenRefresh } from '../../utils/use-token-refresh';
import { CouponCard } from './coupon-card';
import './benefit.scss';

export const COUPON_TEXT = {
  missing: '没有找到这张券',
  failed: '加载失败，请检查网络后重试',
  qrLabel: '券码',
  qrHint: `到店结账时请商户扫码；券码每 ${BENEFIT_RULES.qrTokenTtlSeconds} 秒自动更新，截图无效。`,
  codeLabel: '无法扫码时，请商户输入券号',
  stale: '券码已过期',
  refresh: '刷新券码',
  qrFailed: '券码更新失败，请检查网络',
  merchants: '适用商户',
  allMerchants: (org: string) => `${org}的全部合作商户`,
  validity: '有效期',
  used: '使用记录',
  usedLine: (merchant: string, order: string, off: string) => `${merchant}：订单 ${order}，优惠 ${off}`,
  notAvailable: '这张券已不能使用',
};

const QR_TTL_MS = BENEFIT_RULES.qrTokenTtlSeconds * 1000;

/** One coupon: the QR of a 60-s token renewed while shown, the 12-digit till code (4-4-4), where and until when. */
export default function CouponPage() {
  const { id } = usePageParams();
  const [coupon, setCoupon] = useState<CouponDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(id ? null : COUPON_TEXT.missing);
  const [qrError, setQrError] = useState<string | null>(null);
  const [failedAt, setFailedAt] = useState(0);
  const [visible, setVisible] = useState(true);
  const inFlight = useRef(false);

  const load = useCallback(async () => {
    if (!id) return;
    try {
      setCoupon(await fetchCoupon(id));
      setLoadError(null);
    } catch (err) {
      setLoadError(errorMessage(err, COUPON_TEXT.failed));
    }
  }, [id]);

  const refreshQr = useCallback(async () => {
    if (!id || inFlight.current) return;
    inFlight.current = true;
    try {
      const qr = await fetchCouponQr(id);
      setCoupon((c) => (c ? { ...c, ...qr } : c));
      setQrError(null);
      setFailedAt(0);
    } catch (err) {
      setQrError(errorMessage(err, COUPON_TEXT.qrFailed));
      setFailedAt(Date.now());
      // Used at the till meanwhile (or expired): the whole coupon says so.
      load();
    } finally {
      inFlight.current = false;
    }
  }, [id, load]);

  useLoadOnShow(
    () => {
      setVisible(true);
      load();
    },
    () => setVisible(false),
  );

  const token = coupon?.qrToken && coupon.qrExpiresAt ? { token: coupon.qrToken, tokenExpiresAt: coupon.qrExpiresAt } : null;
  const stale = useTokenRefresh(token, visible, failedAt, refreshQr, QR_TTL_MS);

  if (!coupon) return <DetailPending loadError={loadError} canRetry={Boolean(id)} onRetry={load} testId='coupon' className='benefit-page' />;

  return (
    <View className='nx-page benefit-page' data-testid='coupon-page'>
      <CouponCard coupon={coupon} testId='coupon-summary' />
      {token && coupon.code ? (
        <View className='nx-card benefit-page__qr' data-testid='coupon-qr-card'>
          <View className={stale ? 'benefit-page__qr-image benefit-page__qr-image--stale' : 'benefit-page__qr-image'}>
            <QrCode text={token.token} label={COUPON_TEXT.qrLabel} testId='coupon-qr' />
          </View>
          {stale ? (
            <Button fill='outline' onClick={refreshQr} data-testid='coupon-refresh'>
              {COUPON_TEXT.refresh}
            </Button>
          ) : (
            <Text className='benefit-page__hint'>{COUPON_TEXT.qrHint}</Text>
          )}
          {qrError && (
            <Text className='benefit-page__error' data-testid='coupon-qr-error'>
              {qrError}
            </Text>
          )}
          <Text className='benefit-page__hint'>{COUPON_TEXT.codeLabel}</Text>
          <Text className='benefit-page__code' data-testid='coupon-code'>
            {formatCouponCode(coupon.code)}
          </Text>
        </View>
      ) : (
        coupon.status === 'available' || (
          <View className='nx-card'>
            <Text className='nx-text'>{COUPON_TEXT.notAvailable}</Text>
          </View>
        )
      )}
      {coupon.redemption && (
        <View className='nx-card' data-testid='coupon-redemption'>
          <Text className='benefit-page__label'>{COUPON_TEXT.used}</Text>
          <Text className='nx-text'>{COUPON_TEXT.usedLine(coupon.redemption.merchantName, formatYuan(coupon.redemption.orderFen), formatYuan(coupon.redemption.discountFen))}</Text>
          <Text className='benefit-page__hint'>{formatDateTime(coupon.redemption.at)}</Text>
        </View>
      )}
      <View className='nx-card'>
        <Text className='benefit-page__label'>{COUPON_TEXT.validity}</Text>
        <Text className='nx-text'>{`${formatDate(coupon.validFrom)} 至 ${formatDate(coupon.validUntil)}`}</Text>
        <Text className='benefit-page__label'>{COUPON_TEXT.merchants}</Text>
        {coupon.merchantScope === 'all' && <Text className='nx-text'>{COUPON_TEXT.allMerchants(coupon.org.name)}</Text>}
        {coupon.merchants.map((m) => (
          <View key={m.id} className='benefit-page__merchant' data-testid='coupon-merchant'>
            <Text className='benefit-page__merchant-name'>{m.name}</Text>
            <Text className='benefit-page__hint'>{m.address}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
