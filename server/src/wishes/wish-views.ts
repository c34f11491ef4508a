import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  allowedWishActions,
  findPersonalData,
  haversineMeters,
  WALL_FILTERS,
  WISH_RULES,
  WISH_STATUS_LABELS,
  type WallFilter,
  type WishActor,
  type WishDetail,
  type WishStatus,
  type WishTimelineEntry,
  type WishViewer,
  type WishWallItem,
} from '@nuanxin/shared';
import { In, Repository } from 'typeorm';
import { OrgsService } from '../orgs/orgs.service';
import { StationsService, type StationRef } from '../stations/stations.service';
import { WishEvent } from './wish-event.entity';
import { Wish } from './wish.entity';

const DAY = 86400_000;
const SHOWS_DONOR: readonly WishStatus[] = ['claimed', 'delivered', 'received', 'picked_up', 'fulfilled', 'closed'];
const VIEWER_ACTOR: Record<Exclude<WishViewer, 'public'>, WishActor> = { wisher: 'wisher', donor: 'donor', station: 'station', officer: 'officer' };

export function wallFilterOf(status: WishStatus): WallFilter | null {
  for (const [key, f] of Object.entries(WALL_FILTERS)) if ((f.statuses as readonly WishStatus[]).includes(status)) return key as WallFilter;
  return null;
}

/** When a handed-over wish may be closed by an officer, or the confirm reminder is due: counted from pickup (station) or delivery (direct). */
export const handedOverAt = (w: Pick<Wish, 'pickedUpAt' | 'deliveredAt'>): Date | null => w.pickedUpAt ?? w.deliveredAt;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The row's `publishedAt` is the wall's clock (reset when a released wish goes back up); the first publication is
 * the approval (`decidedAt`), which is the posted date shown and where the publish→fulfil days are counted from.
 */
export const firstPublishedAt = (w: Pick<Wish, 'publishedAt' | 'decidedAt'>): Date | null => (w.publishedAt ? (w.decidedAt ?? w.publishedAt) : null);

/**
 * What each viewer sees of a wish, built in batches (stations, timelines and orgs in one query each, never one per
 * row). Whoever the viewer, the wisher appears only as the alias made at posting: no name, mobile, ID number or
 * employer is ever read here.
 */
@Injectable()
export class WishViews {
  constructor(
    @InjectRepository(WishEvent) private readonly events: Repository<WishEvent>,
    private readonly stations: StationsService,
    private readonly orgs: OrgsService,
  ) {}

  async wall(list: Wish[], point?: { lat: number; lng: number } | null): Promise<WishWallItem[]> {
    const stations = await this.stations.stationsByIds(list.map((w) => w.stationId));
    return list.map((w) => wallItem(w, stations.get(w.stationId), point ?? null));
  }

  async details(list: Array<{ wish: Wish; viewer: WishViewer }>, now = new Date()): Promise<WishDetail[]> {
    const ids = list.filter((x) => x.viewer !== 'public').map((x) => x.wish.id);
    const [stations, events, orgs] = await Promise.all([
      this.stations.stationsByIds(list.map((x) => x.wish.stationId)),
      ids.length ? this.events.find({ where: { wishId: In(ids) }, order: { seq: 'ASC' } }) : Promise.resolve([]),
      this.orgs.findByIds(list.filter((x) => x.viewer === 'officer').map((x) => x.wish.orgId)),
    ]);
    const byWish = new Map<string, WishTimelineEntry[]>();
    for (const e of events) {
      const entry: WishTimelineEntry = { at: e.at.toISOString(), kind: e.kind as WishTimelineEntry['kind'], by: e.actorRole, from: e.fromStatus, to: e.toStatus, note: e.note };
      byWish.set(e.wishId, [...(byWish.get(e.wishId) ?? []), entry]);
    }
    const orgById = new Map(orgs.map((o) => [o.id, o]));
    return list.map(({ wish: w, viewer }) => {
      const party = viewer !== 'public';
      const officer = viewer === 'officer';
      const org = officer ? orgById.get(w.orgId) : undefined;
      return {
        ...wallItem(w, stations.get(w.stationId), null),
        viewer,
        number: party ? w.number : null,
        statusLabel: WISH_STATUS_LABELS[w.status],
        handover: w.handover,
        actions: actionsFor(w, viewer, now),
        timeline: party ? (byWish.get(w.id) ?? []) : [],
        postedAt: party ? iso(w.postedAt) : null,
        claimedAt: party ? iso(w.claimedAt) : null,
        holdUntil: party && w.status === 'claimed' && w.claimedAt ? new Date(w.claimedAt.getTime() + WISH_RULES.holdDays * DAY).toISOString() : null,
        deliveredAt: party ? iso(w.deliveredAt) : null,
        deliveryPhotoId: party ? w.deliveryPhotoId : null,
        fulfilledAt: iso(w.fulfilledAt),
        rejectReason: viewer === 'wisher' || officer ? w.rejectReason : null,
        anonymous: viewer === 'wisher' ? w.anonymous : null,
        screeningDueAt: officer ? w.screeningDueAt.toISOString() : null,
        overdue: officer ? w.status === 'screening' && w.screeningDueAt < now : null,
        personalData: officer ? findPersonalData(`${w.title}\n${w.story}`) : null,
        org: org ? { code: org.code, name: org.name } : null,
      };
    });
  }
}

function wallItem(w: Wish, station: StationRef | undefined, point: { lat: number; lng: number } | null): WishWallItem {
  return {
    id: w.id,
    category: w.category,
    title: w.title,
    story: w.story,
    valueFen: w.valueFen,
    district: w.district,
    station: { id: w.stationId, code: station?.code ?? '', name: station?.name ?? '', district: station?.district ?? w.district },
    distanceMeters: point && station ? Math.round(haversineMeters(point.lat, point.lng, station.lat, station.lng)) : null,
    wisher: w.alias,
    status: w.status,
    wall: wallFilterOf(w.status),
    publishedAt: iso(firstPublishedAt(w)),
    wallUntil: w.status === 'published' && w.publishedAt ? new Date(w.publishedAt.getTime() + WISH_RULES.wallDays * DAY).toISOString() : null,
    donor: SHOWS_DONOR.includes(w.status) ? w.donorName : null,
    thanks: w.status === 'fulfilled' ? w.thanks : null,
    photoId: w.photoId,
  };
}

function actionsFor(w: Wish, viewer: WishViewer, now: Date): WishDetail['actions'] {
  if (viewer === 'public') return w.status === 'published' ? ['claim'] : [];
  const closable = (handedOverAt(w)?.getTime() ?? Infinity) <= now.getTime() - WISH_RULES.closeAfterDays * DAY;
  const out: WishDetail['actions'] = allowedWishActions(w.status, VIEWER_ACTOR[viewer], w.handover).filter((a) => a !== 'close' || closable);
  if (viewer === 'wisher' && w.status === 'fulfilled' && !w.thanks) out.push('thank');
  return out;
}
