import { EARTH_RADIUS_M, haversineMeters, SERVICE_CODES } from '@nuanxin/shared';

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
/** Cell keys: rows and columns offset to be non-negative, one key per cell of the whole globe (no two cells share one). */
const LAT_OFFSET = Math.ceil(90 / CELL_DEG);
const LNG_OFFSET = Math.ceil(180 / CELL_DEG);
const LNG_CELLS = 2 * LNG_OFFSET + 1;
const RAD = Math.PI / 180;
const M_PER_DEG_LAT = RAD * EARTH_RADIUS_M;
/**
 * Lower bounds are shrunk by this much before they rule a candidate out, so that floating-point error can never drop
 * one whose computed distance would tie or beat the bound.
 */
const LB_SHRINK = 1 - 1e-9;
/** Cells are widened by this much (degrees) for their lower bound: a point on a cell's edge may be binned either side. */
const EDGE_SLACK = 1e-9;
const SERVICE_BIT = new Map(SERVICE_CODES.map((c, i) => [c, i]));
/** 32-bit words of a station's service mask. */
export const MASK_WORDS = Math.ceil(SERVICE_CODES.length / 32);

/** The grid cell of a point (as `put` files it). */
export function cellKey(lat: number, lng: number): number {
  return (Math.floor(lat / CELL_DEG) + LAT_OFFSET) * LNG_CELLS + Math.floor(lng / CELL_DEG) + LNG_OFFSET;
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

function serviceMask(codes: readonly string[], out: Int32Array, at: number): boolean {
  for (const code of codes) {
    const bit = SERVICE_BIT.get(code);
    if (bit === undefined) return false;
    out[at + (bit >> 5)] |= 1 << (bit & 31);
  }
  return true;
}

/**
 * A lower bound (shrunk by LB_SHRINK) of the haversine distance from (lat, lng) to any point of cell (y, x):
 * hav(d) = hav(Δφ) + cos φ1 cos φ2 hav(Δλ), each term at its least over the cell.
 */
function cellLowerBound(lat: number, lng: number, cosLat: number, y: number, x: number): number {
  const south = y * CELL_DEG - EDGE_SLACK;
  const north = (y + 1) * CELL_DEG + EDGE_SLACK;
  const west = x * CELL_DEG - EDGE_SLACK;
  const east = (x + 1) * CELL_DEG + EDGE_SLACK;
  const dLat = lat < south ? south - lat : lat > north ? lat - north : 0;
  const dLng = lng < west ? west - lng : lng > east ? lng - east : 0;
  if ((dLat === 0 && dLng === 0) || dLng > 180) return 0;
  const cosCell = Math.max(0, Math.min(Math.cos(south * RAD), Math.cos(north * RAD)));
  const sLat = Math.sin((dLat * RAD) / 2);
  const sLng = Math.sin((dLng * RAD) / 2);
  const a = sLat * sLat + cosLat * cosCell * sLng * sLng;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a))) * LB_SHRINK;
}

/**
 * The grid's cells in one typed array. Each cell's points sit side by side in a run of `data` — slot, lat, lng, then
 * the service mask's words, `stride` numbers a point — found through an open-addressing table from cell key to
 * (start, length, room). A search reads a few short runs of one array: no Map lookup and no array object per cell,
 * which a search that lands in another city each time finds cold (docs/benchmarks.md, "The request pipeline").
 * A cell that outgrows its room moves to the end of `data` with twice the room; the runs left behind, and room that
 * cells emptied, are reclaimed by packing the runs (compacting) when they are half of `data` in use and it is full.
 * A cell that empties keeps its table entry (length 0).
 */
class CellStore {
  data: Float64Array;
  /**
   * The table: four numbers per entry — the cell's key (-1: free), its run's start in `data`, the numbers in use and
   * the numbers of room — so that finding a cell and reading its run touch one place. Keys fit 32 bits (the globe has
   * ~1.6e8 cells), starts too (a few numbers per station).
   */
  table: Int32Array;
  /** Table entries in use; the table's size (entries) is a power of two, kept at least twice this. */
  private entries = 0;
  private shift = 0;
  /** The first free number after the last run; numbers in use (the sum of the runs' lengths). */
  private end = 0;
  private live = 0;

