import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { openState, type Closure, type WeeklyHours } from '@nuanxin/shared';
import { DataSource, MoreThan, Repository, type EntityManager } from 'typeorm';
import { nextValue, readValue } from '../counters/counters';
import { GeoIndex, type NearbyHit } from './geo-index';
import { Station } from './station.entity';
import { stationStatic, type ListedStation } from './station-summary';

export const STATIONS_VERSION = 'stations-version';

export interface NearbyQuery {
  lat: number;
  lng: number;
  limit: number;
  radiusMeters: number;
  services: string[];
  openNow: boolean;
  now: Date;
}

/** What the index keeps of a station: the list fields, nothing else (photos, org, timestamps stay in the DB). */
export type IndexedStation = ListedStation;

/** Rows read per query while scanning the table (keyset by id): bounds the memory a scan holds at once. */
const SCAN_CHUNK = 5000;
/** Stamps (four narrow columns) read per query while checking for other replicas' changes. */
const STAMP_CHUNK = 20_000;
/** Ids per `IN (…)` when loading changed stations. */
const LOAD_CHUNK = 500;
/** List-entry JSON kept for at most this many stations (the hot ones); cleared when full. */
const JSON_CACHE_MAX = 20_000;
/** Distinct shared values remembered for interning. */
const SHARED_MAX = 50_000;

/** The columns the index keeps (plus the stamp), read as plain rows. */
const COLUMNS = 'id, code, name, address, district, lat, lng, level, hostType, phone, services, hours, closures, ratingSum, ratingCount, updatedAt';

/** A row as the drivers give it: DECIMAL may come as text, JSON columns are text, datetimes a Date (MySQL) or text (SQLite). */
interface StationRow {
  id: string;
  code: string;
  name: string;
  address: string;
  district: string;
  lat: number | string;
  lng: number | string;
  level: string;
  hostType: string;
  phone: string | null;
  services: string;
  hours: string;
  closures: string;
  ratingSum: number | string;
  ratingCount: number | string;
  updatedAt: Date | string;
}

/** A datetime as TypeORM hydrates it (a Date from mysql2; SQLite's text read as UTC), in ms: stamps compare equal. */
function hydratedMs(v: Date | string | null): number {
  if (v == null) return 0;
  if (v instanceof Date) return v.getTime();
  let text = /^\d{4}-\d\d-\d\d \d\d:\d\d/.test(v) ? v.replace(' ', 'T') : v;
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{3})?)?$/.test(text)) text += 'Z';
  return new Date(text).getTime();
}


/**
 * The in-memory geo index of open stations, kept compact: a slot per station in typed arrays (GeoIndex), one small
 * record per slot whose hours, closures and service lists are shared between stations that have equal ones, and
 * the list-entry JSON of hot stations only.
 *
 * Built at boot by one scan. A change made here re-reads just the stations it touched (`rebuild(ids)`) and patches
 * their slots. Every change also bumps a version row in its transaction; each replica's `stations-index` job polls
 * that row and, when it moved, compares a narrow stamp of every open station (id, updatedAt, rating) with what it
 * holds and re-reads only the stations that differ — in place, never a second copy of the index.
 */
@Injectable()
export class StationIndexService implements OnModuleInit {
  private readonly index = new GeoIndex([]);
  private records: Array<IndexedStation | undefined> = [];
  /** `updatedAt` (ms) per slot: with the record's rating columns, the stamp a replica compares to see a change. */
  private updatedMs: number[] = [];
  private json = new Map<number, string>();
  private readonly shared = new Map<string, unknown>();
  private version = -1;
  private building?: Promise<void>;
  private pending?: Promise<void>;
  private pendingIds?: Set<string> | 'all';

  constructor(
    @InjectRepository(Station) private readonly repo: Repository<Station>,
    private readonly ds: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.rebuild();
  }

  get size(): number {
    return this.index.size;
  }

  get currentVersion(): number {
    return this.version;
  }

  /** Call inside the transaction that changes stations. */
  bump(em: EntityManager): Promise<number> {
    return nextValue(em, STATIONS_VERSION);
  }

  /** The jobs room's poll: when the version moved, bring every changed station up to date. */
  async refreshIfChanged(): Promise<boolean> {
    if ((await readValue(this.ds.manager, STATIONS_VERSION)) === this.version) return false;
    await this.rebuild();
    return true;
  }

  /**
   * Brings the index up to date with the database: with `ids`, only those stations are re-read (the caller changed
   * them); without, every station is checked. Callers who change stations call this after their commit, so a
   * refresh already in flight may have read the rows before that commit: such callers get one more refresh that
   * starts after it, shared by everyone who asks meanwhile. A returned promise therefore always reflects writes
   * committed before the call.
   */
  rebuild(ids?: readonly string[]): Promise<void> {
    if (!this.building) {
      this.building = this.refresh(ids ? new Set(ids) : 'all').finally(() => {
        this.building = undefined;
      });
      return this.building;
    }
    if (!ids) this.pendingIds = 'all';
    else if (this.pendingIds !== 'all') {
      const queued = this.pendingIds ?? new Set<string>();
      for (const id of ids) queued.add(id);
      this.pendingIds = queued;
    }
    this.pending ??= this.building
      .catch(() => undefined)
      .then(() => {
        const next = this.pendingIds;
        this.pending = undefined;
        this.pendingIds = undefined;
        return next === 'all' || !next ? this.rebuild() : this.rebuild([...next]);
      });
    return this.pending;
  }

