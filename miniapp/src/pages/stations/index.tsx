import { View } from '@tarojs/components';
import { ComingSoon } from '../../components/coming-soon';
import { PrivacyPrompt } from '../../components/privacy-prompt';

const TEXT = {
  headline: '附近工会驿站查询即将上线',
  details: [
    '上线后可以按距离找到离你最近的工会户外劳动者驿站，查看开放时间，以及饮水、热饭、充电、休息、如厕等服务，并一键导航过去。',
    '查找时会请求你的位置，位置只用于这一次查询，不会被保存。',
  ],
};

export default function StationsPage() {
  return (
    <View className='nx-page'>
      <ComingSoon headline={TEXT.headline} details={TEXT.details} testId='stations-coming-soon' />
      <PrivacyPrompt />
    </View>
  );
}
