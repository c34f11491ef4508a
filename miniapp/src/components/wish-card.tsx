import { Text, View } from '@tarojs/components';
import { formatYuan, type WishCategory, type WishStatus } from '@nuanxin/shared';
import { formatDate } from '../utils/format';
import { Button } from './ui-button';
import { formatDistance } from './station-format';
import { categoryLabel, statusLabel, WISH_CATEGORY_GLYPHS } from './wish-labels';
import './wish-card.scss';

export const WISH_CARD_TEXT = {
  thanks: (donor: string | null) => (donor ? `致 ${donor}：` : '感谢：'),
  posted: (date: string) => `${date} 上墙`,
  claim: '认领',
};

export interface WishCardData {
  id: string;
  category: WishCategory;
  title: string;
  valueFen: number;
  status: WishStatus;
  stationName: string;
  /** Only when the phone gave its position for this query. */
  distanceMeters?: number | null;
  wisherAlias: string;
  /** The day it first went on the wall (ISO); a wish back on the wall keeps it. */
  publishedAt?: string | null;
  /** A line under the title (the story on the wall, the next step in my lists). */
  line?: string | null;
  donorName?: string | null;
  thanks?: string | null;
  /** A red mark beside the status (e.g. screening overdue). */
  flag?: string | null;
}

/** What every list of wishes gives a card (the wall, my lists, the officers' queue and handovers); `extra` adds the rest. */
export function wishCardData(
  w: { id: string; category: WishCategory; title: string; valueFen: number; status: WishStatus; station: { name: string }; wisher: string },
  extra: Partial<WishCardData> = {},
): WishCardData {
  return { id: w.id, category: w.category, title: w.title, valueFen: w.valueFen, status: w.status, stationName: w.station.name, wisherAlias: w.wisher, ...extra };
}

/**
 * One wish as a whole-card tap: category badge, title, value, station and distance, alias, first day on the wall,
 * status; 认领 when the list offers it and the wish is open; the thank-you once fulfilled.
 */
export function WishCard({ wish, onOpen, onClaim, testId = 'wish-card' }: { wish: WishCardData; onOpen: (id: string) => void; onClaim?: (id: string) => void; testId?: string }) {
  const distance = wish.distanceMeters === null || wish.distanceMeters === undefined ? '' : formatDistance(wish.distanceMeters);
  return (
    <View className='wish-card' hoverClass='wish-card--pressed' onClick={() => onOpen(wish.id)} data-testid={testId} data-status={wish.status}>
      <View className='wish-card__head'>
        <Text className={`wish-card__glyph wish-card__glyph--${wish.category}`} aria-hidden>
          {WISH_CATEGORY_GLYPHS[wish.category] ?? '愿'}
        </Text>
        <Text className='wish-card__category' data-testid={`${testId}-category`}>
          {categoryLabel(wish.category)}
        </Text>
        <Text className={`wish-card__status wish-card__status--${wish.status}`} data-testid={`${testId}-status`}>
          {statusLabel(wish.status)}
        </Text>
      </View>
      <View className='wish-card__title-row'>
        <Text className='wish-card__title' data-testid={`${testId}-title`}>
          {wish.title}
        </Text>
        <Text className='wish-card__value' data-testid={`${testId}-value`}>
          {formatYuan(wish.valueFen)}
        </Text>
      </View>
      {wish.line && (
        <Text className='wish-card__line' data-testid={`${testId}-line`}>
          {wish.line}
        </Text>
      )}
      <View className='wish-card__meta'>
        <Text className='wish-card__station' data-testid={`${testId}-station`}>
          {wish.stationName}
        </Text>
        {distance && (
          <Text className='wish-card__distance' data-testid={`${testId}-distance`}>
            {distance}
          </Text>
        )}
        <Text className='wish-card__alias' data-testid={`${testId}-alias`}>
          {wish.wisherAlias}
        </Text>
        {wish.publishedAt && (
          <Text className='wish-card__posted' data-testid={`${testId}-posted`}>
            {WISH_CARD_TEXT.posted(formatDate(wish.publishedAt))}
          </Text>
        )}
      </View>
      {wish.flag && (
        <Text className='wish-card__flag' data-testid={`${testId}-flag`}>
          {wish.flag}
        </Text>
      )}
      {onClaim && wish.status === 'published' && (
        // 认领 right on the card: the detail opens with the claim sheet, so a donor claims in two taps
        <View className='wish-card__actions'>
          <Button
            className='wish-card__claim'
            type='primary'
            size='small'
            onClick={(e) => {
              e.stopPropagation();
              onClaim(wish.id);
            }}
            data-testid={`${testId}-claim`}
          >
            {WISH_CARD_TEXT.claim}
          </Button>
        </View>
      )}
      {wish.status === 'fulfilled' && wish.thanks && (
        <View className='wish-card__thanks' data-testid={`${testId}-thanks`}>
          <Text className='wish-card__thanks-to'>{WISH_CARD_TEXT.thanks(wish.donorName ?? null)}</Text>
          <Text className='wish-card__thanks-text'>{wish.thanks}</Text>
        </View>
      )}
    </View>
  );
}
