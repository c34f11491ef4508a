import { SERVICE_CODES } from '@nuanxin/shared';

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

/** The per-station text fields kept in `text`, in this order per station (phone: null when its flag says so). */
export const TEXT_FIELDS = 4;

/** Everything the index needs of the scanned stations, slot i = the i-th row. Buffers are transferable. */
export interface StationColumns {
  n: number;
  /** Station ids joined by '\n' (ids are UUIDs: no line breaks). */
  ids: string;
  lat: Float64Array;
  lng: Float64Array;
  ratingSum: Float64Array;
  ratingCount: Float64Array;
  updatedMs: Float64Array;
  /** code, name, address, phone of every station, one after the other; `textAt[4i + f]` starts field f of station i. */
  text: string;
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
  return [c.lat, c.lng, c.ratingSum, c.ratingCount, c.updatedMs, c.textAt, c.phoneNull, c.district, c.level, c.hostType, c.hours, c.closures, c.services, c.servicesAt].map((a) => a.buffer as ArrayBuffer);
}

class Growing<T extends Float64Array | Uint32Array | Uint16Array | Uint8Array> {
  a: T;
  n = 0;
  constructor(private readonly make: (n: number) => T, cap: number) {
    this.a = make(cap);
  }
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = this.make(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  done(): T {
    return this.a.slice(0, this.n) as T;
  }
}

/** Takes raw rows in, one at a time; `finish()` gives the columns. */
export class StationColumnsBuilder {
  private readonly idList: string[] = [];
  private readonly textParts: string[] = [];
  private textLength = 0;
  private readonly textAt: Growing<Uint32Array>;
  private readonly lat: Growing<Float64Array>;
  private readonly lng: Growing<Float64Array>;
  private readonly ratingSum: Growing<Float64Array>;
  private readonly ratingCount: Growing<Float64Array>;
  private readonly updatedMs: Growing<Float64Array>;
  private readonly phoneNull: Growing<Uint8Array>;
  private readonly district: Growing<Uint32Array>;
  private readonly level: Growing<Uint32Array>;
  private readonly hostType: Growing<Uint32Array>;
  private readonly hours: Growing<Uint32Array>;
  private readonly closures: Growing<Uint32Array>;
  private readonly services: Growing<Uint16Array>;
  private readonly servicesAt: Growing<Uint32Array>;
  private readonly dict: string[] = [];
  private readonly dictIds = new Map<string, number>();
  private readonly json: string[] = [];
  private readonly jsonIds = new Map<string, number>();
  private readonly codes: string[] = [...SERVICE_CODES];
  private readonly codeIds = new Map<string, number>(SERVICE_CODES.map((c, i) => [c, i]));

  constructor(cap = 1024) {
    const f64 = (n: number) => new Float64Array(n);
    const u32 = (n: number) => new Uint32Array(n);
    this.textAt = new Growing(u32, cap * TEXT_FIELDS + 1);
    this.lat = new Growing(f64, cap);
    this.lng = new Growing(f64, cap);
    this.ratingSum = new Growing(f64, cap);
    this.ratingCount = new Growing(f64, cap);
    this.updatedMs = new Growing(f64, cap);
    this.phoneNull = new Growing((n) => new Uint8Array(n), cap);
    this.district = new Growing(u32, cap);
    this.level = new Growing(u32, cap);
    this.hostType = new Growing(u32, cap);
    this.hours = new Growing(u32, cap);
    this.closures = new Growing(u32, cap);
    this.services = new Growing((n) => new Uint16Array(n), cap * 4);
    this.servicesAt = new Growing(u32, cap + 1);
    this.servicesAt.push(0);
  }

  get size(): number {
    return this.idList.length;
  }

  add(r: StationRow): void {
    this.idList.push(r[0]);
    this.addText(r[1]);
    this.addText(r[2]);
    this.addText(r[3]);
    this.addText(r[9] ?? '');
    this.phoneNull.push(r[9] == null ? 1 : 0);
    this.district.push(this.idOf(this.dict, this.dictIds, r[4]));
    this.lat.push(Number(r[5]));
    this.lng.push(Number(r[6]));
    this.level.push(this.idOf(this.dict, this.dictIds, r[7]));
    this.hostType.push(this.idOf(this.dict, this.dictIds, r[8]));
    for (const c of JSON.parse(r[10]) as string[]) this.services.push(this.idOf(this.codes, this.codeIds, c));
    this.servicesAt.push(this.services.n);
    this.hours.push(this.idOf(this.json, this.jsonIds, r[11]));
    this.closures.push(this.idOf(this.json, this.jsonIds, r[12]));
    this.ratingSum.push(Number(r[13]));
    this.ratingCount.push(Number(r[14]));
    this.updatedMs.push(hydratedMs(r[15]));
  }

  private addText(s: string): void {
    this.textAt.push(this.textLength);
    this.textParts.push(s);
    this.textLength += s.length;
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
    this.textAt.push(this.textLength);
    return {
      n: this.idList.length,
      ids: this.idList.join('\n'),
      lat: this.lat.done(),
      lng: this.lng.done(),
      ratingSum: this.ratingSum.done(),
      ratingCount: this.ratingCount.done(),
      updatedMs: this.updatedMs.done(),
      text: this.textParts.join(''),
      textAt: this.textAt.done(),
      phoneNull: this.phoneNull.done(),
      district: this.district.done(),
      level: this.level.done(),
      hostType: this.hostType.done(),
      hours: this.hours.done(),
      closures: this.closures.done(),
      services: this.services.done(),
      servicesAt: this.servicesAt.done(),
      dict: this.dict,
      json: this.json,
      codes: this.codes,
    };
  }
}
