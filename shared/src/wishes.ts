/**
 * Micro-wishes (微心愿): categories, statuses, the state machine as data, limits, and the personal-data check
 * on free text. Enforced by the server; the mini-program shows what the rules allow.
 * The API built on these rules (the CONTRACT both sides build to): docs/api.md, section "Micro-wishes (微心愿)".
 */
import { normalizeIdNumber, isValidIdNumber } from './id-number';

export const WISH_CATEGORIES = [
  { code: 'daily', label: '生活用品' },
  { code: 'study', label: '子女学习' },
  { code: 'health', label: '健康医疗' },
  { code: 'festival', label: '节日关怀' },
  { code: 'skills', label: '技能提升' },
  { code: 'other', label: '其他' },
] as const;
export type WishCategory = (typeof WISH_CATEGORIES)[number]['code'];
export const WISH_CATEGORY_CODES: readonly WishCategory[] = WISH_CATEGORIES.map((c) => c.code);

export const WISH_STATUSES = ['screening', 'rejected', 'published', 'claimed', 'delivered', 'received', 'picked_up', 'fulfilled', 'expired', 'cancelled', 'closed'] as const;
export type WishStatus = (typeof WISH_STATUSES)[number];

export const WISH_STATUS_LABELS: Record<WishStatus, string> = {
  screening: '待审核',
  rejected: '未通过',
  published: '待认领',
  claimed: '已认领',
  delivered: '已送达',
  received: '驿站已签收',
  picked_up: '已领取',
  fulfilled: '已圆梦',
  expired: '已过期',
  cancelled: '已撤回',
  closed: '已关闭',
};

/** The three counts the wall shows, and which statuses each covers. */
export const WALL_FILTERS = {
  open: { label: '待认领', statuses: ['published'] },
  claimed: { label: '已认领', statuses: ['claimed', 'delivered', 'received', 'picked_up'] },
  fulfilled: { label: '已圆梦', statuses: ['fulfilled'] },
} as const satisfies Record<string, { label: string; statuses: readonly WishStatus[] }>;
export type WallFilter = keyof typeof WALL_FILTERS;

/** `wisher`: the member who posted; `donor`: who claimed; `station`: the pickup station's master; `officer`: screening org subtree. */
export type WishActor = 'wisher' | 'donor' | 'station' | 'officer' | 'system';

export const WISH_ACTIONS = ['approve', 'reject', 'cancel', 'claim', 'release', 'hold_expire', 'expire', 'deliver', 'receive', 'pickup', 'confirm', 'close'] as const;
export type WishAction = (typeof WISH_ACTIONS)[number];

/** How the gift reaches the wisher: left at the pickup station, or handed over by the donor in person. */
export type WishHandover = 'station' | 'direct';

interface WishRule {
  from: readonly WishStatus[];
  to: WishStatus;
  by: WishActor;
  /** Only for wishes handed over this way (unset = either). */
  handover?: WishHandover;
}

/**
 * The whole machine: who may do what from which status, and where it leads.
 * At the station: claimed → delivered (donor, with a photo) → received (master) → picked_up (master, after
 * verifying the wisher's member card) → fulfilled (wisher confirms and thanks). Directly: claimed → delivered
 * (donor, with a photo) → fulfilled (wisher confirms and thanks).
 */
export const WISH_TRANSITIONS: Record<WishAction, WishRule> = {
  approve: { from: ['screening'], to: 'published', by: 'officer' },
  reject: { from: ['screening'], to: 'rejected', by: 'officer' },
  cancel: { from: ['screening', 'published'], to: 'cancelled', by: 'wisher' },
  claim: { from: ['published'], to: 'claimed', by: 'donor' },
  release: { from: ['claimed'], to: 'published', by: 'donor' },
  hold_expire: { from: ['claimed'], to: 'published', by: 'system' },
  expire: { from: ['published'], to: 'expired', by: 'system' },
  deliver: { from: ['claimed'], to: 'delivered', by: 'donor' },
  receive: { from: ['delivered'], to: 'received', by: 'station', handover: 'station' },
  pickup: { from: ['received'], to: 'picked_up', by: 'station', handover: 'station' },
  confirm: { from: ['picked_up', 'delivered'], to: 'fulfilled', by: 'wisher' },
  close: { from: ['delivered', 'received', 'picked_up'], to: 'closed', by: 'officer' },
};

