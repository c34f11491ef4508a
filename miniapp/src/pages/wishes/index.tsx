import { View } from '@tarojs/components';
import { ComingSoon } from '../../components/coming-soon';
import { useUnreadBadge } from '../../utils/use-unread-badge';

const TEXT = {
  headline: '微心愿即将上线',
  details: [
    '上线后，会员可以提交一个小心愿，经工会审核后发布到心愿墙（不显示个人信息），由爱心人士认领并送达，每一步都能看到进度。',
  ],
};

export default function WishesPage() {
  useUnreadBadge();
  return (
    <View className='nx-page'>
      <ComingSoon headline={TEXT.headline} details={TEXT.details} testId='wishes-coming-soon' />
    </View>
  );
}
