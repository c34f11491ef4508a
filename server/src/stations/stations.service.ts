import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  checkWeeklyHours,
  isInChina,
  NEARBY_LIMITS,
  SERVICE_CODES,
  shanghaiDate,
  type Closure,
  type NoticeParams,
  type WeeklyHours,
} from '@nuanxin/shared';
import { In, IsNull, MoreThan, Raw, Repository, type EntityManager } from 'typeorm';
import { AccessService } from '../common/access.service';
import type { AuthUser } from '../common/auth-user';
import { isUniqueViolation } from '../common/db-errors';
import { DomainError } from '../common/domain-error';
import { newId } from '../database/columns';
import { TransactionService } from '../database/transaction.service';
import { NotificationsService } from '../notifications/notifications.service';
import { OrgsService } from '../orgs/orgs.service';
import type { EventDto, ManageQuery, NearbyQuery, SearchQuery, UpdateStationDto } from './dto/station.dto';
import { EventSignup, StationEvent, StationRating } from './station-event.entity';
import { checkHeader, checkHierarchy, parseCsv, readRow, REQUIRED_FOR_NEW, type ImportRow, type RowError, type StoredNode } from './station-import';
import { StationIndexService } from './station-index.service';
import { Station } from './station.entity';
import { stationSummary } from './station-summary';

const PAGE = 20;
/** How far back the keepers' view of a station lists its events. */
const MANAGE_PAST_DAYS = 30;

export { stationSummary, type StationSummary } from './station-summary';

function eventView(e: StationEvent) {
  const { id, stationId, title, kind, description, startsAt, endsAt, capacity, signedUp, status } = e;
  return { id, stationId, title, kind, description, startsAt, endsAt, capacity, signedUp, seatsLeft: Math.max(0, capacity - signedUp), status };
}
export type EventView = ReturnType<typeof eventView>;

export interface StationRef {
  id: string;
  code: string;
  name: string;
  district: string;
  lat: number;
  lng: number;
  orgId: string;
  status: 'open' | 'suspended';
}

/** Stations: nearest-first search on the in-memory index, detail, upkeep by station masters and officers, events. */
@Injectable()
export class StationsService {
  constructor(
    @InjectRepository(Station) private readonly stations: Repository<Station>,
    @InjectRepository(StationEvent) private readonly events: Repository<StationEvent>,
    @InjectRepository(EventSignup) private readonly signups: Repository<EventSignup>,
    @InjectRepository(StationRating) private readonly ratings: Repository<StationRating>,
    private readonly index: StationIndexService,
    private readonly access: AccessService,
    private readonly tx: TransactionService,
    private readonly orgs: OrgsService,
    private readonly notifications: NotificationsService,
  ) {}

  /** The nearby list as JSON (UTF-8 bytes), written by the station index (`StationIndexService.nearbyJson`): the hot path. */
  nearbyJson(q: NearbyQuery, now = new Date()): Buffer {
    if (!isInChina(q.lat, q.lng)) {
      throw DomainError.validation([{ field: 'lat', message: '位置不在中国境内，请确认定位是否正确' }]);
    }
    return this.index.nearbyJson({
      lat: q.lat,
      lng: q.lng,
      limit: q.limit ?? NEARBY_LIMITS.defaultLimit,
      radiusMeters: (q.radiusKm ?? NEARBY_LIMITS.defaultRadiusKm) * 1000,
      services: q.services ?? [],
      openNow: q.openNow ?? false,
      now,
    });
  }

  async search(q: SearchQuery, now = new Date()) {
    const base = { status: 'open' as const, ...(q.district ? { district: q.district } : {}), ...(q.after ? { code: MoreThan(q.after) } : {}) };
    // `%` and `_` typed by a user are literal; `!` escapes them the same way on SQLite and MySQL.
    const pattern = `%${q.q?.replace(/[!%_]/g, (c) => `!${c}`)}%`;
    const contains = Raw((column) => `${column} LIKE :pattern ESCAPE '!'`, { pattern });
    const where = q.q ? [{ ...base, name: contains }, { ...base, address: contains }] : base;
    const rows = await this.stations.find({ where, order: { code: 'ASC' }, take: PAGE + 1 });
    const page = rows.slice(0, PAGE);
    return { items: page.map((s) => stationSummary(s, now)), nextAfter: rows.length > PAGE ? page[page.length - 1].code : null };
  }

