import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { SERVICE_CODES, type Closure, type WeeklyHours } from '@nuanxin/shared';
import { Between, DataSource, LessThan, MoreThan, Repository, type EntityManager } from 'typeorm';
import { readValue } from '../counters/counters';
import { ByteSlab, decimalDigits, writeDecimal } from '../common/byte-slab';
import { ListJsonArena } from './list-json-arena';
import { cachedOpenState, stillValid, type CachedOpenState } from './open-state-cache';
import { GeoIndex, type NearbyHit } from '../common/geo-index';
import { StationChange } from './station-change.entity';
import { COLUMNS, FIELDS, hydratedMs, scanStations, STATIONS_VERSION, StationColumnsBuilder, columnIds, columnText, type StationColumns, type StationRow } from './station-columns';
import { takeBootScan } from './boot-scan';
import { Station } from './station.entity';
import { stationStatic, type ListedStation } from './station-summary';

export { STATIONS_VERSION } from './station-columns';

/**
 * How long a replica keeps re-reading change-log rows after it first saw them. Auto-increment ids are taken at
 * insert and become visible at commit, so a lower id can appear after a higher one: a replica moves its floor past
 * an id only once every row below it had this long to commit. Rows are appended last in their transaction, so
 * only a commit itself slower than this could be missed.
 */
export const CHANGE_OVERLAP_MS = 60_000;
/** Change-log rows are kept this long, then purged (job `stations-changes-purge`, once across replicas). */
export const STATION_CHANGES_KEPT_MS = 3_600_000;
/** Change-log ids deleted per statement when purging. */
const PURGE_CHUNK = 10_000;
/** Change-log rows read per query. */
const CHANGE_CHUNK = 5000;
/** Change-log rows inserted per statement. */
const CHANGE_INSERT_CHUNK = 500;

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

/** One station of a nearby answer (`nearby`): the station, where it is, its static JSON's bytes (no closing `}`). */
export interface NearbyEntry {
  station: IndexedStation;
  hit: NearbyHit;
  staticBytes: Buffer;
}

/** Nearby answers are cut from shared slabs (no ArrayBuffer of their own). */
const ANSWERS = new ByteSlab();
const DISTANCE_KEY = Buffer.from(',"distanceMeters":');

/** Stamps (four narrow columns) read per query while checking for other replicas' changes. */
const STAMP_CHUNK = 20_000;
/** Ids per `IN (…)` when loading changed stations. */
const LOAD_CHUNK = 500;
/** The catalogue's service codes: the one copy of each code string every station's list points to. */
const SERVICE_STRING = new Map(SERVICE_CODES.map((c) => [c, c]));
/** Distinct shared values remembered for interning. */
const SHARED_MAX = 50_000;

/** The raw driver under a TypeORM data source, for the boot scan (rows as arrays, no per-row objects). */
interface RawDrivers {
  databaseConnection?: { prepare(sql: string): { raw(on: boolean): { all(...params: unknown[]): unknown[][] } } };
  obtainMasterConnection?(): Promise<{ query(opts: { sql: string; values: unknown[]; rowsAsArray: boolean }, cb: (err: Error | null, rows: unknown[][]) => void): void; release(): void }>;
}

/**
 * The in-memory geo index of open stations, kept compact: a slot per station in typed arrays (GeoIndex), one small
 * record per slot whose hours, closures and service lists are shared between stations that have equal ones, and
 * the list-entry JSON of hot stations only.
 *
 * Built at boot by one scan. A change made here re-reads just the stations it touched (`rebuild(ids)`) and patches
 * their slots. Every change also appends a row per changed station to the change log in its transaction
 * (`changed(em, ids)`); each replica's `stations-index` job reads the rows after the last it took in and re-reads
 * just those stations — in place, never a second copy of the index. Ratings append rows too, so no single row is
 * written by every change. A bulk change outside the index (the demo seed) bumps the version row instead: the
 * replicas then compare a narrow stamp of every open station (id, updatedAt, rating) and re-read what differs.
 */
