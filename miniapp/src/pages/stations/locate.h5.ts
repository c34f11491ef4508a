import Taro from '@tarojs/taro';
import { wgs84ToGcj02 } from './gcj02';
import { LOCATE_SLOW_MS, locateError, type LatLng } from './locate.types';

/** Browsers answer in WGS-84 only (Taro's H5 getLocation refuses 'gcj02'): shift to GCJ-02 like the stations. */
export async function locate(): Promise<LatLng> {
  try {
    // highAccuracyExpireTime becomes the W3C timeout: a browser that cannot get a fix gives up, not hangs.
    const res = await Taro.getLocation({ type: 'wgs84', highAccuracyExpireTime: LOCATE_SLOW_MS });
    return wgs84ToGcj02(res.latitude, res.longitude);
  } catch (err) {
    throw locateError(err);
  }
}