  async detail(id: string, now = new Date()) {
    const s = await this.stations.findOneBy({ id });
    if (!s || s.status !== 'open') throw DomainError.notFound('找不到该驿站，可能已停用');
    const upcoming = await this.events.find({ where: { stationId: id, status: 'scheduled', endsAt: MoreThan(now) }, order: { startsAt: 'ASC' }, take: 20 });
    const parent = s.parentId ? await this.stations.findOne({ select: { id: true, code: true, name: true, level: true }, where: { id: s.parentId } }) : null;
    return {
      ...stationSummary(s, now),
      hours: s.hours,
      closures: s.closures.filter((c) => Date.parse(c.to) > now.getTime()),
      photos: s.photos,
      /** The 总站/分站 this station belongs to. */
      parent: parent ? { id: parent.id, code: parent.code, name: parent.name, level: parent.level } : null,
      events: upcoming.map(eventView),
    };
  }

  /** Which org owns a station (for granting its station master): null when there is no such station. */
  async orgOfStation(id: string): Promise<{ id: string; code: string; name: string; orgId: string } | null> {
    return this.stations.findOne({ select: { id: true, code: true, name: true, orgId: true }, where: { id } });
  }

  /** Station names by id, for staff lists. */
  async namesOf(ids: readonly string[]): Promise<Map<string, { code: string; name: string }>> {
    const unique = [...new Set(ids)];
    const found = unique.length ? await this.stations.find({ select: { id: true, code: true, name: true }, where: { id: In(unique) } }) : [];
    return new Map(found.map((s) => [s.id, { code: s.code, name: s.name }]));
  }

  /** Stations by id with what other features show and filter on (wishes' pickup stations). */
  async stationsByIds(ids: readonly string[]): Promise<Map<string, StationRef>> {
    const unique = [...new Set(ids)];
    const found = unique.length
      ? await this.stations.find({ select: { id: true, code: true, name: true, district: true, lat: true, lng: true, orgId: true, status: true }, where: { id: In(unique) } })
      : [];
    return new Map(found.map((s) => [s.id, { id: s.id, code: s.code, name: s.name, district: s.district, lat: s.lat, lng: s.lng, orgId: s.orgId, status: s.status }]));
  }

  /** Open stations within `radiusKm` of a point, nearest first (from the in-memory index, no SQL), with their distance. */
  nearIds(lat: number, lng: number, radiusKm: number, limit: number = NEARBY_LIMITS.maxLimit): Map<string, number> {
    const hits = this.index.nearby({ lat, lng, limit, radiusMeters: radiusKm * 1000, services: [], openNow: false, now: new Date() });
    return new Map(hits.map(({ station, hit }) => [station.id, hit.distanceMeters]));
  }

  // ---- upkeep -------------------------------------------------------------------------------------------

  /**
   * The stations the caller may edit, suspended ones included: a station master's own, an officer's org
   * subtree, an admin's all. Keyset-paged by code; `q` matches name or address literally, like the public search.
   */
  async manageList(user: AuthUser, q: ManageQuery, now = new Date()) {
    const qb = this.stations.createQueryBuilder('s').orderBy('s.code', 'ASC').take(PAGE + 1);
    const prefixes = this.access.scopePrefixes(user);
    if (prefixes) {
      const own = user.grants.filter((g) => g.role === 'station_master' && g.scopeRef).map((g) => g.scopeRef!);
      const scope = this.access.scopeCondition(prefixes, 'o')!;
      const parts = [
        ...(prefixes.length ? [`s.orgId IN (SELECT o.id FROM orgs o WHERE ${scope.sql})`] : []),
        ...(own.length ? ['s.id IN (:...own)'] : []),
      ];
      if (!parts.length) return { items: [], nextAfter: null };
      qb.andWhere(`(${parts.join(' OR ')})`, { ...scope.params, own });
    }
    if (q.q) {
      // `%` and `_` typed by a user are literal; `!` escapes them the same way on SQLite and MySQL.
      const pattern = `%${q.q.replace(/[!%_]/g, (c) => `!${c}`)}%`;
      qb.andWhere(`(s.name LIKE :pattern ESCAPE '!' OR s.address LIKE :pattern ESCAPE '!')`, { pattern });
    }
    if (q.after) qb.andWhere('s.code > :after', { after: q.after });
    const rows = await qb.getMany();
    const page = rows.slice(0, PAGE);
    return {
      items: page.map((s) => ({ ...stationSummary(s, now), status: s.status })),
      nextAfter: rows.length > PAGE ? page[page.length - 1].code : null,
    };
  }

