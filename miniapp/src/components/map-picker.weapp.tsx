import { useEffect, useRef, useState } from 'react';
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
  const callbacks = useRef({ onPick, onCancel });
  callbacks.current = { onPick, onCancel };
  const opened = useRef(false);

  useEffect(() => {
    if (opened.current) return;
    opened.current = true;
    Taro.chooseLocation({ latitude: center.lat, longitude: center.lng }).then(
      (res) => callbacks.current.onPick({ lat: res.latitude, lng: res.longitude, name: res.name || undefined }),
      (err: { errMsg?: string }) => {
        if (String(err?.errMsg ?? '').includes('cancel')) callbacks.current.onCancel();
        else setFailed(true);
      },
    );
  }, [center.lat, center.lng]);

  return (
    <View className='map-view map-picker' data-testid={testId}>
      <Text className='map-view__notice-text' data-testid={failed ? `${testId}-unavailable` : undefined}>
        {failed ? MAP_PICKER_TEXT.failed : MAP_PICKER_TEXT.opening}
      </Text>
    </View>
  );
}
