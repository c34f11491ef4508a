import { Text, View } from '@tarojs/components';
import { RATING_TEXT } from './rating-panel';

export const RATE_STRIP_TEXT = {
  prompt: '办结了，去评价：',
};

export interface RateStripProps {
  /** 1–5 when a star was tapped. */
  onRate: (score: number) => void;
  testId: string;
}

/** Under a resolved claim in 我的诉求: tapping a star opens the detail with that score chosen, one tap from sending. */
export function RateStrip({ onRate, testId }: RateStripProps) {
  return (
    <View className='nx-card claim-rate-strip' data-testid={testId}>
      <Text className='claim-rate-strip__prompt'>{RATE_STRIP_TEXT.prompt}</Text>
      <View className='claim-rate-strip__stars'>
        {[1, 2, 3, 4, 5].map((n) => (
          <View key={n} className='claim-rate-strip__star' hoverClass='claim-rate-strip__star--pressed' aria-label={RATING_TEXT.star(n)} onClick={() => onRate(n)} data-testid={`${testId}-star-${n}`}>
            <Text>★</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
