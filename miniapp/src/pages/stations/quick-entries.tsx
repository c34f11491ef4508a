import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { CLAIM_ROUTES } from '../claims/claim-routes';

export const QUICK_TEXT = {
  claim: '我有事办',
  claimHint: '欠薪、工伤、纠纷，工会帮你办',
  hotline: '工会热线 12351',
  hotlineHint: '一键拨打，职工维权服务',
};
/** The national trade-union hotline for workers' rights. */
export const UNION_HOTLINE = '12351';

/** Two tiles under the search box: file a claim, or call the union hotline with one tap. */
export function QuickEntries() {
  return (
    <View className='quick-entries' data-testid='stations-quick'>
      <View className='quick-entries__tile' role='link' hoverClass='quick-entries__tile--pressed' onClick={() => Taro.navigateTo({ url: CLAIM_ROUTES.create })} data-testid='stations-quick-claim'>
        <Text className='quick-entries__title'>{QUICK_TEXT.claim}</Text>
        <Text className='quick-entries__hint'>{QUICK_TEXT.claimHint}</Text>
      </View>
      <View
        className='quick-entries__tile'
        role='button'
        hoverClass='quick-entries__tile--pressed'
        // Cancelling the dialer is not an error.
        onClick={() => Taro.makePhoneCall({ phoneNumber: UNION_HOTLINE }).catch(() => undefined)}
        data-testid='stations-quick-hotline'
      >
        <Text className='quick-entries__title'>{QUICK_TEXT.hotline}</Text>
        <Text className='quick-entries__hint'>{QUICK_TEXT.hotlineHint}</Text>
      </View>
    </View>
  );
}
