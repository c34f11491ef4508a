import { Text, View } from '@tarojs/components';
import { COUPON_KIND_LABELS, type WalletItem } from '@nuanxin/shared';
import { formatDate } from '../../utils/format';
import './coupon-card.scss';

export const COUPON_CARD_TEXT = {
  validity: (from: string, until: string) => `有效期 ${from} 至 ${until}`,
  usedAt: (at: string) => `${at} 已使用`,
  where: (org: string, scope: 'all' | 'list') => (scope === 'all' ? `${org}全部合作商户可用` : '指定商户可用'),
};

/** One coupon as a ticket: the big `满100减20` on the left, campaign, validity and where on the right. */
export function CouponCard({ coupon: c, onOpen, testId = 'coupon-card' }: { coupon: WalletItem; onOpen?: (id: string) => void; testId?: string }) {
  return (
    <View className={`coupon-card coupon-card--${c.status}`} onClick={onOpen ? () => onOpen(c.id) : undefined} data-testid={testId} data-status={c.status}>
      <View className='coupon-card__face'>
        <Text className='coupon-card__title' data-testid={`${testId}-title`}>
          {c.title}
        </Text>
        <Text className='coupon-card__kind'>{COUPON_KIND_LABELS[c.spec.kind]}</Text>
      </View>
      <View className='coupon-card__body'>
        <View className='coupon-card__head'>
          <Text className='coupon-card__campaign'>{c.campaignTitle}</Text>
          <Text className={`coupon-card__status coupon-card__status--${c.status}`} data-testid={`${testId}-status`}>
            {c.statusLabel}
          </Text>
        </View>
        <Text className='coupon-card__meta'>{COUPON_CARD_TEXT.validity(formatDate(c.validFrom), formatDate(c.validUntil))}</Text>
        <Text className='coupon-card__meta'>{c.usedAt ? COUPON_CARD_TEXT.usedAt(formatDate(c.usedAt)) : COUPON_CARD_TEXT.where(c.org.name, c.merchantScope)}</Text>
      </View>
    </View>
  );
}