  private async refresh(ids: Set<string> | 'all'): Promise<void> {
    // The version first: a change committed between the two reads makes the version look older, never newer.
    const version = await readValue(this.ds.manager, STATIONS_VERSION);
    if (ids !== 'all') {
      await this.load([...ids]);
      // The caller's change committed (and bumped) before this read: if it is the only change since the last check,
      // the index now holds that version. Otherwise other changes are not among `ids`: the next poll checks them all.
      if (version === this.version + 1) this.version = version;
      return;
    }
    if (this.index.size === 0) await this.scanAll();
    else await this.reconcile();
    this.version = version;
  }

  /** Boot: every open station, a chunk at a time, as plain rows (no entity objects: a few times faster at 200,000). */
  private async scanAll(): Promise<void> {
    let after = '';
    for (;;) {
      const rows: StationRow[] = await this.ds.query(`SELECT ${COLUMNS} FROM stations WHERE status = 'open' AND id > ? ORDER BY id LIMIT ${SCAN_CHUNK}`, [after]);
      for (const r of rows) this.put(r);
      if (rows.length < SCAN_CHUNK) return;
      after = rows[rows.length - 1].id;
    }
  }

  /** A narrow scan of every open station's stamp; re-reads those that differ and drops those no longer open. */
  private async reconcile(): Promise<void> {
    const seen = new Set<string>();
    const changed: string[] = [];
    let after: string | undefined;
    for (;;) {
      const rows = await this.repo.find({
        select: { id: true, updatedAt: true, ratingSum: true, ratingCount: true },
        where: { status: 'open', ...(after ? { id: MoreThan(after) } : {}) },
        order: { id: 'ASC' },
        take: STAMP_CHUNK,
      });
      for (const r of rows) {
        seen.add(r.id);
        const slot = this.index.slotOf(r.id);
        const rec = slot === undefined ? undefined : this.records[slot];
        if (!rec || this.updatedMs[slot!] !== (r.updatedAt?.getTime() ?? 0) || rec.ratingSum !== r.ratingSum || rec.ratingCount !== r.ratingCount) changed.push(r.id);
      }
      if (rows.length < STAMP_CHUNK) break;
      after = rows[rows.length - 1].id;
    }
    const gone = [...this.index.liveIds()].filter((id) => !seen.has(id));
    for (const id of gone) this.drop(id);
    await this.load(changed);
  }

  /** Re-reads these stations: open ones are put (added or replaced), others removed. */
  private async load(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += LOAD_CHUNK) {
      const chunk = ids.slice(i, i + LOAD_CHUNK);
      const rows: Array<StationRow & { status: string }> = await this.ds.query(`SELECT ${COLUMNS}, status FROM stations WHERE id IN (${chunk.map(() => '?').join(',')})`, chunk);
      const open = new Set<string>();
      for (const r of rows) {
        if (r.status !== 'open') continue;
        open.add(r.id);
        this.put(r);
      }
      for (const id of chunk) if (!open.has(id)) this.drop(id);
    }
  }

  private put(r: StationRow): void {
    const rec: IndexedStation = {
      id: r.id,
      code: r.code,
      name: r.name,
      address: r.address,
      district: this.intern(r.district),
      lat: Number(r.lat),
      lng: Number(r.lng),
      level: this.intern(r.level) as IndexedStation['level'],
      hostType: this.intern(r.hostType) as IndexedStation['hostType'],
      phone: r.phone,
      services: this.parse<string[]>(r.services),
      hours: this.parse<WeeklyHours>(r.hours),
      closures: this.parse<Closure[]>(r.closures),
      ratingSum: Number(r.ratingSum),
      ratingCount: Number(r.ratingCount),
    };
    const slot = this.index.put({ id: r.id, lat: rec.lat, lng: rec.lng, services: rec.services });
    this.records[slot] = rec;
    this.updatedMs[slot] = hydratedMs(r.updatedAt);
    this.json.delete(slot);
  }

  private drop(id: string): void {
    const slot = this.index.remove(id);
    if (slot === undefined) return;
    this.records[slot] = undefined;
    this.updatedMs[slot] = 0;
    this.json.delete(slot);
  }

  /** One shared copy of equal values (most stations share their district, hours, closures and service lists). */
  private intern(v: string): string {
    return this.remember(`s${v}`, () => v);
  }

  /** JSON text as a value, parsed once per distinct text. */
  private parse<T>(text: string): T {
    return this.remember(`j${text}`, () => JSON.parse(text) as T);
  }

  private remember<T>(key: string, make: () => T): T {
    const had = this.shared.get(key) as T | undefined;
    if (had !== undefined) return had;
    // Values no station uses any more would pile up over months of edits: start over now and then.
    if (this.shared.size >= SHARED_MAX) this.shared.clear();
    const v = make();
    this.shared.set(key, v);
    return v;
  }

  nearby(q: NearbyQuery): Array<{ station: IndexedStation; hit: NearbyHit; staticJson: string }> {
    const records = this.records;
    const accept = q.openNow ? (i: number) => openState(records[i]!.hours, records[i]!.closures, q.now).isOpen : undefined;
    return this.index.nearest(q.lat, q.lng, q.limit, q.radiusMeters, q.services, accept).map((hit) => ({
      station: records[hit.index]!,
      hit,
      staticJson: this.staticJson(hit.index),
    }));
  }

  private staticJson(slot: number): string {
    let j = this.json.get(slot);
    if (j === undefined) {
      if (this.json.size >= JSON_CACHE_MAX) this.json = new Map();
      j = JSON.stringify(stationStatic(this.records[slot]!));
      this.json.set(slot, j);
    }
    return j;
  }
}