  /**
   * One station as its keepers see it, whatever its status: everything the public detail shows plus the status,
   * and every event — scheduled and cancelled, upcoming and those that ended in the last 30 days.
   */
  async manageDetail(user: AuthUser, id: string, now = new Date()) {
    const s = await this.editable(user, id);
    const since = new Date(now.getTime() - MANAGE_PAST_DAYS * 86_400_000);
    const events = await this.events.find({ where: { stationId: id, endsAt: MoreThan(since) }, order: { startsAt: 'ASC' }, take: 200 });
    const parent = s.parentId ? await this.stations.findOne({ select: { id: true, code: true, name: true, level: true }, where: { id: s.parentId } }) : null;
    return {
      ...stationSummary(s, now),
      status: s.status,
      hours: s.hours,
      closures: s.closures.filter((c) => Date.parse(c.to) > now.getTime()),
      photos: s.photos,
      parent: parent ? { id: parent.id, code: parent.code, name: parent.name, level: parent.level } : null,
      events: events.map(eventView),
    };
  }

  /** Station masters their own stations; officers their org's subtree; admins all. Others: 404 (or 403 for staff roles). */
  private async editable(user: AuthUser, id: string): Promise<Station> {
    const s = await this.stations.findOneBy({ id });
    if (!s) throw DomainError.notFound();
    if (user.grants.some((g) => g.role === 'station_master' && g.scopeRef === s.id)) return s;
    const org = await this.orgs.findById(s.orgId);
    if (org && this.access.canActOnOrg(user, org)) return s;
    throw new DomainError(403, 'FORBIDDEN', '只能维护自己负责的驿站');
  }

  async update(user: AuthUser, id: string, dto: UpdateStationDto) {
    const s = await this.editable(user, id);
    if (dto.hours) {
      const problems = checkWeeklyHours(dto.hours as WeeklyHours);
      if (Object.keys(problems).length) throw DomainError.validation(Object.entries(problems).map(([field, message]) => ({ field: `hours.${field}`, message })));
    }
    for (const [i, c] of (dto.closures ?? []).entries()) {
      if (Date.parse(c.to) <= Date.parse(c.from)) throw DomainError.validation([{ field: `closures.${i}.to`, message: '结束时间应晚于开始时间' }]);
    }
    const patch: Partial<Station> = {
      ...(dto.status ? { status: dto.status } : {}),
      ...(dto.hours ? { hours: dto.hours as WeeklyHours } : {}),
      ...(dto.closures ? { closures: dto.closures as Closure[] } : {}),
      ...(dto.services ? { services: [...new Set(dto.services)].filter((c) => SERVICE_CODES.includes(c)) } : {}),
      ...(dto.phone !== undefined ? { phone: dto.phone } : {}),
      updatedAt: new Date(),
    };
    await this.tx.run(async (em) => {
      await em.update(Station, { id: s.id }, patch);
      await this.index.changed(em, [s.id]);
    });
    await this.index.rebuild([s.id]);
    return this.stations.findOneByOrFail({ id }).then((x) => ({ ...stationSummary(x, new Date()), hours: x.hours, closures: x.closures, status: x.status }));
  }

  async createEvent(user: AuthUser, stationId: string, dto: EventDto) {
    const s = await this.editable(user, stationId);
    const now = new Date();
    const { startsAt, endsAt } = this.checkTimes(dto);
    if (startsAt <= now) throw DomainError.validation([{ field: 'startsAt', message: '开始时间应晚于现在' }]);
    const e = this.events.create({ id: newId(), stationId: s.id, title: dto.title.trim(), kind: dto.kind, description: dto.description?.trim() ?? null, startsAt, endsAt, capacity: dto.capacity, signedUp: 0, status: 'scheduled', createdAt: now, updatedAt: now });
    await this.events.insert(e);
    return eventView(e);
  }

