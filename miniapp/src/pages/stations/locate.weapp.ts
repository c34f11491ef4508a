import Taro from '@tarojs/taro';
import { locateError, type LatLng } from './locate.types';

/** WeChat gives GCJ-02 directly; while its privacy prompt (PrivacyPrompt) is open the call waits for the answer. */
export async function locate(): Promise<LatLng> {
  try {
    const res = await Taro.getLocation({ type: 'gcj02' });
    return { lat: res.latitude, lng: res.longitude };
  } catch (err) {
    throw locateError(err);
  }
}
