import { Text, View } from '@tarojs/components';
import { openBadge, type OpenStateLike } from './station-format';
import './station-open-badge.scss';

/** 营业中 (green) / 已打烊 or 暂停开放 (grey), with when that changes or why it is closed. */
export function StationOpenBadge({ station, testId }: { station: OpenStateLike; testId: string }) {
  const badge = openBadge(station);
  return (
    <View className='station-open-badge' data-testid={testId}>
      <Text className={`station-open-badge__label station-open-badge__label--${badge.open ? 'open' : 'closed'}`} data-testid={`${testId}-label`}>
        {badge.label}
      </Text>
      {badge.detail && (
        <Text className='station-open-badge__detail' data-testid={`${testId}-detail`}>
          {badge.detail}
        </Text>
      )}
    </View>
  );
}