  async updateEvent(user: AuthUser, eventId: string, dto: EventDto) {
    const e = await this.events.findOneBy({ id: eventId });
    if (!e) throw DomainError.notFound();
    await this.editable(user, e.stationId);
    const { startsAt, endsAt } = this.checkTimes(dto);
    const timeChanged = startsAt.getTime() !== e.startsAt.getTime() || endsAt.getTime() !== e.endsAt.getTime();
    if (timeChanged && startsAt.getTime() <= Date.now()) throw DomainError.validation([{ field: 'startsAt', message: '开始时间应晚于现在' }]);
    if (dto.capacity < e.signedUp) throw DomainError.validation([{ field: 'capacity', message: `已有 ${e.signedUp} 人报名，名额不能少于报名人数` }]);
    const title = dto.title.trim();
    const description = dto.description?.trim() ?? null;
    await this.tx.run(async (em) => {
      // Capacity may only shrink down to the seats already taken, checked again atomically.
      const res = await em
        .createQueryBuilder()
        .update(StationEvent)
        .set({ title, kind: dto.kind, description, startsAt, endsAt, capacity: dto.capacity, updatedAt: new Date() })
        .where('id = :id AND signedUp <= :cap AND status = :s', { id: e.id, cap: dto.capacity, s: 'scheduled' })
        .execute();
      if (!res.affected) throw new DomainError(409, 'CONFLICT', '活动已取消或报名人数已变化，请刷新后重试');
      // Those signed up hear about what changes their plans (time, what it is), not about extra seats.
      if (timeChanged) {
        await this.tellSignups(em, e.id, { eventTitle: title, change: 'time', startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() });
      } else if (title !== e.title || dto.kind !== e.kind || description !== e.description) {
        await this.tellSignups(em, e.id, { eventTitle: title, change: 'info' });
      }
    });
    return eventView(await this.events.findOneByOrFail({ id: e.id }));
  }

  /** Idempotent: only the call that actually cancels tells the sign-ups. */
  async cancelEvent(user: AuthUser, eventId: string) {
    const e = await this.events.findOneBy({ id: eventId });
    if (!e) throw DomainError.notFound();
    await this.editable(user, e.stationId);
    await this.tx.run(async (em) => {
      const res = await em.update(StationEvent, { id: e.id, status: 'scheduled' }, { status: 'cancelled', updatedAt: new Date() });
      if (res.affected) await this.tellSignups(em, e.id, { eventTitle: e.title, change: 'cancelled' }, 'cancelled');
    });
    return eventView(await this.events.findOneByOrFail({ id: e.id }));
  }

  // ---- workers ------------------------------------------------------------------------------------------

