import { chinaPositionProblem } from '@nuanxin/shared';

export const STATION_FORM_RULES = {
  name: '请填写驿站名称（2–100 个字）',
  address: '请填写地址（2–200 个字）',
  district: '请选择所在区',
  coordinate: '请填写数字，最多 6 位小数',
  swapped: '纬度和经度可能填反了：厦门约为纬度 24.5、经度 118.1',
  outside: '坐标不在中国境内，请检查',
  point: '请在地图上选点，或填写经纬度',
  level: '请选择级别',
  hostType: '请选择依托单位类型',
  orgCode: '请选择负责的工会组织',
  parentCode: '上级驿站编码应为 1–32 位字母、数字、_ 或 -',
  phone: '电话格式不正确，例如 0592-1234567',
};
const R = STATION_FORM_RULES;

export interface StationFormValues {
  name: string;
  address: string;
  district: string | null;
  lat: string;
  lng: string;
  level: string | null;
  hostType: string | null;
  orgCode: string;
  parentCode: string;
  phone: string;
}

const COORD = /^-?\d{1,3}(\.\d{1,6})?$/;

/** The typed point: both numbers with ≤ 6 decimals, inside China, with a hint when latitude and longitude look swapped. */
export function checkPoint(latText: string, lngText: string): { lat: number; lng: number } | { field: 'lat' | 'lng'; message: string } {
  const lat = latText.trim();
  const lng = lngText.trim();
  if (!lat && !lng) return { field: 'lat', message: R.point };
  if (!COORD.test(lat)) return { field: 'lat', message: R.coordinate };
  if (!COORD.test(lng)) return { field: 'lng', message: R.coordinate };
  const point = { lat: Number(lat), lng: Number(lng) };
  const where = chinaPositionProblem(point.lat, point.lng);
  if ('swapped' in where) return { field: 'lat', message: R.swapped };
  if (where.fields.length) return { field: where.fields[0], message: R.outside };
  return point;
}

/** Field → message for everything the form can tell before sending (the server checks again). */
export function checkStationForm(v: StationFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (v.name.trim().length < 2 || v.name.trim().length > 100) errors.name = R.name;
  if (v.address.trim().length < 2 || v.address.trim().length > 200) errors.address = R.address;
  if (!v.district) errors.district = R.district;
  const point = checkPoint(v.lat, v.lng);
  if ('field' in point) errors[point.field] = point.message;
  if (!v.level) errors.level = R.level;
  if (!v.hostType) errors.hostType = R.hostType;
  if (!v.orgCode.trim()) errors.orgCode = R.orgCode;
  if (v.parentCode.trim() && !/^[A-Za-z0-9_-]{1,32}$/.test(v.parentCode.trim())) errors.parentCode = R.parentCode;
  if (v.phone.trim() && !/^[0-9-]{7,20}$/.test(v.phone.trim())) errors.phone = R.phone;
  return errors;
}
