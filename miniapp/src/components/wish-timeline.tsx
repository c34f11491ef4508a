import { Text, View } from '@tarojs/components';
import type { WishTimelineEntry } from '../services/wishes';
import { formatDateTime } from '../utils/format';
import { WISH_TEXT } from './wish-labels';
import './claim-timeline.scss';

/** Every step of a wish, oldest first: time, who, what happened and its note (both sides see the same, minus personal data). */
export function WishTimeline({ entries }: { entries: WishTimelineEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <View className='nx-card claim-timeline' data-testid='wish-timeline'>
      {entries.map((e, i) => (
        <View key={`${e.at}-${i}`} className='claim-timeline__event' data-testid='wish-event' data-action={e.kind}>
          <View className='claim-timeline__dot' />
          <View className='claim-timeline__body'>
            <View className='claim-timeline__head'>
              <Text className='claim-timeline__what'>{WISH_TEXT.step[e.kind] ?? e.kind}</Text>
            </View>
            <Text className='claim-timeline__meta'>{`${formatDateTime(e.at)} · ${WISH_TEXT.actor[e.by] ?? e.by}`}</Text>
            {e.note && <Text className='claim-timeline__note'>{e.note}</Text>}
          </View>
        </View>
      ))}
    </View>
  );
}
