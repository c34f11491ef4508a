import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '../../components/ui-button';
import { ChoiceChips } from '../../components/choice-chips';
import { PrivacyPrompt } from '../../components/privacy-prompt';
import { StationCard } from '../../components/station-card';
import { STATION_ROUTES, stationUrl } from '../../components/station-routes';
import { MapView } from '../../components/map-view';
import { MapPicker } from '../../components/map-picker';
import type { PickedPoint } from '../../components/map-picker.types';
import { findNearby, NEARBY_DEFAULTS, type NearbyResult } from '../../services/stations';
import { errorMessage } from '../../utils/error-message';
import { useUnreadBadge } from '../../utils/use-unread-badge';
import { DISTRICTS } from './districts';
import { FilterChips } from './filter-chips';
import { QuickEntries } from './quick-entries';
import { StationSearch } from './station-search';
import { locate } from './locate';
import { LOCATE_SLOW_MS, type LatLng } from './locate.types';
import './index.scss';

const TEXT = {
  locating: '正在获取你的位置…',
  here: '按你当前的位置查找',
  inDistrict: (name: string) => `按${name}中心查找`,
  atPoint: (name?: string) => (name ? `按「${name}」附近查找` : '按你在地图上选的位置查找'),
  pickPoint: '在地图上选点',
  privacy: '位置只用于这一次查询，不会被保存。',
  locateFailed: '没有拿到你的位置（可能没有允许定位，或信号不好）。请选择你所在的区，或在地图上选一个点，我们为你查找附近的驿站。',
  pickDistrict: '选择所在的区',
  changeDistrict: '切换区域',
  relocate: '重新定位',
  list: '列表',
  map: '地图',
  openNow: '仅看营业中',
  loading: '正在查找附近驿站…',
  widened: '10 公里内没有符合条件的驿站，已为你扩大到 50 公里。',
  none: '附近 50 公里内没有符合条件的驿站。',
  clearFilters: '清除筛选',
  failed: '查找失败，请检查网络后重试',
  retry: '重试',
  myLocation: '我的位置',
};

/** Key services as filter chips (short labels; the catalogue's full labels appear on the cards). */
const SERVICE_FILTERS: ReadonlyArray<{ code: string; label: string }> = [
  { code: 'water_hot', label: '热水' },
  { code: 'phone_charging', label: '充电' },
  { code: 'microwave', label: '微波炉' },
  { code: 'toilet', label: '卫生间' },
  { code: 'air_conditioning', label: '空调' },
];
const OPEN_NOW_KEY = 'open_now';
/** Coming back to the tab after this long reloads (opening states change with the clock). */
const STALE_MS = 60_000;

type Place = ({ kind: 'gps' } | { kind: 'district'; name: string } | { kind: 'point'; name?: string }) & LatLng;

function placeText(p: Place): string {
  if (p.kind === 'gps') return TEXT.here;
  return p.kind === 'district' ? TEXT.inDistrict(p.name) : TEXT.atPoint(p.name);
}

