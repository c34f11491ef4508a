import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from './ui-button';
import { useAMap } from './map-amap-hook';
import type { AMapClickEvent, AMapMarker } from './map-amap-loader';
import { MAP_PICKER_TEXT, type MapPickerProps, type PickedPoint } from './map-picker.types';
import './map-view.scss';

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

function pointOf(e: AMapClickEvent): PickedPoint {
  const ll = e.lnglat;
  return { lat: round6(ll.getLat ? ll.getLat() : ll.lat), lng: round6(ll.getLng ? ll.getLng() : ll.lng) };
}

/** H5: AMap (the same loader as the station map); a tap on the map drops a pin, 用这个位置 confirms it. */
export function MapPicker({ center, onPick, onCancel, testId }: MapPickerProps) {
  const [point, setPoint] = useState<PickedPoint | null>(null);
  const { state, container, retry } = useAMap(center, 13, (AMap, m) => {
    let pin: AMapMarker | null = null;
    m.on?.('click', (e) => {
      const p = pointOf(e);
      if (pin) m.remove([pin]);
      pin = new AMap.Marker({ position: [p.lng, p.lat] });
      m.add([pin]);
      setPoint(p);
    });
  });

  return (
    <View className='map-view map-picker' data-testid={testId} data-state={state}>
      {state === 'failed' ? (
        <View className='map-view__notice' data-testid={`${testId}-unavailable`}>
          <Text className='map-view__notice-text'>{MAP_PICKER_TEXT.unavailable}</Text>
          <Text className='map-view__retry' data-testid={`${testId}-retry`} onClick={retry}>
            {MAP_PICKER_TEXT.retry}
          </Text>
        </View>
      ) : (
        <>
          <Text className='map-view__notice-text'>{MAP_PICKER_TEXT.hint}</Text>
          <View className='map-view__frame'>
            <div ref={container} className='map-view__canvas map-picker__canvas' data-testid={`${testId}-canvas`} />
            {state === 'loading' && <Text className='map-view__loading'>{MAP_PICKER_TEXT.loading}</Text>}
          </View>
        </>
      )}
      <View className='map-picker__actions'>
        {state !== 'failed' && (
          <Button type='primary' disabled={!point} onClick={() => point && onPick(point)} data-testid={`${testId}-confirm`}>
            {MAP_PICKER_TEXT.confirm}
          </Button>
        )}
        <Button fill='outline' onClick={onCancel} data-testid={`${testId}-cancel`}>
          {MAP_PICKER_TEXT.cancel}
        </Button>
      </View>
    </View>
  );
}
