/** A GCJ-02 point (what Chinese maps and our stations use). */
export interface LatLng {
  lat: number;
  lng: number;
}

/** The phone did not give a position: refused, switched off, or no fix. */
export class LocateError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'LocateError';
  }
}

/**
 * After this long without a position the page offers the district picker; a position arriving later is
 * still used unless a district was picked meanwhile (WeChat holds getLocation while its privacy prompt is open).
 */
export const LOCATE_SLOW_MS = 10_000;

export function locateError(err: unknown): LocateError {
  return new LocateError(String((err as { errMsg?: string } | null)?.errMsg ?? err));
}
