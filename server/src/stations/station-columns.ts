import { SERVICE_CODES } from '@nuanxin/shared';
import { cellKey, MASK_WORDS, maskFromIndexes } from '../common/geo-index';

/**
 * The station index's boot form: every open station's list fields as columns (typed arrays, one string of the
 * per-station text, small dictionaries of the shared values) instead of one JS record per station. Built from raw
 * driver rows by `StationColumnsBuilder`, either in the server's thread or in the boot-scan worker (then handed
 * over as transferable buffers and a few strings: no per-station object crosses). Pure: no Nest, no TypeORM, so
 * the worker loads little code.
 */

/**
 * A version row for bulk changes made outside the index (the demo seed): when it moves, each replica compares a stamp
 * of every station. Single-station changes append to the change log (`station_changes`) instead.
 */
export const STATIONS_VERSION = 'stations-version';

/** The columns the index keeps (plus the stamp), in this order; `updatedAt` as text, so no driver builds a Date per row. */
export const FIELDS = ['id', 'code', 'name', 'address', 'district', 'lat', 'lng', 'level', 'hostType', 'phone', 'services', 'hours', 'closures', 'ratingSum', 'ratingCount', 'updatedAt'] as const;
export const COLUMNS = FIELDS.map((f) => (f === 'updatedAt' ? 'CAST(updatedAt AS CHAR) AS updatedAt' : f)).join(', ');
/** Rows read per query while scanning the table (keyset by id): bounds the memory a scan holds at once. */
export const SCAN_CHUNK = 5000;
/** The boot scan: every open station, keyset by id (`?` = the last id of the previous chunk, '' first). */
export const SCAN_SQL = `SELECT ${COLUMNS} FROM stations WHERE status = 'open' AND id > ? ORDER BY id LIMIT ${SCAN_CHUNK}`;

/**
 * A row as an array in FIELDS order, as the drivers give it: DECIMAL may come as text, JSON columns are text, the
 * stamp is datetime text. Arrays, not objects: at 200,000 rows the boot scan builds no object per row.
 */
export type StationRow = [
  id: string,
  code: string,
  name: string,
  address: string,
  district: string,
  lat: number | string,
  lng: number | string,
  level: string,
  hostType: string,
  phone: string | null,
  services: string,
  hours: string,
  closures: string,
  ratingSum: number | string,
  ratingCount: number | string,
  updatedAt: Date | string,
];

/** A datetime as TypeORM hydrates it (a Date from mysql2; SQLite's text read as UTC), in ms: stamps compare equal. */
export function hydratedMs(v: Date | string | null): number {
  if (v == null) return 0;
  if (v instanceof Date) return v.getTime();
  // The common shape, 'YYYY-MM-DD HH:MM:SS.mmm' (both databases' datetime(3) as text), read without a regex or a Date.
  if (v.length === 23 && v.charCodeAt(10) === 32 && v.charCodeAt(19) === 46) {
    const n = (from: number, to: number) => Number(v.slice(from, to));
    return Date.UTC(n(0, 4), n(5, 7) - 1, n(8, 10), n(11, 13), n(14, 16), n(17, 19), n(20, 23));
  }
  let text = /^\d{4}-\d\d-\d\d \d\d:\d\d/.test(v) ? v.replace(' ', 'T') : v;
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{3})?)?$/.test(text)) text += 'Z';
  return new Date(text).getTime();
}

/** The per-station text fields kept in `text`, in this order per station (phone: empty, with its flag, when null). */
export const TEXT_FIELDS = 4;

/** Everything the index needs of the scanned stations, slot i = the i-th row. Buffers are transferable. */
export interface StationColumns {
  n: number;
  /** Station ids joined by '\n' (ids are UUIDs: no line breaks): one string, decoded in the builder's thread. */
  ids: string;
  /** Each station's service mask (GeoIndex's MASK_WORDS words per station). */
  masks: Uint32Array;
  /** The grid cells: `cellSlots[cellStart[j] … cellStart[j + 1])` are the stations in cell `cellKeys[j]`, ascending. */
  cellKeys: Float64Array;
  cellStart: Uint32Array;
  cellSlots: Uint32Array;
  lat: Float64Array;
  lng: Float64Array;
  ratingSum: Float64Array;
  ratingCount: Float64Array;
  updatedMs: Float64Array;
  /** code, name, address, phone of every station as UTF-16 code units, one after the other; field f of station i is `text[textAt[4i + f] … textAt[4i + f + 1])`. */
  text: Uint16Array;
  /** n × TEXT_FIELDS + 1 offsets into `text`. */
  textAt: Uint32Array;
  /** 1 where the phone is null. */
  phoneNull: Uint8Array;
  /** Index into `dict` of each station's district, level and host type. */
  district: Uint32Array;
  level: Uint32Array;
  hostType: Uint32Array;
  /** Index into `json` of each station's hours and closures (JSON text, parsed once per distinct text). */
  hours: Uint32Array;
  closures: Uint32Array;
  /** Each station's service list as indexes into `codes` (SERVICE_CODES first, then any unknown code): `services.subarray(servicesAt[i], servicesAt[i + 1])`. */
  services: Uint16Array;
  servicesAt: Uint32Array;
  dict: string[];
  json: string[];
  codes: string[];
}