/** The next status, or null when the action is not allowed for that actor in that status and handover. */
export function nextWishStatus(status: WishStatus, action: WishAction, actor: WishActor, handover: WishHandover): WishStatus | null {
  const rule = WISH_TRANSITIONS[action];
  if (rule.by !== actor || !rule.from.includes(status)) return null;
  if (rule.handover && rule.handover !== handover) return null;
  // At a station the wisher confirms after pickup; handed over directly, right after delivery.
  if (action === 'confirm' && status === 'delivered' && handover !== 'direct') return null;
  if (action === 'confirm' && status === 'picked_up' && handover !== 'station') return null;
  return rule.to;
}

export function allowedWishActions(status: WishStatus, actor: WishActor, handover: WishHandover): WishAction[] {
  return WISH_ACTIONS.filter((a) => nextWishStatus(status, a, actor, handover) !== null);
}

/** Statuses in which the wish still occupies its wisher's one open wish. */
export const OPEN_WISH_STATUSES: readonly WishStatus[] = ['screening', 'published', 'claimed', 'delivered', 'received', 'picked_up'];
/** Statuses in which a donor's claim is still open (counts against the donor's limit). */
export const HELD_WISH_STATUSES: readonly WishStatus[] = ['claimed', 'delivered', 'received', 'picked_up'];

export const WISH_RULES = {
  titleMax: 20,
  storyMax: 300,
  thanksMax: 200,
  /** Per-org defaults; an org's officers may change them. */
  defaultValueCapFen: 50_000,
  defaultYearlyLimit: 2,
  openLimit: 1,
  screeningWorkdays: 3,
  wallDays: 30,
  holdDays: 7,
  donorOpenClaimsMax: 3,
  /** After pickup (or a direct delivery): a reminder to confirm after 3 days; an officer may close after 14. */
  confirmReminderDays: 3,
  closeAfterDays: 14,
  photoBytesMax: 5 * 1024 * 1024,
} as const;

export const WISH_DONOR_TYPES = [
  { code: 'person', label: '个人' },
  { code: 'company', label: '企业' },
  { code: 'cadre', label: '工会干部' },
  { code: 'volunteer', label: '志愿者' },
] as const;
export type WishDonorType = (typeof WISH_DONOR_TYPES)[number]['code'];

/** No cash or cash-like gifts: the form says so, the officer checks it. */
export const WISH_FORBIDDEN_NOTE = '不接受现金、红包、购物卡、代金券等现金类心愿';

/** How the wisher appears on the wall: never the full name. */
export function wisherAlias(name: string | null, anonymous: boolean): string {
  const surname = name?.trim() ? [...name.trim()][0] : null;
  return anonymous || !surname ? '匿名' : `${surname}师傅`;
}

export type PersonalDataHit = 'mobile' | 'id_number';

/**
 * Text that looks like a mainland mobile or an ID number (the wall must show neither): flagged to the wisher
 * before submitting and to the officer when screening. Digits split by spaces or dashes count too.
 */
export function findPersonalData(text: string): PersonalDataHit[] {
  const hits = new Set<PersonalDataHit>();
  const compact = text.replace(/[\s-]/g, '');
  if (/(^|\D)1[3-9]\d{9}(?!\d)/.test(compact)) hits.add('mobile');
  for (const m of compact.matchAll(/(?:^|[^\dXx])(\d{17}[\dXx])(?![\dXx])/g)) {
    if (isValidIdNumber(normalizeIdNumber(m[1]))) hits.add('id_number');
  }
  return [...hits];
}

export const PERSONAL_DATA_MESSAGES: Record<PersonalDataHit, string> = {
  mobile: '内容里像是有手机号，心愿墙会公开展示，请删去',
  id_number: '内容里像是有身份证号，心愿墙会公开展示，请删去',
};

