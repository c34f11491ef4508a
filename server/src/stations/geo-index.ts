import { haversineMeters, SERVICE_CODES } from '@nuanxin/shared';

export interface IndexedPoint {
  id: string;
  lat: number;
  lng: number;
  services: readonly string[];
}

export interface NearbyHit {
  index: number;
  id: string;
  distanceMeters: number;
}

/** Cell edge in degrees (~2.2 km north–south): a dense city centre holds a few dozen stations per cell. */
const CELL_DEG = 0.02;
const LNG_CELLS = 4096;
const M_PER_DEG_LAT = (Math.PI / 180) * 6371008.8;
const SERVICE_BIT = new Map(SERVICE_CODES.map((c, i) => [c, i]));
/** 32-bit words of a station's service mask. */
export const MASK_WORDS = Math.ceil(SERVICE_CODES.length / 32);

/** The grid cell of a point (as `put` files it). */
export function cellKey(lat: number, lng: number): number {
  return Math.floor(lat / CELL_DEG) * LNG_CELLS + Math.floor(lng / CELL_DEG);
}

/** Sets the bits of these catalogue indexes in a mask (`out[at…]`); an index past the catalogue stops it there, as `put` does with an unknown code. */
export function maskFromIndexes(indexes: Uint16Array, from: number, to: number, out: Uint32Array, at: number): void {
  const known = SERVICE_CODES.length;
  for (let k = from; k < to; k++) {
    const bit = indexes[k];
    if (bit >= known) break;
    out[at + (bit >> 5)] |= 1 << (bit & 31);
  }
}

function serviceMask(codes: readonly string[], out: Uint32Array, at: number): boolean {
  for (const code of codes) {
    const bit = SERVICE_BIT.get(code);
    if (bit === undefined) return false;
    out[at + (bit >> 5)] |= 1 << (bit & 31);
  }
  return true;
}

/**
 * Nearest-first search over stations in memory: a uniform lat/lng grid searched ring by ring until the ring
 * provably covers the k-th hit, with exact haversine distances and ties broken by id — so it returns exactly
 * what a brute-force scan with the same distance returns. No geometry in SQL: MariaDB, MySQL 8, SQLite and
 * TiDB all store plain decimals.
 *
 * Points live in numbered slots (typed arrays, grown by doubling): the constructor fills slots 0…n−1 in order;
 * `put` and `remove` change one point in place (a free slot is reused), so an edit costs microseconds and never
 * a second copy of the index.
 */
export class GeoIndex {
  private ids: Array<string | undefined> = [];
  private lat: Float64Array;
  private lng: Float64Array;
  private masks: Uint32Array;
  private cellOf: Float64Array;
  private readonly cells = new Map<number, number[]>();
  private readonly slots = new Map<string, number>();
  private readonly free: number[] = [];
  private used = 0;
  private static readonly WORDS = MASK_WORDS;

  constructor(points: readonly IndexedPoint[] = [], capacity = points.length) {
    const cap = Math.max(16, capacity);
    this.lat = new Float64Array(cap);
    this.lng = new Float64Array(cap);
    this.cellOf = new Float64Array(cap);
    this.masks = new Uint32Array(cap * GeoIndex.WORDS);
    for (const p of points) this.put(p);
  }

  /**
   * Takes in a boot scan's points at once (the index must be empty): slot i = point i, with its service mask
   * (MASK_WORDS words per point) and the cells already grouped (`cellSlots[cellStart[j] … cellStart[j + 1])` are the
   * slots of cell `cellKeys[j]`, ascending) — the boot-scan worker computes those, this thread only files them.
   * The arrays are kept as they are when they have room (no copy); the ids array too.
   */
  adopt(ids: string[], lat: Float64Array, lng: Float64Array, masks: Uint32Array, cellKeys: Float64Array, cellStart: Uint32Array, cellSlots: Uint32Array): void {
    if (this.used !== 0 || this.slots.size !== 0) throw new Error('GeoIndex.adopt: the index is not empty');
    const n = ids.length;
    const cap = Math.max(16, n);
    const fit = <T extends Float64Array | Uint32Array>(a: T, len: number): T => {
      if (a.length === len) return a;
      const b = new (a.constructor as new (n: number) => T)(len);
      b.set(a.subarray(0, Math.min(a.length, len)));
      return b;
    };
    this.lat = fit(lat, cap);
    this.lng = fit(lng, cap);
    this.masks = fit(masks, cap * GeoIndex.WORDS);
    this.cellOf = new Float64Array(cap);
    this.ids = ids;
    this.used = n;
    for (let i = 0; i < n; i++) this.slots.set(ids[i], i);
    for (let j = 0; j < cellKeys.length; j++) {
      const key = cellKeys[j];
      const bucket: number[] = new Array(cellStart[j + 1] - cellStart[j]);
      for (let k = cellStart[j], b = 0; k < cellStart[j + 1]; k++, b++) {
        bucket[b] = cellSlots[k];
        this.cellOf[cellSlots[k]] = key;
      }
      this.cells.set(key, bucket);
    }
  }

  /** True while no point was ever put (`adopt` may take a boot scan in). */
  get pristine(): boolean {
    return this.used === 0;
  }

  /** Live points. */
  get size(): number {
    return this.slots.size;
  }

  /** The id in a slot (undefined when the slot is free). */
  idAt(slot: number): string | undefined {
    return this.ids[slot];
  }