/** The buffers of a StationColumns, for `postMessage(…, transferList)`. */
export function transferList(c: StationColumns): ArrayBuffer[] {
  return [c.masks, c.cellKeys, c.cellStart, c.cellSlots, c.lat, c.lng, c.ratingSum, c.ratingCount, c.updatedMs, c.text, c.textAt, c.phoneNull, c.district, c.level, c.hostType, c.hours, c.closures, c.services, c.servicesAt].map((a) => a.buffer as ArrayBuffer);
}

/** The ids of a StationColumns as strings, slot order. */
export function columnIds(c: StationColumns): string[] {
  return c.n ? c.ids.split('\n') : [];
}

/** Field f of station `slot` as a string. */
export function columnText(c: StationColumns, slot: number, f: number): string {
  const at = slot * TEXT_FIELDS + f;
  const from = c.textAt[at];
  const to = c.textAt[at + 1];
  if (to - from <= 256) return String.fromCharCode.apply(null, c.text.subarray(from, to) as unknown as number[]);
  return new TextDecoder('utf-16le').decode(c.text.subarray(from, to));
}

function widen<T extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/**
 * Takes raw rows in, one at a time; `finish()` gives the columns. Text goes straight into code-unit arrays and the
 * numbers into typed arrays grown by doubling: no string, object or boxed number is kept per station (pushing onto
 * plain arrays of 200,000+ entries cost 3× the JSON parsing here).
 */
export class StationColumnsBuilder {
  private n = 0;
  private cap: number;
  private idChars: Uint16Array;
  private idLength = 0;
  private idMax = 0;
  private chars: Uint16Array;
  private charLength = 0;
  private textAt: Uint32Array;
  private lat: Float64Array;
  private lng: Float64Array;
  private ratingSum: Float64Array;
  private ratingCount: Float64Array;
  private updatedMs: Float64Array;
  private phoneNull: Uint8Array;
  private district: Uint32Array;
  private level: Uint32Array;
  private hostType: Uint32Array;
  private hours: Uint32Array;
  private closures: Uint32Array;
  private services: Uint16Array;
  private servicesLength = 0;
  private servicesAt: Uint32Array;
  private readonly dict: string[] = [];
  private readonly dictIds = new Map<string, number>();
  private readonly json: string[] = [];
  private readonly jsonIds = new Map<string, number>();
  private readonly codes: string[] = [...SERVICE_CODES];
  private readonly codeIds = new Map<string, number>(SERVICE_CODES.map((c, i) => [c, i]));

  /** `cap`: the rows expected (the worker counts them first), so the arrays need not grow. */
  constructor(cap = 1024) {
    cap = Math.max(16, cap);
    this.cap = cap;
    this.idChars = new Uint16Array(cap * 37);
    this.chars = new Uint16Array(cap * 24);
    this.textAt = new Uint32Array(cap * TEXT_FIELDS + 1);
    this.lat = new Float64Array(cap);
    this.lng = new Float64Array(cap);
    this.ratingSum = new Float64Array(cap);
    this.ratingCount = new Float64Array(cap);
    this.updatedMs = new Float64Array(cap);
    this.phoneNull = new Uint8Array(cap);
    this.district = new Uint32Array(cap);
    this.level = new Uint32Array(cap);
    this.hostType = new Uint32Array(cap);
    this.hours = new Uint32Array(cap);
    this.closures = new Uint32Array(cap);
    this.services = new Uint16Array(cap * 8);
    this.servicesAt = new Uint32Array(cap + 1);
  }

  get size(): number {
    return this.n;
  }

  private growRows(): void {
    const cap = this.cap * 2;
    this.cap = cap;
    this.textAt = widen(this.textAt, cap * TEXT_FIELDS + 1);
    this.lat = widen(this.lat, cap);
    this.lng = widen(this.lng, cap);
    this.ratingSum = widen(this.ratingSum, cap);
    this.ratingCount = widen(this.ratingCount, cap);
    this.updatedMs = widen(this.updatedMs, cap);
    this.phoneNull = widen(this.phoneNull, cap);
    this.district = widen(this.district, cap);
    this.level = widen(this.level, cap);
    this.hostType = widen(this.hostType, cap);
    this.hours = widen(this.hours, cap);
    this.closures = widen(this.closures, cap);
    this.servicesAt = widen(this.servicesAt, cap + 1);
  }

