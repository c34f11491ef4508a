/** Micro-wish page paths (app.config.ts registers them; the server's inbox links use the detail path). */
export const WISH_ROUTES = {
  wall: '/pages/wishes/index',
  create: '/pages/wish/new',
  detail: '/pages/wish/detail',
  mine: '/pages/wish/mine',
  staffScreening: '/staff/pages/wish-screening/index',
  staffScreen: '/staff/pages/wish-screen/index',
  staffHandover: '/staff/pages/wish-handover/index',
  staffSettings: '/staff/pages/wish-settings/index',
} as const;

/** 我的心愿 / 我认领的心愿: the two tabs of the mine page. */
export type WishMineTab = 'posted' | 'claimed';

export function wishUrl(path: string, id: string): string {
  return `${path}?id=${encodeURIComponent(id)}`;
}

/** The detail with the 认领 sheet already open (the wall card's 认领 button). */
export function wishClaimUrl(id: string): string {
  return `${wishUrl(WISH_ROUTES.detail, id)}&claim=1`;
}
