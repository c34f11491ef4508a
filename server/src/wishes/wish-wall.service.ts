import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { WALL_FILTERS, type WallFilter, type WishStatus, type WishWallPage } from '@nuanxin/shared';
import { Repository } from 'typeorm';
import { AccessService } from '../common/access.service';
import type { AuthUser } from '../common/auth-user';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { OrgsService } from '../orgs/orgs.service';
import { StationsService } from '../stations/stations.service';
import type { QueueQuery, WallQuery } from './dto/wish.dto';
import { wallFilterOf, WishViews } from './wish-views';
import { Wish } from './wish.entity';

const PAGE = 20;
const WALL_STATUSES = Object.values(WALL_FILTERS).flatMap((f) => f.statuses) as WishStatus[];
const AT_STATION: WishStatus[] = ['claimed', 'delivered', 'received', 'picked_up'];

/**
 * Every list query of wishes, in one file: the wall (filters, near a point through the stations index, keyset pages
 * newest on the wall first, the three counts in one grouped query), the officers' screening queue (deadline order,
 * overdue first), and the lists of one wisher, one donor and one station master.
 */
@Injectable()
export class WishWall {
  constructor(
    @InjectRepository(Wish) private readonly wishes: Repository<Wish>,
    private readonly views: WishViews,
    private readonly stations: StationsService,
    private readonly orgs: OrgsService,
    private readonly access: AccessService,
  ) {}

  async wall(q: WallQuery): Promise<WishWallPage> {
    const filter: WallFilter = q.filter ?? 'open';
    const point = q.lat !== undefined && q.lng !== undefined ? { lat: q.lat, lng: q.lng } : null;
    const near = point && q.radiusKm ? [...this.stations.nearIds(point.lat, point.lng, q.radiusKm, 500).keys()] : null;
    const filtered = (statuses: readonly WishStatus[]) => {
      const qb = this.wishes.createQueryBuilder('w').where('w.status IN (:...statuses)', { statuses });
      if (q.category) qb.andWhere('w.category = :category', { category: q.category });
      if (q.district) qb.andWhere('w.district = :district', { district: q.district });
      if (near) qb.andWhere(near.length ? 'w.stationId IN (:...near)' : '1 = 0', { near });
      return qb;
    };
    const page = filtered(WALL_FILTERS[filter].statuses).orderBy('w.publishedAt', 'DESC').addOrderBy('w.id', 'DESC').take(PAGE + 1);
    if (q.cursor) {
      const c = decodeCursor(q.cursor);
      page.andWhere('(w.publishedAt < :at OR (w.publishedAt = :at AND w.id < :cid))', { at: c.at, cid: c.id });
    }
    const [rows, grouped] = await Promise.all([
      page.getMany(),
      filtered(WALL_STATUSES).select('w.status', 'status').addSelect('COUNT(*)', 'n').groupBy('w.status').getRawMany<{ status: WishStatus; n: string | number }>(),
    ]);
    const counts: Record<WallFilter, number> = { open: 0, claimed: 0, fulfilled: 0 };
    for (const g of grouped) counts[wallFilterOf(g.status)!] += Number(g.n);
    const items = rows.slice(0, PAGE);
    const last = items[items.length - 1];
    return { items: await this.views.wall(items, point), nextCursor: rows.length > PAGE ? encodeCursor({ submittedAt: last.publishedAt!, id: last.id }) : null, counts };
  }

  /** The officer's queue in their subtrees: by screening deadline (overdue first), then posting time. */
  async queue(user: AuthUser, q: QueueQuery) {
    const qb = this.wishes.createQueryBuilder('w').where('w.status = :status', { status: q.status ?? 'screening' });
    const scope = this.orgs.inSubtrees('w.orgId', this.access.scopePrefixes(user));
    if (scope) qb.andWhere(scope.sql, scope.params);
    if (q.cursor) {
      const c = decodeCursor(q.cursor);
      qb.andWhere('(w.screeningDueAt > :at OR (w.screeningDueAt = :at AND w.id > :cid))', { at: c.at, cid: c.id });
    }
    const rows = await qb.orderBy('w.screeningDueAt', 'ASC').addOrderBy('w.id', 'ASC').take(PAGE + 1).getMany();
    const items = rows.slice(0, PAGE);
    const last = items[items.length - 1];
    return {
      items: await this.views.details(items.map((wish) => ({ wish, viewer: 'officer' as const }))),
      nextCursor: rows.length > PAGE ? encodeCursor({ submittedAt: last.screeningDueAt, id: last.id }) : null,
    };
  }

  /**
   * The officer's handover list: their subtree's wishes between claim and confirmation (on the way, at the station,
   * picked up, or handed over directly and unconfirmed), the longest-waiting first, so a stuck gift is followed up
   * and one unconfirmed 14 days after handover can be closed (`actions` then holds `close`).
   */
  async handovers(user: AuthUser) {
    const qb = this.wishes.createQueryBuilder('w').where('w.status IN (:...st)', { st: AT_STATION });
    const scope = this.orgs.inSubtrees('w.orgId', this.access.scopePrefixes(user));
    if (scope) qb.andWhere(scope.sql, scope.params);
    const rows = await qb.orderBy('w.updatedAt', 'ASC').addOrderBy('w.id', 'ASC').take(100).getMany();
    return this.views.details(rows.map((wish) => ({ wish, viewer: 'officer' as const })));
  }

  async mine(user: AuthUser) {
    const rows = await this.wishes.find({ where: { wisherId: user.id }, order: { postedAt: 'DESC', id: 'DESC' }, take: 50 });
    return this.views.details(rows.map((wish) => ({ wish, viewer: 'wisher' as const })));
  }

  /** The wishes the caller holds or held as donor (released ones are no longer theirs). */
  async claimedBy(user: AuthUser) {
    const rows = await this.wishes.find({ where: { donorId: user.id }, order: { claimedAt: 'DESC', id: 'DESC' }, take: 50 });
    return this.views.details(rows.map((wish) => ({ wish, viewer: 'donor' as const })));
  }

  /** For a station master: wishes on their way to, or waiting at, their stations. */
  async atMyStations(user: AuthUser) {
    const mine = user.grants.filter((g) => g.role === 'station_master' && g.scopeRef).map((g) => g.scopeRef!);
    if (!mine.length) return [];
    const rows: Wish[] = await this.wishes
      .createQueryBuilder('w')
      .where('w.stationId IN (:...mine)', { mine })
      .andWhere('w.status IN (:...st)', { st: AT_STATION })
      .andWhere('w.handover = :h', { h: 'station' })
      .orderBy('w.updatedAt', 'DESC')
      .addOrderBy('w.id', 'DESC')
      .take(100)
      .getMany();
    return this.views.details(rows.map((wish) => ({ wish, viewer: 'station' as const })));
  }
}