  add(r: StationRow): void {
    if (this.n === this.cap) this.growRows();
    const i = this.n;
    const id = r[0];
    if (i) this.idChar(10);
    for (let k = 0; k < id.length; k++) this.idChar(id.charCodeAt(k));
    this.addText(i * TEXT_FIELDS, r[1]);
    this.addText(i * TEXT_FIELDS + 1, r[2]);
    this.addText(i * TEXT_FIELDS + 2, r[3]);
    this.addText(i * TEXT_FIELDS + 3, r[9] ?? '');
    this.phoneNull[i] = r[9] == null ? 1 : 0;
    this.district[i] = this.idOf(this.dict, this.dictIds, r[4]);
    this.lat[i] = Number(r[5]);
    this.lng[i] = Number(r[6]);
    this.level[i] = this.idOf(this.dict, this.dictIds, r[7]);
    this.hostType[i] = this.idOf(this.dict, this.dictIds, r[8]);
    this.servicesAt[i] = this.servicesLength;
    for (const c of JSON.parse(r[10]) as string[]) {
      if (this.servicesLength === this.services.length) this.services = widen(this.services, this.services.length * 2);
      this.services[this.servicesLength++] = this.idOf(this.codes, this.codeIds, c);
    }
    this.servicesAt[i + 1] = this.servicesLength;
    this.hours[i] = this.idOf(this.json, this.jsonIds, r[11]);
    this.closures[i] = this.idOf(this.json, this.jsonIds, r[12]);
    this.ratingSum[i] = Number(r[13]);
    this.ratingCount[i] = Number(r[14]);
    this.updatedMs[i] = hydratedMs(r[15]);
    this.n = i + 1;
  }

  private idChar(c: number): void {
    if (this.idLength === this.idChars.length) this.idChars = widen(this.idChars, this.idChars.length * 2);
    if (c > this.idMax) this.idMax = c;
    this.idChars[this.idLength++] = c;
  }

  private addText(at: number, s: string): void {
    this.textAt[at] = this.charLength;
    const end = this.charLength + s.length;
    if (end > this.chars.length) this.chars = widen(this.chars, Math.max(end, this.chars.length * 2));
    const chars = this.chars;
    for (let k = 0, to = this.charLength; k < s.length; k++, to++) chars[to] = s.charCodeAt(k);
    this.charLength = end;
  }

  private idOf(list: string[], ids: Map<string, number>, v: string): number {
    let id = ids.get(v);
    if (id === undefined) {
      id = list.length;
      list.push(v);
      ids.set(v, id);
    }
    return id;
  }

  finish(): StationColumns {
    const n = this.n;
    this.textAt[n * TEXT_FIELDS] = this.charLength;
    this.servicesAt[n] = this.servicesLength;
    const ids = this.idChars.subarray(0, this.idLength);
    // Decoded here (in the worker: off the server thread's path); new Uint8Array(typed array) copies natively.
    const idText = this.idMax < 256 ? Buffer.from(new Uint8Array(ids).buffer).toString('latin1') : new TextDecoder('utf-16le').decode(ids);
    // Service masks and grid cells, as GeoIndex.put would file them (slots ascending in every cell).
    const masks = new Uint32Array(Math.max(1, n) * MASK_WORDS);
    const byCell = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      maskFromIndexes(this.services, this.servicesAt[i], this.servicesAt[i + 1], masks, i * MASK_WORDS);
      const key = cellKey(this.lat[i], this.lng[i]);
      const bucket = byCell.get(key);
      if (bucket) bucket.push(i);
      else byCell.set(key, [i]);
    }
    const cellKeys = new Float64Array(byCell.size);
    const cellStart = new Uint32Array(byCell.size + 1);
    const cellSlots = new Uint32Array(n);
    let j = 0;
    let at = 0;
    for (const [key, slots] of byCell) {
      cellKeys[j] = key;
      cellStart[j++] = at;
      for (const slot of slots) cellSlots[at++] = slot;
    }
    cellStart[j] = at;
    return {
      n,
      ids: idText,
      masks,
      cellKeys,
      cellStart,
      cellSlots,
      lat: this.lat.slice(0, n),
      lng: this.lng.slice(0, n),
      ratingSum: this.ratingSum.slice(0, n),
      ratingCount: this.ratingCount.slice(0, n),
      updatedMs: this.updatedMs.slice(0, n),
      text: this.chars.slice(0, this.charLength),
      textAt: this.textAt.slice(0, n * TEXT_FIELDS + 1),
      phoneNull: this.phoneNull.slice(0, n),
      district: this.district.slice(0, n),
      level: this.level.slice(0, n),
      hostType: this.hostType.slice(0, n),
      hours: this.hours.slice(0, n),
      closures: this.closures.slice(0, n),
      services: this.services.slice(0, this.servicesLength),
      servicesAt: this.servicesAt.slice(0, n + 1),
      dict: this.dict,
      json: this.json,
      codes: this.codes,
    };
  }
}

/**
 * The boot scan (the worker's and the index's own): every open station, SCAN_CHUNK rows at a time by id, into
 * `cols`. The next chunk is asked for before this one is taken in, so the database and the driver work meanwhile.
 */
export async function scanStations(query: (sql: string, values: unknown[]) => Promise<StationRow[]>, cols: StationColumnsBuilder): Promise<StationColumns> {
  let next = query(SCAN_SQL, ['']);
  for (;;) {
    const rows = await next;
    const more = rows.length === SCAN_CHUNK;
    if (more) next = query(SCAN_SQL, [rows[rows.length - 1][0]]);
    for (const r of rows) cols.add(r);
    if (!more) return cols.finish();
  }
}
