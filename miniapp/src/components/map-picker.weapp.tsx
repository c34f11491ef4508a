import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { MAP_PICKER_TEXT, type MapPickerProps } from './map-picker.types';
import './map-view.scss';

/**
 * WeChat's own location picker (Taro.chooseLocation, declared in requiredPrivateInfos). It needs no location
 * permission, so it works after getLocation was refused; the answer is GCJ-02 like the stations.
 */
export function MapPicker({ center, onPick, onCancel, testId }: MapPickerProps) {
  const [failed, setFailed] = useState(false);
  const latest = useRef({ center, onPick, onCancel });
  latest.current = { center, onPick, onCancel };

  const open = useCallback(() => {
    setFailed(false);
    const { lat, lng } = latest.current.center;
    Taro.chooseLocation({ latitude: lat, longitude: lng }).then(
      (res) => latest.current.onPick({ lat: res.latitude, lng: res.longitude, name: res.name || undefined }),
      (err: { errMsg?: string }) => {
        if (String(err?.errMsg ?? '').includes('cancel')) latest.current.onCancel();
        else setFailed(true);
      },
    );
  }, []);

  // Opened once when the rider taps 在地图上选点 (this component mounts on that tap).
  useEffect(open, [open]);

  return (
    <View className='map-view map-picker' data-testid={testId}>
      {failed ? (
        <View className='map-view__notice' data-testid={`${testId}-unavailable`}>
          <Text className='map-view__notice-text'>{MAP_PICKER_TEXT.failed}</Text>
          <View className='map-picker__links'>
            <Text className='map-view__retry' data-testid={`${testId}-retry`} onClick={open}>
              {MAP_PICKER_TEXT.again}
            </Text>
            <Text className='map-view__retry' data-testid={`${testId}-cancel`} onClick={() => latest.current.onCancel()}>
              {MAP_PICKER_TEXT.cancel}
            </Text>
          </View>
        </View>
      ) : (
        <Text className='map-view__notice-text'>{MAP_PICKER_TEXT.opening}</Text>
      )}
    </View>
  );
}