@Injectable()
export class StationIndexService implements OnModuleInit {
  private readonly index = new GeoIndex([]);
  /** The record of each slot put since boot (a change re-reads its station); boot slots are read from `boot`. */
  private records: Array<IndexedStation | undefined> = [];
  /**
   * The boot scan's stations as columns (slot i = the scan's i-th station): their records are built on demand (for
   * a list entry) and dropped again; `live[i]` is cleared once slot i is put or dropped.
   */
  private boot?: { c: StationColumns; live: Uint8Array; json: unknown[]; dict: string[] };
  /** `updatedAt` (ms) per slot: with the record's rating columns, the stamp a replica compares to see a change. */
  private updatedMs: number[] = [];
  /** Hot stations' static list JSON, by slot. */
  private json = new ListJsonArena();
  /** Hot stations' open state, by slot, kept while valid (`stillValid`). */
  private open: Array<CachedOpenState | undefined> = [];
  private readonly sharedText = new Map<string, string>();
  private readonly sharedJson = new Map<string, unknown>();
  private version = -1;
  private building?: Promise<void>;
  private pending?: Promise<void>;
  private pendingIds?: Set<string> | 'all';
  /** Marks this instance's change-log rows: it applies its own changes after their commit, its polls skip them. */
  readonly source = randomUUID();
  /** Every change-log id ≤ floor has been taken in (or given up after CHANGE_OVERLAP_MS: see there). */
  private floor = 0;
  /** Change-log ids above the floor already taken in, with when they were first seen (ms). */
  private readonly recent = new Map<number, number>();
  /** The highest change-log id taken in. */
  private highest = 0;
  /** When the change log was last read (ms): a replica that missed more than half the keep time re-checks every station. */
  private lastAbsorbMs = 0;
  private polling?: Promise<boolean>;
  /** A background poll took something in that no `refreshIfChanged` caller has been told of yet. */
  private unreported = false;
  /** The clock (tests move it). */
  now: () => number = () => Date.now();

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

  /** Where this replica is: moves whenever it takes in a change (the version row plus the highest change-log id taken in). */
  get currentVersion(): number {
    return this.version + this.highest;
  }

  /**
   * Call inside the transaction that changes these stations, as its last write (see CHANGE_OVERLAP_MS), and
   * `rebuild(ids)` after its commit: appends one change-log row per station for the other replicas.
   */
  async changed(em: EntityManager, stationIds: readonly string[]): Promise<void> {
    const createdAt = new Date(this.now());
    const unique = [...new Set(stationIds)];
    for (let i = 0; i < unique.length; i += CHANGE_INSERT_CHUNK) {
      await em.insert(StationChange, unique.slice(i, i + CHANGE_INSERT_CHUNK).map((stationId) => ({ stationId, source: this.source, createdAt })));
    }
  }

  /** Deletes change-log rows older than STATION_CHANGES_KEPT_MS (a cluster job: once across replicas); returns how many. */
  async purgeChanges(now: Date): Promise<number> {
    const repo = this.ds.getRepository(StationChange);
    const cutoff = LessThan(new Date(now.getTime() - STATION_CHANGES_KEPT_MS));
    const top = await repo.findOne({ select: { id: true }, where: { createdAt: cutoff }, order: { id: 'DESC' } });
    const bottom = await repo.findOne({ select: { id: true }, where: {}, order: { id: 'ASC' } });
    if (!top || !bottom) return 0;
    let removed = 0;
    // In id ranges, so no statement holds locks over the whole table.
    for (let from = bottom.id; from <= top.id; from += PURGE_CHUNK) {
      removed += (await repo.delete({ id: Between(from, Math.min(from + PURGE_CHUNK - 1, top.id)), createdAt: cutoff })).affected ?? 0;
    }
    return removed;
  }

  /**
   * Brings the index up to date with other replicas' changes: re-reads the stations they changed since the last
   * poll (from the change log), or every station's stamp when the version row moved. True when this index took in
   * anything since the previous call — here or in a background poll (`pollChanges`, the jobs room) since then.
   * Polls run one at a time.
   */
  refreshIfChanged(): Promise<boolean> {
    return this.serialPoll(async () => {
      const moved = (await this.poll()) || this.unreported;
      this.unreported = false;
      return moved;
    });
  }

  /** The `stations-index` job's poll: like `refreshIfChanged`, and what it takes in is reported by the next `refreshIfChanged`. */
  pollChanges(): Promise<boolean> {
    return this.serialPoll(async () => {
      const moved = await this.poll();
      if (moved) this.unreported = true;
      return moved;
    });
  }

  private serialPoll(run: () => Promise<boolean>): Promise<boolean> {
    const next = (this.polling ?? Promise.resolve(false)).catch(() => false).then(run);
    this.polling = next;
    return next;
  }

  private async poll(): Promise<boolean> {
    const version = await readValue(this.ds.manager, STATIONS_VERSION);
    // Rows this replica never read may have been purged meanwhile (it was stopped or starved): check every station.
    const missedRows = this.now() - this.lastAbsorbMs > STATION_CHANGES_KEPT_MS / 2;
    if (version !== this.version || missedRows) {
      await this.rebuild();
      return true;
    }
    const foreign = await this.absorb();
    if (!foreign.length) return false;
    await this.rebuild(foreign);
    return true;
  }