  constructor(
    private readonly stride: number,
    cells = 0,
    numbers = 0,
  ) {
    this.data = new Float64Array(Math.max(256, numbers));
    this.table = new Int32Array(0);
    this.resize(CellStore.tableSize(cells));
  }

  private static tableSize(cells: number): number {
    let size = 16;
    while (size < cells * 2) size *= 2;
    return size;
  }

  /** The table offset (a multiple of 4) of a cell's entry, or -1 when it never had a point. */
  find(key: number): number {
    const table = this.table;
    const mask = table.length - 1;
    let h = this.home(key);
    for (;;) {
      const k = table[h];
      if (k === key) return h;
      if (k === -1) return -1;
      h = (h + 4) & mask;
    }
  }

  /** A cell's entry, made (with no room) when it has none. */
  private entry(key: number): number {
    const found = this.find(key);
    if (found >= 0) return found;
    if ((this.entries + 1) * 8 > this.table.length) this.resize((this.table.length / 4) * 2);
    const h = this.freeEntry(key);
    this.table[h] = key;
    this.table[h + 1] = this.end;
    this.table[h + 2] = 0;
    this.table[h + 3] = 0;
    this.entries++;
    return h;
  }

  /**
   * Where a key's probe starts. Four neighbouring cells of a row (keys 4g … 4g+3) share one hashed group of four
   * entries (64 bytes), so a search's ring of cells reads a few cache lines of the table, not one per cell: the group
   * by a multiplicative hash (Fibonacci hashing) of g, the entry within it by the key's last two bits.
   */
  private home(key: number): number {
    return ((Math.imul(key >> 2, 0x9e3779b1) >>> this.shift) << 4) | ((key & 3) << 2);
  }

  /** The first free entry on a key's probe (the table always has one: it is kept at most half full). */
  private freeEntry(key: number): number {
    const mask = this.table.length - 1;
    let h = this.home(key);
    while (this.table[h] !== -1) h = (h + 4) & mask;
    return h;
  }

  private resize(size: number): void {
    const old = this.table;
    this.table = new Int32Array(size * 4);
    for (let h = 0; h < this.table.length; h += 4) this.table[h] = -1;
    // Groups of four entries: the hash picks one of size / 4 groups.
    this.shift = 32 - Math.log2(size / 4);
    for (let j = 0; j < old.length; j += 4) {
      const key = old[j];
      if (key === -1) continue;
      const h = this.freeEntry(key);
      this.table[h] = key;
      this.table[h + 1] = old[j + 1];
      this.table[h + 2] = old[j + 2];
      this.table[h + 3] = old[j + 3];
    }
  }

  /** Room for `numbers` more at the end of `data`: compacts when half of it is left behind, else grows. */
  private reserve(numbers: number): void {
    if (this.end + numbers <= this.data.length) return;
    // Half of what lies before `end` is runs left behind or room that cells emptied: pack them instead of growing.
    if ((this.end - this.live) * 2 >= this.end) this.compact();
    if (this.end + numbers <= this.data.length) return;
    const data = new Float64Array(Math.max(this.data.length * 2, this.end + numbers));
    data.set(this.data.subarray(0, this.end));
    this.data = data;
  }

  /** Copies every run to the front of a fresh array, in table order, with no spare room. */
  private compact(): void {
    const data = new Float64Array(this.data.length);
    let at = 0;
    const table = this.table;
    for (let h = 0; h < table.length; h += 4) {
      if (table[h] === -1) continue;
      const n = table[h + 2];
      data.set(this.data.subarray(table[h + 1], table[h + 1] + n), at);
      table[h + 1] = at;
      table[h + 3] = n;
      at += n;
    }
    this.data = data;
    this.end = at;
  }

  /** Makes room for one more point in a cell: the caller writes its `stride` numbers into `data` at the offset returned. */
  add(key: number): number {
    const h = this.entry(key);
    const table = this.table;
    const stride = this.stride;
    if (table[h + 2] + stride > table[h + 3]) {
      // Move the run to the end with twice the room (what it leaves behind is reclaimed by a compaction, which moves
      // runs, never entries).
      const room = Math.max(4 * stride, 2 * table[h + 3]);
      this.reserve(room);
      const from = table[h + 1];
      this.data.copyWithin(this.end, from, from + table[h + 2]);
      table[h + 1] = this.end;
      table[h + 3] = room;
      this.end += room;
    }
    const at = table[h + 1] + table[h + 2];
    table[h + 2] += stride;
    this.live += stride;
    return at;
  }

