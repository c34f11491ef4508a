import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Input } from '../../components/ui';
import { formatDistance } from '../../components/station-format';
import { fetchNearby, NEARBY_DEFAULTS, searchStations, type StationSummary } from '../../services/stations';
import { errorMessage } from '../../utils/error-message';
import { locate } from '../stations/locate';
import './station-choice.scss';

export const STATION_CHOICE_TEXT = {
  locating: '正在查找离你最近的驿站…',
  nearest: '离你最近的驿站（位置不会被保存）',
  noLocation: '没有拿到你的位置，请搜索驿站名称或地址',
  search: '搜索其他驿站',
  searchPlaceholder: '驿站名称或地址，如：中山路',
  searchButton: '搜索',
  searching: '搜索中…',
  none: '没有找到驿站，换个关键词试试',
  failed: '加载失败，请检查网络后重试',
  change: '更换',
};

/** The pickup station as the form keeps it. */
export interface PickedStation {
  id: string;
  name: string;
  address: string;
}

const NEAREST = 5;

/** Where the wisher will pick the gift up: the nearest stations first (one tap), a search when there is no position. */
export function StationChoice({ value, onChange }: { value: PickedStation | null; onChange: (station: PickedStation | null) => void }) {
  const [nearby, setNearby] = useState<StationSummary[] | null>(null);
  const [locating, setLocating] = useState(true);
  const [searching, setSearching] = useState(false);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<StationSummary[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    locate()
      .then((here) => fetchNearby({ ...here, limit: NEAREST, radiusKm: NEARBY_DEFAULTS.widerRadiusKm }))
      .then(
        (list) => alive && setNearby(list),
        () => alive && setSearching(true),
      )
      .finally(() => alive && setLocating(false));
    return () => {
      alive = false;
    };
  }, []);

  const search = async () => {
    setBusy(true);
    setError(null);
    try {
      const page = await searchStations({ q: query.trim() });
      setResults(page.items);
    } catch (err) {
      setError(errorMessage(err, STATION_CHOICE_TEXT.failed));
    } finally {
      setBusy(false);
    }
  };

  const pick = (s: StationSummary) => onChange({ id: s.id, name: s.name, address: s.address });

  if (value) {
    return (
      <View className='station-choice__picked' data-testid='wish-station-picked'>
        <View className='station-choice__text'>
          <Text className='station-choice__name'>{value.name}</Text>
          <Text className='station-choice__address'>{value.address}</Text>
        </View>
        <Text className='station-choice__link' onClick={() => onChange(null)} data-testid='wish-station-change'>
          {STATION_CHOICE_TEXT.change}
        </Text>
      </View>
    );
  }

  const row = (s: StationSummary, testId: string) => (
    <View key={s.id} className='station-choice__row' hoverClass='station-choice__row--pressed' onClick={() => pick(s)} data-testid={testId} data-id={s.id}>
      <View className='station-choice__text'>
        <Text className='station-choice__name'>{s.name}</Text>
        <Text className='station-choice__address'>{s.address}</Text>
      </View>
      {s.distanceMeters !== undefined && <Text className='station-choice__distance'>{formatDistance(s.distanceMeters)}</Text>}
    </View>
  );

  return (
    <View data-testid='wish-station-choice'>
      {locating && <Text className='station-choice__note'>{STATION_CHOICE_TEXT.locating}</Text>}
      {nearby && nearby.length > 0 && (
        <>
          <Text className='station-choice__note'>{STATION_CHOICE_TEXT.nearest}</Text>
          {nearby.map((s) => row(s, 'wish-station-nearby'))}
        </>
      )}
      {!locating && !nearby && <Text className='station-choice__note'>{STATION_CHOICE_TEXT.noLocation}</Text>}
      {searching ? (
        <View className='station-choice__search'>
          <View data-testid='wish-station-query'>
            <Input name='stationQuery' value={query} maxLength={50} placeholder={STATION_CHOICE_TEXT.searchPlaceholder} onChange={setQuery} />
          </View>
          <Button fill='outline' disabled={busy} onClick={search} data-testid='wish-station-search-button'>
            {busy ? STATION_CHOICE_TEXT.searching : STATION_CHOICE_TEXT.searchButton}
          </Button>
          {error && <Text className='station-choice__error'>{error}</Text>}
          {results && results.length === 0 && <Text className='station-choice__note'>{STATION_CHOICE_TEXT.none}</Text>}
          {results?.map((s) => row(s, 'wish-station-result'))}
        </View>
      ) : (
        !locating && (
          <Text className='station-choice__link station-choice__link--block' onClick={() => setSearching(true)} data-testid='wish-station-search'>
            {STATION_CHOICE_TEXT.search}
          </Text>
        )
      )}
    </View>
  );
}