/** 驿站 (home tab): the nearest union stations, open now or not, with the services a rider needs. */
export default function StationsPage() {
  useUnreadBadge();
  const [place, setPlace] = useState<Place | null>(null);
  const [locating, setLocating] = useState(true);
  const [locateFailed, setLocateFailed] = useState(false);
  const [picking, setPicking] = useState(false);
  const [pickingPoint, setPickingPoint] = useState(false);
  const [services, setServices] = useState<string[]>([]);
  const [openNow, setOpenNow] = useState(false);
  const [result, setResult] = useState<NearbyResult | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [mode, setMode] = useState<'list' | 'map'>('list');
  /** The search box holds text: its results stand in for the nearby list. */
  const [searching, setSearching] = useState(false);
  const seq = useRef(0);
  const locateSeq = useRef(0);
  const loadedAt = useRef(0);

  const findMe = useCallback(async () => {
    const attempt = ++locateSeq.current;
    const current = () => attempt === locateSeq.current;
    const giveChoice = () => {
      setLocateFailed(true);
      setPicking(true);
    };
    setLocating(true);
    const slow = setTimeout(() => current() && giveChoice(), LOCATE_SLOW_MS);
    try {
      const here = await locate();
      if (!current()) return;
      setPlace({ kind: 'gps', ...here });
      setLocateFailed(false);
      setPicking(false);
      setPickingPoint(false);
    } catch {
      if (current()) giveChoice();
    } finally {
      clearTimeout(slow);
      if (current()) setLocating(false);
    }
  }, []);

  const load = useCallback(async () => {
    if (!place) return;
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    try {
      const next = await findNearby({ lat: place.lat, lng: place.lng, services, openNow });
      if (mine !== seq.current) return;
      setResult(next);
      loadedAt.current = Date.now();
    } catch (err) {
      if (mine === seq.current) setError(errorMessage(err, TEXT.failed));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [place, services, openNow]);

  useEffect(() => {
    findMe();
  }, [findMe]);

  useEffect(() => {
    load();
  }, [load]);

  useDidShow(() => {
    if (loadedAt.current && Date.now() - loadedAt.current > STALE_MS) load();
  });

  usePullDownRefresh(() => {
    const again = place && place.kind !== 'gps' ? load() : findMe();
    Promise.resolve(again).finally(() => Taro.stopPullDownRefresh());
  });

  const pickDistrict = (name: string | null) => {
    const d = DISTRICTS.find((x) => x.name === name);
    if (!d) return;
    // A position still on its way must not replace the district just picked.
    locateSeq.current++;
    setLocating(false);
    setPlace({ kind: 'district', name: d.name, lat: d.lat, lng: d.lng });
    setPickingPoint(false);
    setPicking(false);
  };

  const pickPoint = (p: PickedPoint) => {
    // Same as a district: a late position must not replace the point just chosen.
    locateSeq.current++;
    setLocating(false);
    setPlace({ kind: 'point', lat: p.lat, lng: p.lng, name: p.name });
    setPickingPoint(false);
    setPicking(false);
  };

  const toggle = (key: string) => {
    if (key === OPEN_NOW_KEY) setOpenNow((v) => !v);
    else setServices((list) => (list.includes(key) ? list.filter((c) => c !== key) : [...list, key]));
  };

  const open = useCallback((id: string) => {
    Taro.navigateTo({ url: stationUrl(STATION_ROUTES.detail, id) });
  }, []);

  const stations = result?.stations ?? null;
  const points = useMemo(() => (stations ?? []).map((s) => ({ id: s.id, name: s.name, lat: s.lat, lng: s.lng })), [stations]);
  const filtered = services.length > 0 || openNow;

  const chips = [
    ...SERVICE_FILTERS.map((f) => ({ key: f.code, label: f.label, on: services.includes(f.code) })),
    { key: OPEN_NOW_KEY, label: TEXT.openNow, on: openNow },
  ];

  const list = (
    <View className='stations-page__list' data-testid='stations-list'>
      {stations?.map((s) => <StationCard key={s.id} station={s} onOpen={open} />)}
    </View>
  );

  return (
    <View className='nx-page stations-page' data-testid='stations-page'>
      <StationSearch onOpen={open} onActive={setSearching} />
      {!searching && <QuickEntries />}
      <View className={`nx-card stations-page__where${searching ? ' stations-page__hidden' : ''}`} data-testid='stations-where'>
        <View className='stations-page__where-row'>
          <Text className='stations-page__where-text' data-testid='stations-place'>
            {locating ? TEXT.locating : place ? placeText(place) : TEXT.pickDistrict}
          </Text>
          {!locating && !picking && (
            <Text className='stations-page__link' data-testid='stations-change-district' onClick={() => setPicking(true)}>
              {TEXT.changeDistrict}
            </Text>
          )}
        </View>
        <Text className='stations-page__privacy'>{TEXT.privacy}</Text>
        {picking && (
          <View className='stations-page__districts' data-testid='stations-district-picker'>
            {locateFailed && (
              <Text className='nx-text' data-testid='stations-locate-failed'>
                {TEXT.locateFailed}
              </Text>
            )}
            <ChoiceChips options={DISTRICTS.map((d) => d.name)} value={place?.kind === 'district' ? place.name : null} onChange={pickDistrict} testId='stations-districts' />
            {pickingPoint ? (
              <MapPicker center={place ?? DISTRICTS[0]} onPick={pickPoint} onCancel={() => setPickingPoint(false)} testId='stations-point-picker' />
            ) : (
              <View className='stations-page__links'>
                <Text className='stations-page__link' data-testid='stations-pick-point' onClick={() => setPickingPoint(true)}>
                  {TEXT.pickPoint}
                </Text>
                <Text className='stations-page__link' data-testid='stations-relocate' onClick={findMe}>
                  {TEXT.relocate}
                </Text>
              </View>
            )}
          </View>
        )}
      </View>

      <View className={searching ? 'stations-page__hidden' : undefined} data-testid='stations-nearby'>
        <View className='stations-page__toolbar'>
          <View className='stations-page__modes' role='tablist'>
            {(['list', 'map'] as const).map((m) => (
              <View
                key={m}
                role='tab'
                aria-selected={mode === m}
                className={`stations-page__mode${mode === m ? ' stations-page__mode--on' : ''}`}
                data-testid={`stations-mode-${m}`}
                onClick={() => setMode(m)}
              >
                <Text>{m === 'list' ? TEXT.list : TEXT.map}</Text>
              </View>
            ))}
          </View>
        </View>
        <FilterChips chips={chips} onToggle={toggle} testId='stations-filter' />

        {error && (
          <View className='nx-card' data-testid='stations-error'>
            <Text className='nx-text'>{error}</Text>
            <Button fill='outline' onClick={load}>
              {TEXT.retry}
            </Button>
          </View>
        )}
        {loading && !stations && <Text className='nx-text'>{TEXT.loading}</Text>}
        {result && result.radiusKm > NEARBY_DEFAULTS.radiusKm && result.stations.length > 0 && (
          <Text className='stations-page__note' data-testid='stations-widened'>
            {TEXT.widened}
          </Text>
        )}
        {stations && stations.length === 0 && (
          <View className='nx-card' data-testid='stations-none'>
            <Text className='nx-text'>{TEXT.none}</Text>
            {filtered && (
              <Button
                fill='outline'
                onClick={() => {
                  setServices([]);
                  setOpenNow(false);
                }}
                data-testid='stations-clear-filters'
              >
                {TEXT.clearFilters}
              </Button>
            )}
          </View>
        )}
        {stations && stations.length > 0 && (mode === 'map' && place ? <MapView center={place} points={points} onOpen={open} fallback={list} testId='stations-map' /> : list)}
      </View>
      <PrivacyPrompt purpose='location' />
    </View>
  );
}
