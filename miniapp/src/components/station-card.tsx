import { Text, View } from '@tarojs/components';
import { SERVICE_LABELS } from '@nuanxin/shared';
import type { StationSummary } from '../services/stations';
import { formatDistance } from './station-format';
import { StationOpenBadge } from './station-open-badge';
import { ServiceIcon } from './station-service-icon';
import './station-card.scss';

/** Services a rider looks for first; listed before the rest on a card. */
export const KEY_SERVICES = ['water_hot', 'phone_charging', 'microwave', 'toilet', 'air_conditioning'] as const;
const SHOWN = 5;

function serviceTags(services: readonly string[]): { shown: Array<{ code: string; label: string }>; more: number } {
  const ordered = [...KEY_SERVICES.filter((c) => services.includes(c)), ...services.filter((c) => !(KEY_SERVICES as readonly string[]).includes(c))];
  const known = ordered.filter((c) => SERVICE_LABELS[c]).map((code) => ({ code, label: SERVICE_LABELS[code] }));
  return { shown: known.slice(0, SHOWN), more: Math.max(0, known.length - SHOWN) };
}

/** One station in the list: name and distance, open now or not, what it offers. The whole card opens it. */
export function StationCard({ station, onOpen }: { station: StationSummary; onOpen: (id: string) => void }) {
  const tags = serviceTags(station.services);
  return (
    <View className='station-card' hoverClass='station-card--pressed' data-testid='station-card' data-station-id={station.id} onClick={() => onOpen(station.id)}>
      <View className='station-card__head'>
        <Text className='station-card__name' data-testid='station-card-name'>
          {station.name}
        </Text>
        {station.distanceMeters !== undefined && (
          <Text className='station-card__distance' data-testid='station-card-distance'>
            {formatDistance(station.distanceMeters)}
          </Text>
        )}
      </View>
      <Text className='station-card__address'>{station.address}</Text>
      <StationOpenBadge station={station} testId='station-card-open' />
      {tags.shown.length > 0 && (
        <View className='station-card__services' data-testid='station-card-services'>
          {tags.shown.map((t) => (
            <View key={t.code} className='station-card__service'>
              <ServiceIcon code={t.code} />
              <Text data-testid='station-card-service-label'>{t.label}</Text>
            </View>
          ))}
          {tags.more > 0 && <Text className='station-card__service station-card__service--more'>{`+${tags.more}`}</Text>}
        </View>
      )}
    </View>
  );
}