  /** Takes the point in `slot` out of a cell: the cell's last point takes its place. */
  remove(key: number, slot: number): void {
    const h = this.find(key);
    const table = this.table;
    const stride = this.stride;
    const data = this.data;
    const from = table[h + 1];
    let at = from;
    while (data[at] !== slot) at += stride;
    const last = from + table[h + 2] - stride;
    data.copyWithin(at, last, last + stride);
    table[h + 2] -= stride;
    this.live -= stride;
  }

  /** Bulk filing (the store must be empty): a run of exactly `numbers` for a cell, returned as its start. */
  run(key: number, numbers: number): number {
    const h = this.entry(key);
    this.reserve(numbers);
    const at = this.end;
    this.table[h + 1] = at;
    this.table[h + 2] = numbers;
    this.table[h + 3] = numbers;
    this.end += numbers;
    this.live += numbers;
    return at;
  }
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
  private cellOf: Float64Array;
  /**
   * The cells: per cell, its points packed side by side — slot, lat, lng, then the service mask's words — so that a
   * search reads a cell's candidates from one run of memory (slots are numbered in arrival order, scattered over the map).
   */
  private cells = new CellStore(GeoIndex.STRIDE);
  private readonly slots = new Map<string, number>();
  private readonly free: number[] = [];
  private used = 0;
  /** Scratch of `nearest` (a search is synchronous and does not nest): the wanted services, the best k so far. */
  // Signed words: `&` gives a signed 32-bit result, so a wanted bit 31 compares equal to itself.
  private readonly want = new Int32Array(GeoIndex.WORDS);
  private readonly mask = new Int32Array(GeoIndex.WORDS);
  private topD = new Float64Array(64);
  private topI = new Int32Array(64);
  private static readonly WORDS = MASK_WORDS;
  /** Numbers per point in a cell: slot, lat, lng, mask words. */
  private static readonly STRIDE = 3 + GeoIndex.WORDS;

  constructor(points: readonly IndexedPoint[] = [], capacity = points.length) {
    this.cellOf = new Float64Array(Math.max(16, capacity));
    for (const p of points) this.put(p);
  }

  /**
   * Takes in a boot scan's points at once (the index must be empty): slot i = point i, with its service mask
   * (MASK_WORDS words per point) and the cells already grouped (`cellSlots[cellStart[j] … cellStart[j + 1])` are the
   * slots of cell `cellKeys[j]`, ascending) — the boot-scan worker computes those, this thread only files them.
   * The ids array is kept as it is; the cells are packed as `put` packs them.
   */
  adopt(ids: string[], lat: Float64Array, lng: Float64Array, masks: Uint32Array, cellKeys: Float64Array, cellStart: Uint32Array, cellSlots: Uint32Array): void {
    if (this.used !== 0 || this.slots.size !== 0) throw new Error('GeoIndex.adopt: the index is not empty');
    const n = ids.length;
    const words = GeoIndex.WORDS;
    this.cellOf = new Float64Array(Math.max(16, n));
    this.ids = ids;
    this.used = n;
    for (let i = 0; i < n; i++) this.slots.set(ids[i], i);
    const stride = GeoIndex.STRIDE;
    this.cells = new CellStore(stride, cellKeys.length, n * stride);
    for (let j = 0; j < cellKeys.length; j++) {
      const key = cellKeys[j];
      // Packed as `put` packs them: slot, lat, lng, then the mask's words as signed 32-bit numbers.
      let at = this.cells.run(key, (cellStart[j + 1] - cellStart[j]) * stride);
      const data = this.cells.data;
      for (let k = cellStart[j]; k < cellStart[j + 1]; k++) {
        const i = cellSlots[k];
        this.cellOf[i] = key;
        data[at++] = i;
        data[at++] = lat[i];
        data[at++] = lng[i];
        for (let w = 0; w < words; w++) data[at++] = masks[i * words + w] | 0;
      }
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
      if (i >= this.cellOf.length) this.grow();
      this.slots.set(p.id, i);
      this.ids[i] = p.id;
    } else {
      this.unlink(i);
    }
    const mask = this.mask.fill(0);
    serviceMask(p.services, mask, 0);
    const key = cellKey(p.lat, p.lng);
    this.cellOf[i] = key;
    let at = this.cells.add(key);
    const data = this.cells.data;
    data[at++] = i;
    data[at++] = p.lat;
    data[at++] = p.lng;
    for (let w = 0; w < mask.length; w++) data[at++] = mask[w];
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
    this.cells.remove(this.cellOf[i], i);
  }

