/** Page paths used for navigation; app.config.ts registers the same pages. */
export const ROUTES = {
  login: '/pages/login/index',
  privacy: '/pages/privacy/index',
  me: '/pages/me/index',
  join: '/pages/join/index',
  joinStatus: '/pages/join/status',
  card: '/pages/card/index',
  transfer: '/pages/card/transfer',
  staffHome: '/staff/pages/home/index',
  staffApplications: '/staff/pages/applications/index',
  staffVerify: '/staff/pages/verify/index',
  staffStats: '/staff/pages/stats/index',
} as const;

export function withQuery(path: string, query: Record<string, string | null | undefined>): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v as string)}`);
  return parts.length ? `${path}?${parts.join('&')}` : path;
}
