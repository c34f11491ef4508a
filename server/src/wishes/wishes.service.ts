import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  findPersonalData,
  formatWishNumber,
  HELD_WISH_STATUSES,
  nextWishStatus,
  OPEN_WISH_STATUSES,
  PERSONAL_DATA_MESSAGES,
  shanghaiDate,
  startOfBeijingDay,
  wisherAlias,
  WISH_RULES,
  WISH_STATUS_LABELS,
  type WishAction,
  type WishActor,
  type WishDetail,
  type WishPostingRules,
  type WishStatus,
  type WishViewer,
} from '@nuanxin/shared';
import { In, IsNull, LessThan, Not, Repository, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { AccessService } from '../common/access.service';
import type { AuthUser } from '../common/auth-user';
import { isUniqueViolation } from '../common/db-errors';
import { DomainError } from '../common/domain-error';
import { nextValue } from '../counters/counters';
import { newId } from '../database/columns';
import { TransactionService } from '../database/transaction.service';
import { MembershipsService } from '../memberships/memberships.service';
import { NotificationsService, type PendingNotice } from '../notifications/notifications.service';
import type { Org } from '../orgs/org.entity';
import { OrgsService } from '../orgs/orgs.service';
import { StationsService } from '../stations/stations.service';
import { UsersService } from '../users/users.service';
import type { ApproveWishDto, ClaimWishDto, DeliverWishDto, PostWishDto } from './dto/wish.dto';
import { WishEvent } from './wish-event.entity';
import { WishPhotos } from './wish-photos.service';
import { WishSettings } from './wish-settings.service';
import { handedOverAt, WishViews } from './wish-views';
import { Wish } from './wish.entity';

const DAY = 86400_000;
/** Statuses anyone signed in may look at (the wall's). */
const ON_WALL: readonly WishStatus[] = ['published', 'claimed', 'delivered', 'received', 'picked_up', 'fulfilled'];
/** Statuses in which the pickup station's master takes part. */
const AT_STATION: readonly WishStatus[] = ['claimed', 'delivered', 'received', 'picked_up', 'fulfilled', 'closed'];
/** Statuses whose wishes count against the yearly limit (a cancelled or rejected wish does not). */
const NOT_COUNTED: WishStatus[] = ['cancelled', 'rejected'];


interface Step {
  action: WishAction;
  actor: WishActor;
  actorId: string | null;
  note?: string | null;
  data?: Record<string, unknown>;
  patch?: Partial<Wish>;
  /** Extra conditions of the guarded update (a job's "and still due"). */
  guard?: FindOptionsWhere<Wish>;
  /** Work in the same transaction once the status changed (attach a photo). */
  then?: (em: EntityManager) => Promise<void>;
  tell?: PendingNotice[];
}

interface Loaded {
  wish: Wish;
  /** Every part the caller plays in this wish (an officer may also be its donor). */
  roles: Set<WishViewer>;
}

/**
 * Micro-wishes (微心愿): every action goes through `act`/`transition`, which asks the shared state machine,
 * compare-and-sets the status, writes the timeline event and sends the notices in one transaction. The wall and
 * lists (`WishWall`), views (`WishViews`), photos (`WishPhotos`) and org limits (`WishSettings`) live beside it.
 */
@Injectable()
export class WishesService {
  constructor(
    @InjectRepository(Wish) private readonly wishes: Repository<Wish>,
    private readonly views: WishViews,
    private readonly photos: WishPhotos,
    private readonly settings: WishSettings,
    private readonly orgs: OrgsService,
    private readonly users: UsersService,
    private readonly memberships: MembershipsService,
    private readonly stations: StationsService,
    private readonly calendar: CalendarService,
    private readonly access: AccessService,
    private readonly tx: TransactionService,
    private readonly notifications: NotificationsService,
  ) {}

  // ---- wisher -------------------------------------------------------------------------------------------

  async rules(user: AuthUser, now = new Date()): Promise<WishPostingRules> {
    const orgId = await this.memberships.activeOrgOf(user.id);
    const org = orgId ? await this.orgs.findById(orgId) : null;
    const limits = org ? await this.settings.effective(org) : { valueCapFen: WISH_RULES.defaultValueCapFen, yearlyLimit: WISH_RULES.defaultYearlyLimit };
    const usedThisYear = await this.usedThisYear(user.id, now);
    const open = await this.wishes.findOne({ where: { openKey: user.id }, select: { id: true } });
    return {
      member: !!org,
      valueCapFen: limits.valueCapFen,
      yearlyLimit: limits.yearlyLimit,
      usedThisYear,
      openWishId: open?.id ?? null,
      canPost: !!org && !open && usedThisYear < limits.yearlyLimit,
    };
  }

  async post(user: AuthUser, dto: PostWishDto, now = new Date()): Promise<WishDetail> {
    const memberOrgId = await this.memberships.activeOrgOf(user.id);
    const memberOrg = memberOrgId ? await this.orgs.findById(memberOrgId) : null;
    if (!memberOrg) throw new DomainError(403, 'NOT_A_MEMBER', '发布微心愿需要先成为工会会员，请先申请入会');
    const station = (await this.stations.stationsByIds([dto.stationId])).get(dto.stationId);
    if (!station || station.status !== 'open') throw DomainError.validation([{ field: 'stationId', message: '该驿站不存在或已停用，请重新选择领取驿站' }]);
    const limits = await this.settings.effective(memberOrg);
    WishSettings.checkValue(dto.valueFen, limits.valueCapFen);
    if (await this.wishes.existsBy({ openKey: user.id })) throw new DomainError(409, 'WISH_OPEN_EXISTS');
    if ((await this.usedThisYear(user.id, now)) >= limits.yearlyLimit) {
      throw new DomainError(409, 'WISH_YEARLY_LIMIT', `每年最多发布 ${limits.yearlyLimit} 个心愿，今年的次数已用完`);
    }
    if (dto.photoId) await this.photos.checkUnattached(user.id, dto.photoId, 'photoId');
    const name = await this.memberships.memberNameOf(user.id);
    const screener = await this.screeningOrg(memberOrg);
    const officers = await this.users.officersOf(screener.id);
    const due = this.calendar.addWorkingDays(now, WISH_RULES.screeningWorkdays);
    const id = newId();
    const year = Number(shanghaiDate(now).slice(0, 4));
    try {
      await this.tx.run(async (em) => {
        const wish = em.create(Wish, {
          id,
          number: formatWishNumber(year, await nextValue(em, `wish-no:${year}`)),
          wisherId: user.id,
          openKey: user.id,
          alias: wisherAlias(name, dto.anonymous ?? false),
          anonymous: dto.anonymous ?? false,
          orgId: screener.id,
          memberOrgId: memberOrg.id,
          category: dto.category,
          title: dto.title.trim(),
          story: dto.story.trim(),
          valueFen: dto.valueFen,
          photoId: dto.photoId ?? null,
          stationId: station.id,
          district: station.district,
          status: 'screening',
          handover: 'station',
          donorId: null,
          donorType: null,
          donorName: null,
          deliveryPhotoId: null,
          rejectReason: null,
          thanks: null,
          closeNote: null,
          postedAt: now,
          screeningDueAt: due.due,
          screeningDueEstimated: due.estimated,
          decidedAt: null,
          publishedAt: null,
          claimedAt: null,
          deliveredAt: null,
          receivedAt: null,
          pickedUpAt: null,
          fulfilledAt: null,
          endedAt: null,
          remindedAt: null,
          updatedAt: now,
        });
        await em.insert(Wish, wish);
        if (dto.photoId) await this.photos.attach(em, user.id, dto.photoId, id, 'photoId');
        const eventId = await this.writeEvent(em, wish, { kind: 'posted', actor: 'wisher', actorId: user.id, from: 'screening', to: 'screening', note: `已提交，由${screener.name}审核` });
        await this.notifications.pending('wish.to_screen', officers, { ...ref(wish), dueDate: shanghaiDate(due.due) })(em, eventId);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError(409, 'WISH_OPEN_EXISTS');
      throw err;
    }
    return this.one(user, id);
  }

  cancel(user: AuthUser, id: string, reason?: string) {
    return this.act(user, id, { action: 'cancel', actor: 'wisher', actorId: user.id, note: reason?.trim() || '职工撤回了心愿' });
  }

  confirm(user: AuthUser, id: string, thanks?: string) {
    const text = thanks?.trim() || null;
    return this.act(user, id, { action: 'confirm', actor: 'wisher', actorId: user.id, note: text, patch: { fulfilledAt: new Date(), thanks: text } }, (w) => [
      this.notifications.pending('wish.fulfilled', [w.donorId], { ...ref(w), thanks: text }),
    ]);
  }

  /** A thank-you after confirming without one: written once, the donor hears it. */
  async thank(user: AuthUser, id: string, thanks: string): Promise<WishDetail> {
    const wish = await this.loadAs(user, id, 'wisher');
    const text = thanks.trim();
    const ok = await this.tx.run(async (em) => {
      const res = await em.update(Wish, { id, status: 'fulfilled', thanks: IsNull() }, { thanks: text, updatedAt: new Date() });
      if (!res.affected) return false;
      const eventId = await this.writeEvent(em, wish, { kind: 'thanks', actor: 'wisher', actorId: user.id, from: 'fulfilled', to: 'fulfilled', note: text });
      await this.notifications.pending('wish.fulfilled', [wish.donorId], { ...ref(wish), thanks: text })(em, eventId);
      return true;
    });
    if (!ok) throw new DomainError(409, 'WISH_ACTION_NOT_ALLOWED', '只能为已圆梦且还没写感谢的心愿写一次感谢');
    return this.one(user, id);
  }

  // ---- officer ------------------------------------------------------------------------------------------

  async approve(user: AuthUser, id: string, dto: ApproveWishDto) {
    const wish = await this.loadAs(user, id, 'officer');
    const title = dto.title?.trim() ?? wish.title;
    const story = dto.story?.trim() ?? wish.story;
    const hits = [...findPersonalData(title).map((h) => ({ field: 'title', message: PERSONAL_DATA_MESSAGES[h] })), ...findPersonalData(story).map((h) => ({ field: 'story', message: PERSONAL_DATA_MESSAGES[h] }))];
    if (hits.length) throw DomainError.validation(hits, '心愿内容里还有个人信息，请删去后再通过');
    const edited = title !== wish.title || story !== wish.story;
    const now = new Date();
    return this.act(
      user,
      id,
      {
        action: 'approve',
        actor: 'officer',
        actorId: user.id,
        note: edited ? '审核通过，已删去个人信息后发布' : '审核通过，已发布到心愿墙',
        data: edited ? { before: { title: wish.title, story: wish.story } } : undefined,
        patch: { title, story, publishedAt: now, decidedAt: now, ...(dto.removePhoto ? { photoId: null } : {}) },
      },
      (w) => [this.notifications.pending('wish.approved', [w.wisherId], { ...ref(w), title })],
    );
  }

  reject(user: AuthUser, id: string, reason: string) {
    const text = reason.trim();
    return this.act(user, id, { action: 'reject', actor: 'officer', actorId: user.id, note: text, patch: { rejectReason: text, decidedAt: new Date() } }, (w) => [
      this.notifications.pending('wish.rejected', [w.wisherId], { ...ref(w), reason: text }),
    ]);
  }

  /** 14 days after pickup (or a direct delivery) without confirmation, an officer may close it with a note. */
  async close(user: AuthUser, id: string, note: string, now = new Date()) {
    const wish = await this.loadAs(user, id, 'officer');
    const handed = handedOverAt(wish);
    if (!handed || handed.getTime() > now.getTime() - WISH_RULES.closeAfterDays * DAY) {
      if (nextWishStatus(wish.status, 'close', 'officer', wish.handover)) throw new DomainError(409, 'WISH_CLOSE_TOO_EARLY');
    }
    const text = note.trim();
    return this.act(user, id, { action: 'close', actor: 'officer', actorId: user.id, note: text, patch: { closeNote: text } }, (w) => [
      this.notifications.pending('wish.closed', [w.wisherId, w.donorId], { ...ref(w), note: text }),
    ]);
  }

  // ---- donor --------------------------------------------------------------------------------------------

  /**
   * First claim wins: the status moves only by `UPDATE … WHERE id = ? AND status = 'published'`, so of any number of
   * concurrent claims exactly one changes the row; the others answer 409 WISH_TAKEN. The donor's own claims are
   * serialised by a per-donor counter row (its UPDATE takes the row lock on MySQL) before their held wishes are
   * counted, so the limit of 3 holds under concurrency too.
   */
  async claim(user: AuthUser, id: string, dto: ClaimWishDto): Promise<WishDetail> {
    const { wish, roles } = await this.load(user, id);
    if (roles.has('wisher')) throw new DomainError(409, 'WISH_OWN');
    if (wish.status !== 'published') throw new DomainError(409, wish.donorId ? 'WISH_TAKEN' : 'WISH_ACTION_NOT_ALLOWED');
    const display = dto.anonymous || !dto.displayName?.trim() ? '匿名' : dto.displayName.trim();
    const ok = await this.tx.run(async (em) => {
      // counter names hold 40 characters: `wd:` + the donor's id
      await nextValue(em, `wd:${user.id}`);
      const held = await em.count(Wish, { where: { donorId: user.id, status: In([...HELD_WISH_STATUSES]) } });
      if (held >= WISH_RULES.donorOpenClaimsMax) throw new DomainError(409, 'WISH_DONOR_LIMIT');
      return this.transition(em, wish, {
        action: 'claim',
        actor: 'donor',
        actorId: user.id,
        note: `${display}认领了心愿`,
        patch: { donorId: user.id, donorType: dto.donorType, donorName: display, claimedAt: new Date(), handover: 'station' },
        tell: [this.notifications.pending('wish.claimed', [wish.wisherId], { ...ref(wish), donor: display })],
      });
    });
    if (!ok) throw new DomainError(409, 'WISH_TAKEN');
    return this.one(user, id);
  }

  release(user: AuthUser, id: string, reason?: string) {
    return this.act(user, id, {
      action: 'release',
      actor: 'donor',
      actorId: user.id,
      note: reason?.trim() || '认领人放弃了认领，心愿回到心愿墙',
      // back on the wall: its 30 days there start again
      patch: { donorId: null, donorType: null, donorName: null, claimedAt: null, publishedAt: new Date() },
    });
  }

  async deliver(user: AuthUser, id: string, dto: DeliverWishDto) {
    const wish = await this.loadAs(user, id, 'donor');
    await this.photos.checkUnattached(user.id, dto.photoId, 'photoId');
    const station = (await this.stations.stationsByIds([wish.stationId])).get(wish.stationId);
    const stationName = station?.name ?? '驿站';
    const masters = dto.handover === 'station' ? await this.users.mastersOf(wish.stationId) : [];
    return this.act(
      user,
      id,
      {
        action: 'deliver',
        actor: 'donor',
        actorId: user.id,
        note: dto.note?.trim() || (dto.handover === 'station' ? `已送到${stationName}` : '已当面交给职工'),
        patch: { handover: dto.handover, deliveredAt: new Date(), deliveryPhotoId: dto.photoId },
        then: (em) => this.photos.attach(em, user.id, dto.photoId, id, 'photoId'),
      },
      (w) =>
        dto.handover === 'station'
          ? [this.notifications.pending('wish.at_station', masters, { ...ref(w), stationName })]
          : [this.notifications.pending('wish.delivered', [w.wisherId], { ...ref(w), handover: 'direct', stationName })],
    );
  }

  // ---- station master -----------------------------------------------------------------------------------

  async receive(user: AuthUser, id: string) {
    const wish = await this.loadAs(user, id, 'station');
    const stationName = (await this.stations.stationsByIds([wish.stationId])).get(wish.stationId)?.name ?? '驿站';
    return this.act(user, id, { action: 'receive', actor: 'station', actorId: user.id, note: `${stationName}已签收`, patch: { receivedAt: new Date() } }, (w) => [
      this.notifications.pending('wish.delivered', [w.wisherId], { ...ref(w), handover: 'station', stationName }),
    ]);
  }

  /** The wisher shows their member card; the master scans it here, and only the wisher's own active card hands it over. */
  async pickup(user: AuthUser, id: string, cardToken: string) {
    const wish = await this.loadAs(user, id, 'station');
    const holder = await this.memberships.cardHolder(cardToken);
    if (!holder || holder.userId !== wish.wisherId) throw new DomainError(400, 'WISH_CARD_MISMATCH');
    return this.act(user, id, { action: 'pickup', actor: 'station', actorId: user.id, note: '职工出示会员码后领取', patch: { pickedUpAt: new Date() } }, (w) => [
      this.notifications.pending('wish.picked_up', [w.wisherId], ref(w)),
    ]);
  }

  // ---- anyone with a part in it -------------------------------------------------------------------------

  async one(user: AuthUser, id: string): Promise<WishDetail> {
    const { wish, roles } = await this.load(user, id);
    return (await this.views.details([{ wish, viewer: viewerOf(roles) }]))[0];
  }

  /** A wish's own photo: whoever may see the wish; a delivery photo: only the people taking part. */
  async mayReadPhoto(user: AuthUser, wishId: string, photoId: string): Promise<boolean> {
    const loaded = await this.load(user, wishId).catch(() => null);
    if (!loaded) return false;
    if (loaded.wish.photoId === photoId) return true;
    return loaded.wish.deliveryPhotoId === photoId && viewerOf(loaded.roles) !== 'public';
  }

  // ---- the jobs room ------------------------------------------------------------------------------------

  /**
   * Timed changes, each a guarded state change (only the replica whose update changed the row writes the event
   * and notifies): 30 days on the wall unclaimed → expired; held 7 days undelivered → back on the wall; 3 days
   * after pickup (or direct delivery) unconfirmed → one reminder; unattached photos older than a day → removed.
   */
  async housekeeping(now = new Date()): Promise<{ expired: number; released: number; reminded: number; photos: number }> {
    const wallCutoff = new Date(now.getTime() - WISH_RULES.wallDays * DAY);
    const holdCutoff = new Date(now.getTime() - WISH_RULES.holdDays * DAY);
    const remindCutoff = new Date(now.getTime() - WISH_RULES.confirmReminderDays * DAY);
    let expired = 0;
    for (const w of await this.wishes.find({ where: { status: 'published', publishedAt: LessThan(wallCutoff) }, take: 500 })) {
      const ok = await this.tx.run((em) =>
        this.transition(em, w, {
          action: 'expire',
          actor: 'system',
          actorId: null,
          note: `在心愿墙上 ${WISH_RULES.wallDays} 天未被认领，已下墙`,
          guard: { publishedAt: LessThan(wallCutoff) },
          tell: [this.notifications.pending('wish.expired', [w.wisherId], ref(w))],
        }),
      );
      if (ok) expired++;
    }
    let released = 0;
    for (const w of await this.wishes.find({ where: { status: 'claimed', claimedAt: LessThan(holdCutoff) }, take: 500 })) {
      const ok = await this.tx.run((em) =>
        this.transition(em, w, {
          action: 'hold_expire',
          actor: 'system',
          actorId: null,
          note: `认领 ${WISH_RULES.holdDays} 天未送达，心愿回到心愿墙`,
          guard: { claimedAt: LessThan(holdCutoff) },
          patch: { donorId: null, donorType: null, donorName: null, claimedAt: null, publishedAt: now },
          tell: [this.notifications.pending('wish.released', [w.donorId], { ...ref(w), reason: 'expired' })],
        }),
      );
      if (ok) released++;
    }
    let reminded = 0;
    const due = await this.wishes.find({
      where: [
        { status: 'picked_up', pickedUpAt: LessThan(remindCutoff), remindedAt: IsNull() },
        { status: 'delivered', handover: 'direct', deliveredAt: LessThan(remindCutoff), remindedAt: IsNull() },
      ],
      take: 500,
    });
    for (const w of due) {
      const ok = await this.tx.run(async (em) => {
        const res = await em.update(Wish, { id: w.id, status: w.status, remindedAt: IsNull() }, { remindedAt: now });
        if (!res.affected) return false;
        const eventId = await this.writeEvent(em, w, { kind: 'remind', actor: 'system', actorId: null, from: w.status, to: w.status, note: '已提醒职工确认收到' });
        await this.notifications.pending('wish.confirm_reminder', [w.wisherId], ref(w))(em, eventId);
        return true;
      });
      if (ok) reminded++;
    }
    return { expired, released, reminded, photos: await this.photos.purgeOrphans(now) };
  }

  // ---- internals ----------------------------------------------------------------------------------------

  /** Whoever has no part in a wish that is not on the wall gets 404, so its existence does not leak. */
  private async load(user: AuthUser, id: string): Promise<Loaded> {
    const wish = await this.wishes.findOneBy({ id });
    if (!wish) throw DomainError.notFound();
    const roles = new Set<WishViewer>();
    if (wish.wisherId === user.id) roles.add('wisher');
    if (wish.donorId === user.id) roles.add('donor');
    if (AT_STATION.includes(wish.status) && user.grants.some((g) => g.role === 'station_master' && g.scopeRef === wish.stationId)) roles.add('station');
    if (user.grants.some((g) => g.role === 'officer' || g.role === 'admin')) {
      const org = await this.orgs.findById(wish.orgId);
      if (org && this.access.canActOnOrg(user, org)) roles.add('officer');
    }
    if (ON_WALL.includes(wish.status)) roles.add('public');
    if (!roles.size) throw DomainError.notFound();
    return { wish, roles };
  }

  /** The wish when the caller plays `role` in it; 404 to strangers, 403 to others who may see it. */
  private async loadAs(user: AuthUser, id: string, role: WishViewer): Promise<Wish> {
    const { wish, roles } = await this.load(user, id);
    if (!roles.has(role)) throw DomainError.forbidden();
    return wish;
  }

  /** `notices` names who else hears of the step, given the wish as it was loaded (before the step). */
  private async act(user: AuthUser, id: string, step: Step, notices?: (wish: Wish) => PendingNotice[]): Promise<WishDetail> {
    const { wish, roles } = await this.load(user, id);
    if (!roles.has(step.actor as WishViewer)) throw DomainError.forbidden();
    const ok = await this.tx.run((em) => this.transition(em, wish, { ...step, tell: [...(step.tell ?? []), ...(notices?.(wish) ?? [])] }));
    if (!ok) throw new DomainError(409, 'WISH_STATE_CHANGED');
    return this.one(user, id);
  }

  /**
   * Asks the state machine, then compare-and-sets the status (and the row's version, `updatedAt`) so two
   * concurrent actions cannot both apply; false when the wish moved underneath. The timeline event, the step's own
   * work and every notice are written in the caller's transaction. A wish leaving the open statuses frees its
   * wisher's one open wish.
   */
  private async transition(em: EntityManager, wish: Wish, step: Step): Promise<boolean> {
    const handover = step.patch?.handover ?? wish.handover;
    const next = nextWishStatus(wish.status, step.action, step.actor, handover);
    if (!next) throw new DomainError(409, 'WISH_ACTION_NOT_ALLOWED', `当前状态「${WISH_STATUS_LABELS[wish.status]}」下不能执行此操作`);
    const now = new Date();
    const ends = !OPEN_WISH_STATUSES.includes(next);
    const res = await em.update(
      Wish,
      { ...step.guard, id: wish.id, status: wish.status, updatedAt: wish.updatedAt },
      { ...step.patch, status: next, updatedAt: now, ...(ends ? { openKey: null, endedAt: now } : {}) },
    );
    if (!res.affected) return false;
    const eventId = await this.writeEvent(em, wish, { kind: step.action, actor: step.actor, actorId: step.actorId, from: wish.status, to: next, note: step.note ?? null, data: step.data });
    await step.then?.(em);
    for (const t of step.tell ?? []) await t(em, eventId);
    return true;
  }


  private async writeEvent(
    em: EntityManager,
    wish: Wish,
    e: { kind: string; actor: WishActor; actorId: string | null; from: WishStatus; to: WishStatus; note?: string | null; data?: Record<string, unknown> },
  ): Promise<string> {
    const seq = (await em.count(WishEvent, { where: { wishId: wish.id } })) + 1;
    const id = newId();
    await em.insert(WishEvent, {
      id,
      wishId: wish.id,
      at: new Date(),
      seq,
      actorId: e.actorId,
      actorRole: e.actor,
      kind: e.kind,
      fromStatus: e.from,
      toStatus: e.to,
      note: e.note ?? null,
      data: e.data ? JSON.stringify(e.data) : null,
    });
    return id;
  }

  /** Screened by the officers of the wisher's membership org; an org without officers hands it up the tree. */
  private async screeningOrg(start: Org): Promise<Org> {
    let org: Org | null = start;
    while (org) {
      if ((await this.users.officersOf(org.id)).length) return org;
      org = org.parentId ? await this.orgs.findById(org.parentId) : null;
    }
    return start;
  }

  private usedThisYear(userId: string, now: Date): Promise<number> {
    const year = shanghaiDate(now).slice(0, 4);
    const since = startOfBeijingDay(new Date(`${year}-01-01T12:00:00Z`));
    return this.wishes.count({ where: { wisherId: userId, postedAt: Not(LessThan(since)), status: Not(In(NOT_COUNTED)) } });
  }
}

/** The most telling part the caller plays: their own wish, their claim, their station, their district, else the wall. */
function viewerOf(roles: Set<WishViewer>): WishViewer {
  return (['wisher', 'donor', 'station', 'officer', 'public'] as const).find((r) => roles.has(r))!;
}

const ref = (w: Pick<Wish, 'id' | 'number' | 'title'>) => ({ wishId: w.id, number: w.number, title: w.title });