  /**
   * Reads the change log above the floor; returns the stations other instances changed in rows not taken in before.
   * Every id is taken in once: `recent` remembers those above the floor, the floor moves past ids seen long enough ago.
   */
  private async absorb(): Promise<string[]> {
    const now = this.now();
    const foreign = new Set<string>();
    let after = this.floor;
    for (;;) {
      const rows: Array<{ id: number | string; stationId: string; source: string }> = await this.ds.query(
        `SELECT id, stationId, source FROM station_changes WHERE id > ? ORDER BY id LIMIT ${CHANGE_CHUNK}`,
        [after],
      );
      for (const r of rows) {
        const id = Number(r.id);
        if (id <= this.floor || this.recent.has(id)) continue;
        this.recent.set(id, now);
        if (id > this.highest) this.highest = id;
        if (r.source !== this.source) foreign.add(r.stationId);
      }
      if (rows.length < CHANGE_CHUNK) break;
      after = Number(rows[rows.length - 1].id);
    }
    let floor = this.floor;
    for (const [id, seen] of this.recent) if (now - seen >= CHANGE_OVERLAP_MS && id > floor) floor = id;
    if (floor > this.floor) {
      this.floor = floor;
      for (const id of [...this.recent.keys()]) if (id <= floor) this.recent.delete(id);
    }
    this.lastAbsorbMs = now;
    return [...foreign];
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
    if (ids !== 'all') {
      await this.load([...ids]);
      return;
    }
    // The version and the change log first: a change committed after these reads is seen by the next poll; one
    // committed before them is in the scan that follows.
    const version = await readValue(this.ds.manager, STATIONS_VERSION);
    const foreign = await this.absorb();
    if (this.index.size === 0 && this.index.pristine) {
      const early = await takeBootScan();
      if (early) {
        // Scanned before the reads above: the stations the change log names are re-read, and every station's stamp
        // is compared if the version row moved since the scan began.
        this.adopt(early.columns);
        await this.load(foreign);
        if (early.version !== version) await this.reconcile();
      } else await this.scanAll();
    } else await this.reconcile();
    this.version = version;
  }

  /** Boot: every open station as raw driver rows (arrays: no entity, no object, no Date per row), into columns (no record per station). */
  private async scanAll(): Promise<void> {
    this.adopt(await scanStations((sql, params) => this.rawRows(sql, params), new StationColumnsBuilder()));
  }

  /** Takes a boot scan's columns in (the index is empty): the geo index's slots, the stamps, the shared values. */
  private adopt(c: StationColumns): void {
    const ids = columnIds(c);
    if (ids.length !== c.n) throw new Error(`station index: ${ids.length} ids for ${c.n} stations`);
    this.index.adopt(ids, c.lat, c.lng, c.masks, c.cellKeys, c.cellStart, c.cellSlots);
    this.records = [];
    // A loop, not Array.from (which iterates a typed array through its iterator: 3× slower here).
    const updated: number[] = new Array(c.n);
    for (let i = 0; i < c.n; i++) updated[i] = c.updatedMs[i];
    this.updatedMs = updated;
    this.json.clear();
    this.open = [];
    // The shared values through the interning maps, so later changes share them with the boot slots.
    this.boot = { c, live: new Uint8Array(c.n).fill(1), json: c.json.map((t) => this.parse(t)), dict: c.dict.map((t) => this.intern(t)) };
  }

  /** A slot's record: the one put since boot, else built from the boot columns (not kept). */
  private record(slot: number): IndexedStation | undefined {
    const rec = this.records[slot];
    if (rec || !this.boot || slot >= this.boot.c.n || !this.boot.live[slot]) return rec;
    const { c, json, dict } = this.boot;
    const text = (f: number) => columnText(c, slot, f);
    const services: string[] = [];
    for (let k = c.servicesAt[slot], end = c.servicesAt[slot + 1]; k < end; k++) services.push(c.codes[c.services[k]]);
    return {
      id: this.index.idAt(slot)!,
      code: text(0),
      name: text(1),
      address: text(2),
      district: dict[c.district[slot]],
      lat: c.lat[slot],
      lng: c.lng[slot],
      level: dict[c.level[slot]] as IndexedStation['level'],
      hostType: dict[c.hostType[slot]] as IndexedStation['hostType'],
      phone: c.phoneNull[slot] ? null : text(3),
      services,
      hours: json[c.hours[slot]] as WeeklyHours,
      closures: json[c.closures[slot]] as Closure[],
      ratingSum: c.ratingSum[slot],
      ratingCount: c.ratingCount[slot],
    };
  }