/** `XY2026000123`: 心愿, year, six-digit sequence. */
export function formatWishNumber(year: number, seq: number): string {
  return `XY${year}${String(seq).padStart(6, '0')}`;
}

// ---- the API's shapes (server answers, mini-program reads) --------------------------------------------------

/** The pickup station as the wall shows it. */
export interface WishStationRef {
  id: string;
  code: string;
  name: string;
  district: string;
}

/** One card on the wall: no name, mobile, ID number, employer or photo of the wisher — only their alias. */
export interface WishWallItem {
  id: string;
  category: WishCategory;
  title: string;
  story: string;
  valueFen: number;
  district: string;
  station: WishStationRef;
  /** Metres from the point asked about (`lat`/`lng`), else null. */
  distanceMeters: number | null;
  /** `<surname>师傅` or 匿名. */
  wisher: string;
  status: WishStatus;
  /** Which of the wall's three counts the wish is in (null when it is off the wall). */
  wall: WallFilter | null;
  /**
   * When it first went on the wall (ISO): the posted date the wall shows. A wish back on the wall (its donor released
   * it, or the hold ran out) keeps this date; only its 30 days there start again (`wallUntil`).
   */
  publishedAt: string | null;
  /** While 待认领: when it leaves the wall unclaimed (30 days after it last went on the wall); else null. */
  wallUntil: string | null;
  /** The donor's display name or 匿名, once claimed. */
  donor: string | null;
  /** The wisher's thank-you, once fulfilled. */
  thanks: string | null;
  /** The wish's own photo (of the item, never of the person): `GET /api/wishes/photos/:id`. */
  photoId: string | null;
}

export interface WishWallPage {
  items: WishWallItem[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** With the same category/district/near filters: how many wishes each wall filter holds. */
  counts: Record<WallFilter, number>;
}

export type WishViewer = 'wisher' | 'donor' | 'station' | 'officer' | 'public';

export interface WishTimelineEntry {
  at: string;
  /** The action, or `posted` / `thanks` / `remind`. */
  kind: WishAction | 'posted' | 'thanks' | 'remind';
  by: WishActor;
  from: WishStatus;
  to: WishStatus;
  note: string | null;
}

/** One wish as its viewer may see it (`viewer`). Parties see the number, timeline and handover; only the wisher sees their own choices. */
export interface WishDetail extends WishWallItem {
  viewer: WishViewer;
  number: string | null;
  statusLabel: string;
  handover: WishHandover;
  /** What the viewer may do now (`thank` = add the thank-you to a fulfilled wish that has none). */
  actions: Array<WishAction | 'thank'>;
  timeline: WishTimelineEntry[];
  postedAt: string | null;
  /** Parties only. */
  claimedAt: string | null;
  /** When an unfinished hold goes back to the wall (claimed only). */
  holdUntil: string | null;
  deliveredAt: string | null;
  deliveryPhotoId: string | null;
  fulfilledAt: string | null;
  /** Wisher and officer. */
  rejectReason: string | null;
  /** Wisher only: whether the wall shows 匿名. */
  anonymous: boolean | null;
  /** Officer only: the screening deadline, whether it is overdue, and personal data found in the text. */
  screeningDueAt: string | null;
  overdue: boolean | null;
  personalData: PersonalDataHit[] | null;
  org: { code: string; name: string } | null;
}

export interface WishPage {
  items: WishDetail[];
  nextCursor: string | null;
}

/** What the post form needs: whether the caller may post, and the limits of their org. */
export interface WishPostingRules {
  member: boolean;
  valueCapFen: number;
  yearlyLimit: number;
  usedThisYear: number;
  /** The caller's open wish, if any (one at a time). */
  openWishId: string | null;
  canPost: boolean;
}

export interface WishOrgSettings {
  orgCode: string;
  valueCapFen: number;
  yearlyLimit: number;
  /** True when the values come from an ancestor org or the defaults, not this org itself. */
  inherited: boolean;
}

export interface WishStats {
  orgCode: string;
  posted: number;
  published: number;
  claimed: number;
  fulfilled: number;
  /** Median whole days from going on the wall to 已圆梦; null without any. */
  medianDaysToFulfil: number | null;
}
