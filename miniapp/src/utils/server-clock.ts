/**
 * How far the server's clock is ahead of the phone's (ms): a flash campaign opens at the server's moment, and a
 * phone a minute slow must not show 领取 a minute late. `serverNow` is the `now` a list answer carries.
 */
export function serverOffsetMs(serverNow: string | null | undefined, receivedAt: number = Date.now()): number {
  const t = serverNow ? new Date(serverNow).getTime() : NaN;
  return Number.isFinite(t) ? t - receivedAt : 0;
}
