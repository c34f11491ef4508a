import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';

export interface CallRowProps {
  label: string;
  phone: string;
  testId: string;
}

/** One tap to call a public number (a hotline, the arbitration commission): the whole row dials. */
export function CallRow({ label, phone, testId }: CallRowProps) {
  return (
    <View className='claim-call' hoverClass='claim-call--pressed' onClick={() => Promise.resolve(Taro.makePhoneCall({ phoneNumber: phone })).catch(() => undefined)} data-testid={testId}>
      <View className='claim-call__text'>
        <Text className='claim-call__label'>{label}</Text>
        <Text className='claim-call__phone' data-testid={`${testId}-phone`}>
          {phone}
        </Text>
      </View>
      <Text className='claim-call__action'>拨打</Text>
    </View>
  );
}
