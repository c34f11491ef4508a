import Taro from '@tarojs/taro';
import type { NavTarget } from './navigate.types';

/** WeChat's own map sheet, which offers the rider's navigation apps. */
export function openNavigation(t: NavTarget): void {
  Taro.openLocation({ latitude: t.lat, longitude: t.lng, name: t.name, address: t.address, scale: 16 });
}