  private grow(): void {
    const cellOf = new Float64Array(this.cellOf.length * 2);
    cellOf.set(this.cellOf);
    this.cellOf = cellOf;
  }

  private key(cy: number, cx: number): number {
    return (cy + LAT_OFFSET) * LNG_CELLS + cx + LNG_OFFSET;
  }

  /** Stations within `radiusMeters`, nearest first (ties by id), offering every service asked for and passing `accept`. */
  nearest(lat: number, lng: number, limit: number, radiusMeters: number, services: readonly string[] = [], accept?: (index: number) => boolean): NearbyHit[] {
    if (!(limit >= 1)) return [];
    const want = this.want.fill(0);
    if (!serviceMask(services, want, 0)) return [];
    const k = Math.floor(limit);
    if (this.topD.length < k) {
      this.topD = new Float64Array(k);
      this.topI = new Int32Array(k);
    }
    // The best k so far, sorted by (distance, id): a bounded insertion list, no object per candidate and no sort.
    // Scratch arrays of the instance: a search is synchronous and `accept` does not search.
    const topD = this.topD;
    const topI = this.topI;
    const ids = this.ids;
    const stride = GeoIndex.STRIDE;
    const words = GeoIndex.WORDS;
    const cells = this.cells;
    const data = cells.data;
    const table = cells.table;
    let n = 0;
    /** No candidate farther than this can enter: the radius, then the k-th distance once there are k. */
    let bound = radiusMeters;
    const cosLat = Math.cos(lat * RAD);
    const cy = Math.floor(lat / CELL_DEG);
    const cx = Math.floor(lng / CELL_DEG);
    const radiusDegLat = radiusMeters / M_PER_DEG_LAT;
    const maxRing = Math.ceil(radiusDegLat / CELL_DEG / Math.max(0.05, Math.cos(((Math.abs(lat) + radiusDegLat) * Math.PI) / 180))) + 1;
    for (let ring = 0; ring <= maxRing; ring++) {
      for (let y = cy - ring; y <= cy + ring; y++) {
        const edgeRow = y === cy - ring || y === cy + ring;
        for (let x = cx - ring; x <= cx + ring; x += edgeRow ? 1 : 2 * ring || 1) {
          const h = cells.find(this.key(y, x));
          if (h < 0 || table[h + 2] === 0) continue;
          if (ring > 0 && cellLowerBound(lat, lng, cosLat, y, x) > bound) continue;
          const end = table[h + 1] + table[h + 2];
          candidates: for (let e = table[h + 1]; e < end; e += stride) {
            for (let w = 0; w < words; w++) if ((data[e + 3 + w] & want[w]) !== want[w]) continue candidates;
            const pLat = data[e + 1];
            // A great circle is never shorter than its latitude difference: most far candidates stop here.
            if (Math.abs(pLat - lat) * M_PER_DEG_LAT * LB_SHRINK > bound) continue;
            const d = haversineMeters(lat, lng, pLat, data[e + 2]);
            const i = data[e];
            if (d > bound) continue;
            // The id is read only to break a tie: loading it for every candidate cost a cache miss each (200,000 ids).
            if (n === k) {
              const wd = topD[k - 1];
              if (d === wd && ids[i]! > ids[topI[k - 1]]!) continue;
            }
            if (accept && !accept(i)) continue;
            let j = n < k ? n++ : k - 1;
            while (j > 0) {
              const pd = topD[j - 1];
              if (pd < d || (pd === d && ids[topI[j - 1]]! < ids[i]!)) break;
              topD[j] = pd;
              topI[j] = topI[j - 1];
              j--;
            }
            topD[j] = d;
            topI[j] = i;
            if (n === k) bound = topD[k - 1];
          }
        }
      }
      if (n === k && topD[k - 1] <= this.covered(lat, lng, cy, cx, ring)) break;
    }
    const hits: NearbyHit[] = new Array(n);
    for (let j = 0; j < n; j++) hits[j] = { index: topI[j], id: ids[topI[j]]!, distanceMeters: topD[j] };
    return hits;
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