  /**
   * One seat per person, only at an open station and before the event starts; the counter moves only while
   * seats remain and the event is still scheduled and ahead, so concurrency never overbooks.
   */
  async signUp(user: AuthUser, eventId: string) {
    const e = await this.events.findOneBy({ id: eventId });
    if (!e) throw DomainError.notFound('活动不存在');
    const refusal = await this.signupRefusal(e, new Date());
    if (refusal) throw refusal;
    if (await this.signups.findOneBy({ eventId, activeKey: user.id })) throw new DomainError(409, 'ALREADY_SIGNED_UP');
    try {
      await this.tx.run(async (em) => {
        const now = new Date();
        const res = await em
          .createQueryBuilder()
          .update(StationEvent)
          .set({ signedUp: () => 'signedUp + 1' })
          .where('id = :id AND signedUp < capacity AND status = :s AND startsAt > :now', { id: eventId, s: 'scheduled', now })
          .execute();
        if (!res.affected) {
          // Lost a race: tell the caller what actually happened (full, cancelled or started meanwhile).
          const fresh = await em.findOneByOrFail(StationEvent, { id: eventId });
          throw (await this.signupRefusal(fresh, now, em)) ?? new DomainError(409, 'EVENT_FULL');
        }
        await em.insert(EventSignup, { id: newId(), eventId, userId: user.id, activeKey: user.id, createdAt: now, cancelledAt: null });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError(409, 'ALREADY_SIGNED_UP');
      throw err;
    }
    return eventView(await this.events.findOneByOrFail({ id: eventId }));
  }

  /** Inside a transaction pass its manager: a second pooled connection per waiting sign-up could exhaust the pool. */
  private async signupRefusal(e: StationEvent, now: Date, em: EntityManager = this.stations.manager): Promise<DomainError | null> {
    if (e.status === 'cancelled') return new DomainError(409, 'EVENT_CANCELLED');
    if (e.endsAt <= now) return new DomainError(409, 'EVENT_OVER');
    if (e.startsAt <= now) return new DomainError(409, 'EVENT_STARTED');
    const station = await em.findOneBy(Station, { id: e.stationId });
    if (!station || station.status !== 'open') return new DomainError(409, 'STATION_SUSPENDED');
    return null;
  }

  async cancelSignup(user: AuthUser, eventId: string) {
    const mine = await this.signups.findOneBy({ eventId, activeKey: user.id });
    if (!mine) throw DomainError.notFound('你没有报名该活动');
    await this.tx.run(async (em) => {
      const res = await em.update(EventSignup, { id: mine.id, activeKey: user.id }, { activeKey: null, cancelledAt: new Date() });
      if (!res.affected) throw DomainError.notFound('你没有报名该活动');
      await em.createQueryBuilder().update(StationEvent).set({ signedUp: () => 'signedUp - 1' }).where('id = :id AND signedUp > 0', { id: eventId }).execute();
    });
    return eventView(await this.events.findOneByOrFail({ id: eventId }));
  }

  async myEvents(user: AuthUser) {
    const mine = await this.signups.find({ where: { userId: user.id, cancelledAt: IsNull() }, order: { createdAt: 'DESC' }, take: 50 });
    if (!mine.length) return [];
    const events = await this.events.findBy({ id: In(mine.map((m) => m.eventId)) });
    const stations = await this.stations.findBy({ id: In([...new Set(events.map((e) => e.stationId))]) });
    const byId = new Map(stations.map((s) => [s.id, s]));
    return events
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
      .map((e) => ({ ...eventView(e), station: { id: e.stationId, name: byId.get(e.stationId)?.name ?? '', address: byId.get(e.stationId)?.address ?? '' } }));
  }

  async rate(user: AuthUser, stationId: string, score: number, comment?: string, now = new Date()) {
    const s = await this.stations.findOneBy({ id: stationId, status: 'open' });
    if (!s) throw DomainError.notFound();
    try {
      await this.tx.run(async (em) => {
        await em.insert(StationRating, { id: newId(), stationId, userId: user.id, day: shanghaiDate(now), score, comment: comment?.trim() ?? null, createdAt: now });
        await em
          .createQueryBuilder()
          .update(Station)
          .set({ ratingSum: () => `ratingSum + ${Number(score)}`, ratingCount: () => 'ratingCount + 1' })
          .where('id = :id', { id: stationId })
          .execute();
        // The nearby list shows the average: here at once, on other replicas at their next poll (a change-log row).
        await this.index.changed(em, [stationId]);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError(409, 'ALREADY_RATED_TODAY');
      throw err;
    }
    await this.index.rebuild([stationId]);
    const fresh = await this.stations.findOneByOrFail({ id: stationId });
    return { rating: Math.round((fresh.ratingSum / fresh.ratingCount) * 10) / 10, ratingCount: fresh.ratingCount };
  }

  /**
   * Admin bulk import (RFC 4180 CSV), validated row by row: valid rows create a station or update the one with
   * that code — only in the columns the file has, so status, closures, photos and ratings kept by station masters
   * survive a re-import, and a re-run changes nothing; invalid rows are reported with line number and field.
   */
  async importCsv(csv: string) {
    const [head, ...records] = parseCsv(csv);
    const header = head?.cells.map((h) => h.trim()) ?? [];
    const problems = head?.error ? [head.error] : checkHeader(header);
    if (problems.length) throw DomainError.validation(problems.map((message) => ({ field: 'csv', message })));
    const orgs = new Map((await this.orgs.all()).map((o) => [o.code, o]));
    const errors: RowError[] = [];
    const rows: ImportRow[] = [];
    const seen = new Set<string>();
    const refusedCodes = new Set<string>();
    const codeColumn = header.indexOf('code');
    for (const rec of records) {
      const { row, errors: rowErrors } = readRow(header, rec, (code) => orgs.has(code));
      if (!row && rec.cells[codeColumn]) refusedCodes.add(rec.cells[codeColumn].trim());
      if (row && seen.has(row.code)) rowErrors.push({ line: rec.line, field: 'code', message: '编码在文件中重复' });
      errors.push(...rowErrors);
      if (row && !rowErrors.length) {
        seen.add(row.code);
        rows.push(row);
      }
    }
    const stored = await this.storedForImport(rows);
    const existing = new Map(stored.map((x) => [x.code, x]));
    const missing = REQUIRED_FOR_NEW.filter((c) => !header.includes(c));
    const candidates = rows.filter((r) => {
      if (existing.has(r.code) || !missing.length) return true;
      errors.push({ line: r.line, field: missing[0], message: `新驿站须提供这些列：${missing.join('、')}` });
      return false;
    });
    const hierarchy = checkHierarchy(candidates, stored, new Set([...refusedCodes, ...rows.filter((r) => !candidates.includes(r)).map((r) => r.code)]));
    errors.push(...hierarchy);
    const bad = new Set(hierarchy.map((e) => e.line));
    const valid = candidates.filter((r) => !bad.has(r.line));
    // New stations get their ids now, so a child later in the file can point at a parent created earlier in it.
    const ids = new Map([...stored.map((x) => [x.code, x.id] as const), ...valid.filter((r) => !existing.has(r.code)).map((r) => [r.code, newId()] as const)]);
    let created = 0;
    let updated = 0;
    await this.tx.run(async (em) => {
      const now = new Date();
      for (const r of valid) {
        const carried: Partial<Station> = {
          ...r.fields,
          ...(r.orgCode !== undefined ? { orgId: orgs.get(r.orgCode)!.id } : {}),
          ...(r.parentCode !== undefined ? { parentId: r.parentCode ? ids.get(r.parentCode)! : null } : {}),
        };
        if (existing.has(r.code)) {
          await em.update(Station, { id: existing.get(r.code)!.id }, { ...carried, updatedAt: now });
          updated++;
        } else {
          await em.insert(Station, {
            id: ids.get(r.code)!, code: r.code, parentId: null, phone: null, photos: [], closures: [], services: [], status: 'open',
            ratingSum: 0, ratingCount: 0, ...carried, createdAt: now, updatedAt: now,
          });
          created++;
        }
      }
      if (valid.length) await this.index.changed(em, valid.map((r) => ids.get(r.code)!));
    });
    if (valid.length) await this.index.rebuild(valid.map((r) => ids.get(r.code)!));
    errors.sort((a, b) => a.line - b.line);
    return { created, updated, rejected: new Set(errors.map((e) => e.line)).size, errors };
  }

  /** Stored stations the hierarchy check needs: the rows' own, their named parents, and their stored parents and children. */
  private async storedForImport(rows: ImportRow[]): Promise<StoredNode[]> {
    const select = { id: true, code: true, name: true, level: true, parentId: true } as const;
    const found = new Map<string, StoredNode>();
    const load = async (key: 'code' | 'id' | 'parentId', values: string[]) => {
      for (let i = 0; i < values.length; i += 500) {
        for (const s of await this.stations.find({ select, where: { [key]: In(values.slice(i, i + 500)) } })) found.set(s.id, s);
      }
    };
    const codes = new Set(rows.flatMap((r) => (r.parentCode ? [r.code, r.parentCode] : [r.code])));
    await load('code', [...codes]);
    const mine = [...found.values()].filter((s) => codes.has(s.code));
    await load('id', [...new Set(mine.map((s) => s.parentId).filter((p): p is string => !!p && !found.has(p)))]);
    await load('parentId', mine.map((s) => s.id));
    return [...found.values()];
  }

  // ---- internals ----------------------------------------------------------------------------------------

  private checkTimes(dto: EventDto): { startsAt: Date; endsAt: Date } {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    if (endsAt <= startsAt) throw DomainError.validation([{ field: 'endsAt', message: '结束时间应晚于开始时间' }]);
    return { startsAt, endsAt };
  }

  /** Everyone still signed up, in the transaction that made the change; a cancellation is told once however often it is asked. */
  private async tellSignups(em: EntityManager, eventId: string, change: NoticeParams<'event.changed'>, ref?: string): Promise<void> {
    const active = await em.find(EventSignup, { where: { eventId, cancelledAt: IsNull() }, select: { id: true, userId: true } });
    await this.notifications.notify(em, 'event.changed', active.map((s) => s.userId), change, ref ? { ref: `${eventId}:${ref}` } : {});
  }
}
