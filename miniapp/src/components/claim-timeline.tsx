import { Text, View } from '@tarojs/components';
import type { ClaimEvent } from '../services/claims';
import { formatDateTime } from '../utils/format';
import { CLAIM_TEXT, EVENT_LABELS, eventDetail } from './claim-labels';
import './claim-timeline.scss';

export interface ClaimTimelineProps {
  events: ClaimEvent[];
  /** Who reads it: the worker sees 我 for their own steps, staff see 职工 and the 内部 marks. */
  viewer: 'worker' | 'staff';
}

/** Every step, oldest first: time, who, what happened and the note that came with it. */
export function ClaimTimeline({ events, viewer }: ClaimTimelineProps) {
  const who = CLAIM_TEXT.who[viewer];
  return (
    <View className='nx-card claim-timeline' data-testid='claim-timeline'>
      {events.map((e) => {
        const detail = eventDetail(e);
        const internal = !e.visibleToWorker;
        return (
          <View key={e.id} className={`claim-timeline__event${internal ? ' claim-timeline__event--internal' : ''}`} data-testid='claim-event' data-kind={e.kind}>
            <View className='claim-timeline__dot' />
            <View className='claim-timeline__body'>
              <View className='claim-timeline__head'>
                <Text className='claim-timeline__what' data-testid='claim-event-label'>
                  {EVENT_LABELS[e.kind] ?? e.kind}
                </Text>
                {internal && viewer === 'staff' && (
                  <Text className='claim-timeline__internal' data-testid='claim-event-internal'>
                    {CLAIM_TEXT.internal}
                  </Text>
                )}
              </View>
              <Text className='claim-timeline__meta'>{`${formatDateTime(e.at)} · ${who[e.actorRole] ?? e.actorRole}`}</Text>
              {detail && (
                <Text className='claim-timeline__detail' data-testid='claim-event-detail'>
                  {detail}
                </Text>
              )}
              {e.note && <Text className='claim-timeline__note'>{e.note}</Text>}
            </View>
          </View>
        );
      })}
    </View>
  );
}
