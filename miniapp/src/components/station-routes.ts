/** Page paths of the stations feature (app.config.ts registers the same pages). */
export const STATION_ROUTES = {
  list: '/pages/stations/index',
  detail: '/pages/station/detail',
  myEvents: '/pages/events/mine',
  staffStation: '/staff/pages/station/index',
  staffEvents: '/staff/pages/station-events/index',
} as const;

export function stationUrl(path: string, id: string | null | undefined): string {
  return id ? `${path}?id=${encodeURIComponent(id)}` : path;
}
