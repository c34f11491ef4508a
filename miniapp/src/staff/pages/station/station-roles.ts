import Taro from '@tarojs/taro';
import { Role } from '@nuanxin/shared';

/** Who may open the station tools; the server checks again (station masters: their own station only). */
export const STATION_TOOL_ROLES: readonly Role[] = [Role.STATION_MASTER, Role.OFFICER, Role.ADMIN];

const LAST_STATION_KEY = 'nx.staff.station';

export interface ChosenStation {
  id: string;
  name: string;
}

/**
 * The station last edited successfully: /api/me does not say which station a master runs, so the tools
 * remember the one the server accepted and open it next time without a search.
 */
export function rememberedStation(): ChosenStation | null {
  try {
    const raw: unknown = Taro.getStorageSync(LAST_STATION_KEY);
    if (typeof raw !== 'string' || !raw) return null;
    const parsed = JSON.parse(raw) as ChosenStation;
    return parsed && typeof parsed.id === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

export function rememberStation(station: ChosenStation): void {
  try {
    Taro.setStorageSync(LAST_STATION_KEY, JSON.stringify({ id: station.id, name: station.name }));
  } catch {
    // storage full or unavailable: the search still works
  }
}

export function forgetStation(): void {
  try {
    Taro.removeStorageSync(LAST_STATION_KEY);
  } catch {
    // nothing stored
  }
}
