import { Text } from '@tarojs/components';
import { SERVICE_CATALOGUE } from '@nuanxin/shared';
import './station-service-icon.scss';

/**
 * One Chinese character per service in a disc coloured by category: readable at a glance on both platforms,
 * and costs no image, icon font or emoji (which render differently per phone) in the main package.
 */
export const SERVICE_GLYPHS: Record<string, string> = {
  rest_seats: '座',
  nap: '床',
  water_hot: '水',
  water_cold: '饮',
  tea: '茶',
  microwave: '热',
  fridge: '冰',
  free_breakfast: '早',
  discount_meal: '餐',
  phone_charging: '电',
  ebike_charging: '车',
  battery_swap: '换',
  toilet: '厕',
  washbasin: '洗',
  first_aid: '药',
  aed: '救',
  health_check: '检',
  sewing_kit: '针',
  tools: '修',
  umbrella: '伞',
  air_conditioning: '凉',
  heater: '暖',
  cooling_drinks: '暑',
  wifi: '网',
  reading: '书',
  legal_counselling: '法',
  claim_desk: '权',
  psychological_counselling: '心',
  haircut: '剪',
  parcel_storage: '存',
  lockers: '柜',
  mobile_map: '图',
};

const CATEGORY_OF: Record<string, string> = Object.fromEntries(SERVICE_CATALOGUE.map((s) => [s.code, s.category]));
const LABEL_OF: Record<string, string> = Object.fromEntries(SERVICE_CATALOGUE.map((s) => [s.code, s.label]));

/** The service's glyph (the label's first character for a code added to the catalogue without one). */
export function serviceGlyph(code: string): string {
  return SERVICE_GLYPHS[code] ?? (LABEL_OF[code] ?? code).slice(0, 1);
}

/** A small icon next to the service's label; hidden from screen readers, which read the label. */
export function ServiceIcon({ code }: { code: string }) {
  return (
    <Text className={`service-icon service-icon--${CATEGORY_OF[code] ?? 'other'}`} aria-hidden data-testid='station-service-icon' data-service={code}>
      {serviceGlyph(code)}
    </Text>
  );
}