  /** The slot of a point, if present. */
  slotOf(id: string): number | undefined {
    return this.slots.get(id);
  }

  /** Adds a point or moves/changes the one with its id; returns its slot (stable while the point stays). */
  put(p: IndexedPoint): number {
    let i = this.slots.get(p.id);
    if (i === undefined) {
      i = this.free.pop() ?? this.used++;
      if (i >= this.lat.length) this.grow();
      this.slots.set(p.id, i);
      this.ids[i] = p.id;
    } else {
      this.unlink(i);
    }
    this.lat[i] = p.lat;
    this.lng[i] = p.lng;
    this.masks.fill(0, i * GeoIndex.WORDS, (i + 1) * GeoIndex.WORDS);
    serviceMask(p.services, this.masks, i * GeoIndex.WORDS);
    const key = this.key(Math.floor(p.lat / CELL_DEG), Math.floor(p.lng / CELL_DEG));
    this.cellOf[i] = key;
    const bucket = this.cells.get(key);
    if (bucket) bucket.push(i);
    else this.cells.set(key, [i]);
    return i;
  }

  /** Removes a point; returns the slot it held (free for reuse), or undefined when absent. */
  remove(id: string): number | undefined {
    const i = this.slots.get(id);
    if (i === undefined) return undefined;
    this.unlink(i);
    this.slots.delete(id);
    this.ids[i] = undefined;
    this.free.push(i);
    return i;
  }

  /** Every live id (for a sweep after a full scan). */
  liveIds(): IterableIterator<string> {
    return this.slots.keys();
  }

  private unlink(i: number): void {
    const key = this.cellOf[i];
    const bucket = this.cells.get(key)!;
    const at = bucket.indexOf(i);
    bucket[at] = bucket[bucket.length - 1];
    bucket.pop();
    if (!bucket.length) this.cells.delete(key);
  }

  private grow(): void {
    const cap = this.lat.length * 2;
    const widen = <T extends Float64Array | Uint32Array>(a: T, n: number): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.lat = widen(this.lat, cap);
    this.lng = widen(this.lng, cap);
    this.cellOf = widen(this.cellOf, cap);
    this.masks = widen(this.masks, cap * GeoIndex.WORDS);
  }

  private key(cy: number, cx: number): number {
    return cy * LNG_CELLS + cx;
  }

  /** Stations within `radiusMeters`, nearest first (ties by id), offering every service asked for and passing `accept`. */
  nearest(lat: number, lng: number, limit: number, radiusMeters: number, services: readonly string[] = [], accept?: (index: number) => boolean): NearbyHit[] {
    const want = new Uint32Array(GeoIndex.WORDS);
    if (!serviceMask(services, want, 0)) return [];
    const cy = Math.floor(lat / CELL_DEG);
    const cx = Math.floor(lng / CELL_DEG);
    const hits: NearbyHit[] = [];
    const radiusDegLat = radiusMeters / M_PER_DEG_LAT;
    const maxRing = Math.ceil(radiusDegLat / CELL_DEG / Math.max(0.05, Math.cos(((Math.abs(lat) + radiusDegLat) * Math.PI) / 180))) + 1;
    for (let ring = 0; ring <= maxRing; ring++) {
      for (let y = cy - ring; y <= cy + ring; y++) {
        const edgeRow = y === cy - ring || y === cy + ring;
        for (let x = cx - ring; x <= cx + ring; x += edgeRow ? 1 : 2 * ring || 1) {
          const bucket = this.cells.get(this.key(y, x));
          if (!bucket) continue;
          for (const i of bucket) {
            if (!this.hasAll(i, want)) continue;
            const d = haversineMeters(lat, lng, this.lat[i], this.lng[i]);
            if (d > radiusMeters) continue;
            if (accept && !accept(i)) continue;
            hits.push({ index: i, id: this.ids[i]!, distanceMeters: d });
          }
        }
      }
      if (hits.length >= limit && this.kthWithin(hits, limit) <= this.covered(lat, lng, cy, cx, ring)) break;
    }
    hits.sort((a, b) => a.distanceMeters - b.distanceMeters || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return hits.slice(0, limit);
  }

  private hasAll(i: number, want: Uint32Array): boolean {
    const base = i * GeoIndex.WORDS;
    for (let w = 0; w < want.length; w++) if ((this.masks[base + w] & want[w]) !== want[w]) return false;
    return true;
  }

  private kthWithin(hits: NearbyHit[], k: number): number {
    const distances = hits.map((h) => h.distanceMeters).sort((a, b) => a - b);
    return distances[k - 1];
  }

  /** Distance from the point within which every location lies inside the searched square of cells. */
  private covered(lat: number, lng: number, cy: number, cx: number, ring: number): number {
    const south = (cy - ring) * CELL_DEG;
    const north = (cy + ring + 1) * CELL_DEG;
    const west = (cx - ring) * CELL_DEG;
    const east = (cx + ring + 1) * CELL_DEG;
    const latGap = Math.min(lat - south, north - lat) * M_PER_DEG_LAT;
    // Longitude degrees shrink toward the poles: use the widest latitude of the square for a safe bound.
    const cosMax = Math.cos((Math.min(89.9, Math.max(Math.abs(south), Math.abs(north))) * Math.PI) / 180);
    const lngGap = Math.min(lng - west, east - lng) * M_PER_DEG_LAT * cosMax;
    // A strictly smaller bound absorbs floating-point error at the square's edge.
    return Math.min(latGap, lngGap) * 0.999;
  }
}
