import { View } from '@tarojs/components';
import { ComingSoon } from '../../components/coming-soon';
import { useUnreadBadge } from '../../utils/use-unread-badge';

const TEXT = {
  headline: '会员优惠即将上线',
  details: [
    '上线后，工会会员可以领取商户优惠和工会福利券，到店出示券码，由商户核销。',
  ],
};

export default function BenefitsPage() {
  useUnreadBadge();
  return (
    <View className='nx-page'>
      <ComingSoon headline={TEXT.headline} details={TEXT.details} testId='benefits-coming-soon' />
    </View>
  );
}