  /** A slot put or dropped since boot: its boot columns no longer describe it. */
  private retireBootSlot(slot: number): void {
    if (this.boot && slot < this.boot.c.n) this.boot.live[slot] = 0;
  }

  /** A live slot's hours (the shared object), without building its record. */
  private hoursOf(slot: number): WeeklyHours {
    return this.records[slot]?.hours ?? (this.boot!.json[this.boot!.c.hours[slot]] as WeeklyHours);
  }

  private closuresOf(slot: number): Closure[] {
    return this.records[slot]?.closures ?? (this.boot!.json[this.boot!.c.closures[slot]] as Closure[]);
  }

  /** Whether a slot's stamp (updatedAt, rating) differs from these, without building its record. */
  private stampDiffers(slot: number, updatedMs: number, ratingSum: number, ratingCount: number): boolean {
    if (this.updatedMs[slot] !== updatedMs) return true;
    const rec = this.records[slot];
    if (rec) return rec.ratingSum !== ratingSum || rec.ratingCount !== ratingCount;
    const b = this.boot;
    if (!b || slot >= b.c.n || !b.live[slot]) return true;
    return b.c.ratingSum[slot] !== ratingSum || b.c.ratingCount[slot] !== ratingCount;
  }

  /** Rows as arrays straight from the driver (better-sqlite3's raw mode, mysql2's rowsAsArray); any other driver through TypeORM. */
  private async rawRows(sql: string, params: unknown[]): Promise<StationRow[]> {
    const driver = this.ds.driver as unknown as RawDrivers;
    if (this.ds.options.type === 'better-sqlite3' && driver.databaseConnection) return driver.databaseConnection.prepare(sql).raw(true).all(...params) as StationRow[];
    if ((this.ds.options.type === 'mysql' || this.ds.options.type === 'mariadb') && driver.obtainMasterConnection) {
      const conn = await driver.obtainMasterConnection();
      try {
        return await new Promise<StationRow[]>((resolve, reject) => conn.query({ sql, values: params, rowsAsArray: true }, (err, rows) => (err ? reject(err) : resolve(rows as StationRow[]))));
      } finally {
        conn.release();
      }
    }
    const rows: Array<Record<string, unknown>> = await this.ds.query(sql, params);
    return rows.map((r) => FIELDS.map((f) => r[f]) as StationRow);
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
        if (slot === undefined || this.stampDiffers(slot, r.updatedAt?.getTime() ?? 0, r.ratingSum, r.ratingCount)) changed.push(r.id);
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
      const rows: Array<Record<(typeof FIELDS)[number] | 'status', unknown>> = await this.ds.query(`SELECT ${COLUMNS}, status FROM stations WHERE id IN (${chunk.map(() => '?').join(',')})`, chunk);
      const open = new Set<string>();
      for (const r of rows) {
        if (r.status !== 'open') continue;
        open.add(r.id as string);
        this.put(FIELDS.map((f) => r[f]) as StationRow);
      }
      for (const id of chunk) if (!open.has(id)) this.drop(id);
    }
  }

  private put(r: StationRow): void {
    const services = this.services(r[10]);
    const rec: IndexedStation = {
      id: r[0],
      code: r[1],
      name: r[2],
      address: r[3],
      district: this.intern(r[4]),
      lat: Number(r[5]),
      lng: Number(r[6]),
      level: this.intern(r[7]) as IndexedStation['level'],
      hostType: this.intern(r[8]) as IndexedStation['hostType'],
      phone: r[9],
      services,
      hours: this.parse<WeeklyHours>(r[11]),
      closures: this.parse<Closure[]>(r[12]),
      ratingSum: Number(r[13]),
      ratingCount: Number(r[14]),
    };
    const slot = this.index.put({ id: rec.id, lat: rec.lat, lng: rec.lng, services });
    this.records[slot] = rec;
    this.retireBootSlot(slot);
    this.updatedMs[slot] = hydratedMs(r[15]);
    this.forgetListEntry(slot);
  }

  private drop(id: string): void {
    const slot = this.index.remove(id);
    if (slot === undefined) return;
    this.records[slot] = undefined;
    this.retireBootSlot(slot);
    this.updatedMs[slot] = 0;
    this.forgetListEntry(slot);
  }

  /** One shared copy of equal values (most stations share their district, hours, closures and service lists). */
  private intern(v: string): string {
    return this.remember(this.sharedText, v, () => v);
  }

  /**
   * A service list, shared between stations with the same text; its codes are the catalogue's own strings, so a
   * list costs one small array even when most stations have a combination of their own.
   */
  private services(text: string): string[] {
    return this.remember(this.sharedJson, text, () => (JSON.parse(text) as string[]).map((c) => SERVICE_STRING.get(c) ?? c)) as string[];
  }

  /** JSON text as a value, parsed once per distinct text. */
  private parse<T>(text: string): T {
    return this.remember(this.sharedJson, text, () => JSON.parse(text) as T) as T;
  }

  private remember<T>(shared: Map<string, T>, key: string, make: () => T): T {
    const had = shared.get(key);
    if (had !== undefined) return had;
    // Values no station uses any more would pile up over months of edits: start over now and then.
    if (shared.size >= SHARED_MAX) shared.clear();
    const v = make();
    shared.set(key, v);
    return v;
  }

  /**
   * The nearest stations with their records and static JSON's bytes (without the closing brace). For callers that
   * want the stations (`nearIds`); the nearby list itself is written by `nearbyJson`.
   */
  nearby(q: NearbyQuery): NearbyEntry[] {
    return this.search(q).map((hit) => {
      const at = this.listJsonAt(hit.index);
      return {
        station: this.record(hit.index)!,
        hit,
        staticBytes: Buffer.from(this.json.bytes.subarray(at, at + this.json.length(hit.index))),
      };
    });
  }

  /**
   * The nearby list as JSON (UTF-8 bytes): the hot path. Each hot station's unchanging fields are serialised and
   * encoded once (the arena); a request adds only its distance and the open state (kept per station while valid),
   * all as bytes, measured first so that the answer is cut to size from a shared slab and sent as is (neither
   * measured nor encoded again on its way to the socket: docs/benchmarks.md, "The request pipeline").
   */
  nearbyJson(q: NearbyQuery): Buffer {
    const hits = this.search(q);
    const arena = this.json;
    let length: number;
    let generation: number;
    do {
      // Filing a station's bytes can restart the arena (when full), moving the ones filed before it: then again.
      generation = arena.generation;
      length = hits.length + 1 + (hits.length === 0 ? 1 : 0);
      for (const h of hits) {
        this.listJsonAt(h.index);
        length += arena.length(h.index) + DISTANCE_KEY.length + decimalDigits(Math.round(h.distanceMeters)) + this.openStateAt(h.index, q.now).bytes.length;
      }
    } while (generation !== arena.generation);
    const out = ANSWERS.take(length);
    const bytes = arena.bytes;
    let at = 0;
    out[at++] = 0x5b; // [
    for (let i = 0; i < hits.length; i++) {
      const slot = hits[i].index;
      if (i > 0) out[at++] = 0x2c; // ,
      const from = arena.offset(slot);
      at += bytes.copy(out, at, from, from + arena.length(slot));
      out.set(DISTANCE_KEY, at);
      at = writeDecimal(out, at + DISTANCE_KEY.length, Math.round(hits[i].distanceMeters));
      const open = this.open[slot]!.bytes;
      out.set(open, at);
      at += open.length;
    }
    out[at] = 0x5d; // ]
    return out;
  }

  private search(q: NearbyQuery): NearbyHit[] {
    const accept = q.openNow ? (i: number) => cachedOpenState(this.hoursOf(i), this.closuresOf(i), q.now).state.isOpen : undefined;
    return this.index.nearest(q.lat, q.lng, q.limit, q.radiusMeters, q.services, accept);
  }

  /** Where a slot's static JSON starts in the arena, filing it first when it is not there. */
  private listJsonAt(slot: number): number {
    const at = this.json.offset(slot);
    if (at >= 0) return at;
    return this.json.add(slot, JSON.stringify(stationStatic(this.record(slot)!)).slice(0, -1));
  }

  /** A slot's open state at `now`: the one kept while valid, else computed (shared per hours/closures) and kept. */
  private openStateAt(slot: number, now: Date): CachedOpenState {
    const kept = this.open[slot];
    if (stillValid(kept, now.getTime())) return kept;
    const open = cachedOpenState(this.hoursOf(slot), this.closuresOf(slot), now);
    // Filled up to the slot, never past its end: the array stays one of fast elements.
    while (this.open.length < slot) this.open.push(undefined);
    this.open[slot] = open;
    return open;
  }

  private forgetListEntry(slot: number): void {
    this.json.drop(slot);
    if (slot < this.open.length) this.open[slot] = undefined;
  }
}
