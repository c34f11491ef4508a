import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { EVENT_KINDS } from '@nuanxin/shared';
import type { StationEvent } from '../services/stations';
import { formatEventTime } from './station-format';
import './station-event-card.scss';

const TEXT = {
  seatsLeft: (n: number) => `剩余 ${n} 个名额`,
  full: '名额已满',
  cancelled: '活动已取消',
  ongoing: '活动进行中',
  over: '已结束',
  mine: '已报名',
};

export type EventPhase = 'cancelled' | 'over' | 'ongoing' | 'upcoming';

/** Where an event stands now: sign-ups are open only while it is `upcoming`. */
export function eventPhase(event: Pick<StationEvent, 'status' | 'startsAt' | 'endsAt'>, now = Date.now()): EventPhase {
  if (event.status === 'cancelled') return 'cancelled';
  if (Date.parse(event.endsAt) <= now) return 'over';
  if (Date.parse(event.startsAt) <= now) return 'ongoing';
  return 'upcoming';
}

const KIND_LABELS: Record<string, string> = Object.fromEntries(EVENT_KINDS.map((k) => [k.code, k.label]));

export interface StationEventCardProps {
  event: StationEvent;
  /** Shown above the title (e.g. the station on 我的活动). */
  caption?: string;
  signedUp?: boolean;
  /** A line under the event after an action (报名成功, 名额已满…). */
  notice?: { text: string; error: boolean } | null;
  action?: ReactNode;
  onClick?: () => void;
}

/** An event: kind, title, time, seats left (or why there are none), and the action for it. */
export function StationEventCard({ event, caption, signedUp, notice, action, onClick }: StationEventCardProps) {
  const phase = eventPhase(event);
  const cancelled = phase === 'cancelled';
  const seats =
    phase === 'cancelled' ? TEXT.cancelled : phase === 'over' ? TEXT.over : phase === 'ongoing' ? TEXT.ongoing : event.seatsLeft > 0 ? TEXT.seatsLeft(event.seatsLeft) : TEXT.full;
  const dim = phase === 'cancelled' || phase === 'over' || (phase === 'upcoming' && event.seatsLeft === 0);
  return (
    <View className='station-event-card' data-testid='station-event' data-event-id={event.id} onClick={onClick}>
      {caption && <Text className='station-event-card__caption'>{caption}</Text>}
      <View className='station-event-card__head'>
        <Text className='station-event-card__kind'>{KIND_LABELS[event.kind] ?? event.kind}</Text>
        {signedUp && !cancelled && (
          <Text className='station-event-card__mine' data-testid='station-event-mine'>
            {TEXT.mine}
          </Text>
        )}
      </View>
      <Text className='station-event-card__title' data-testid='station-event-title'>
        {event.title}
      </Text>
      <Text className='station-event-card__time'>{formatEventTime(event.startsAt, event.endsAt)}</Text>
      {event.description && <Text className='station-event-card__description'>{event.description}</Text>}
      <Text
        className={`station-event-card__seats${dim ? ' station-event-card__seats--none' : ''}${phase === 'ongoing' ? ' station-event-card__seats--ongoing' : ''}`}
        data-testid='station-event-seats'
        data-phase={phase}
      >
        {seats}
      </Text>
      {notice && (
        <Text className={`station-event-card__notice${notice.error ? ' station-event-card__notice--error' : ''}`} data-testid='station-event-notice'>
          {notice.text}
        </Text>
      )}
      {action && <View className='station-event-card__action'>{action}</View>}
    </View>
  );
}
