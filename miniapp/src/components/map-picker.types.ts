import type { LatLng } from '../pages/stations/locate.types';

/** A point the rider chose on a map (GCJ-02); WeChat's picker also names the place. */
export interface PickedPoint extends LatLng {
  name?: string;
}

export interface MapPickerProps {
  /** Where the map opens (the last place searched, or the city centre). */
  center: LatLng;
  onPick: (point: PickedPoint) => void;
  /** Closed without a point (WeChat's picker cancelled, or 取消 on H5). */
  onCancel: () => void;
  testId: string;
}

export const MAP_PICKER_TEXT = {
  hint: '在地图上点一下你所在的位置，再点「用这个位置」。',
  loading: '地图加载中…',
  unavailable: '地图暂时无法加载，请选择上面的区，我们按区中心为你查找。',
  retry: '重新加载地图',
  confirm: '用这个位置',
  cancel: '取消',
  opening: '正在打开地图选点…',
  failed: '没能打开地图选点，请选择上面的区。',
  again: '再试一次',
};
