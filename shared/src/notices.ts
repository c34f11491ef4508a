/**
 * The notice catalogue (消息): every message the platform sends to a person, by kind. Each entry says what the
 * inbox shows (title, body, the page a tap opens) and, where the person can be reached by a WeChat subscribe
 * message, which template carries it and how its fields are filled. Senders pass only a kind and its
 * parameters; no notice text is written anywhere else.
 */
import { beijingDateTime, beijingPeriod } from './beijing-time';
import { CLAIM_STATUS_LABELS, type ClaimStatus } from './claims';
import { formatYuan } from './money';

// ---- WeChat subscribe-message templates --------------------------------------------------------------------

/** Field types of WeChat's template library and the longest value each accepts (47003 beyond it). */
export const WECHAT_FIELD_MAX: Record<WechatFieldType, number> = {
  thing: 20,
  phrase: 5,
  character_string: 32,
  time: 32,
  name: 10,
};
export type WechatFieldType = 'thing' | 'phrase' | 'character_string' | 'time' | 'name';

/** When the mini-program asks for consent: at most three templates per moment, asked on the user's tap. */
export const SUBSCRIBE_MOMENTS = ['claim', 'join', 'event', 'wish'] as const;
export type SubscribeMoment = (typeof SUBSCRIBE_MOMENTS)[number];

/**
 * The templates an operator picks in the WeChat console (public library), with the field keys those templates
 * have there. Their ids are configuration (`WECHAT_TEMPLATE_<KEY>`); a template without an id is not sent.
 */
export const WECHAT_TEMPLATES = {
  claimProgress: {
    title: '诉求办理进度通知',
    moment: 'claim',
    fields: { character_string1: 'character_string', phrase2: 'phrase', thing3: 'thing', time4: 'time' },
  },
  joinResult: {
    title: '入会审核结果通知',
    moment: 'join',
    fields: { phrase1: 'phrase', thing2: 'thing', thing3: 'thing', time4: 'time' },
  },
  eventChange: {
    title: '活动变更提醒',
    moment: 'event',
    fields: { thing1: 'thing', thing2: 'thing', time3: 'time' },
  },
  wishProgress: {
    title: '心愿进度通知',
    moment: 'wish',
    fields: { thing1: 'thing', phrase2: 'phrase', thing3: 'thing', time4: 'time' },
  },
} as const satisfies Record<string, { title: string; moment: SubscribeMoment; fields: Record<string, WechatFieldType> }>;
export type WechatTemplateKey = keyof typeof WECHAT_TEMPLATES;
export const WECHAT_TEMPLATE_KEYS = Object.keys(WECHAT_TEMPLATES) as WechatTemplateKey[];
type FieldsOf<T extends WechatTemplateKey> = Record<keyof (typeof WECHAT_TEMPLATES)[T]['fields'], string>;

/** A value cut to what its field accepts: WeChat refuses the whole message (47003) for one long field. */
export function fitWechatField(type: WechatFieldType, value: string): string {
  const max = WECHAT_FIELD_MAX[type];
  const chars = [...value.replace(/\s+/g, ' ').trim()];
  if (chars.length === 0) return type === 'phrase' ? '更新' : '—';
  if (chars.length <= max) return chars.join('');
  return type === 'thing' ? `${chars.slice(0, max - 1).join('')}…` : chars.slice(0, max).join('');
}

// ---- the catalogue ------------------------------------------------------------------------------------------

interface NoticeSpec<P, T extends WechatTemplateKey = WechatTemplateKey> {
  /** Who reads it: a worker page or a staff page. */
  audience: 'worker' | 'staff';
  title(p: P): string;
  body(p: P): string;
  /** The page a tap opens, as an app path. */
  link(p: P): string | null;
  wechat?: { template: T; fields(p: P, at: Date): FieldsOf<T> };
}

const spec = <P, T extends WechatTemplateKey = WechatTemplateKey>(s: NoticeSpec<P, T>) => s;

/** Two to five characters for the 办理状态 phrase field. */
const CLAIM_STATUS_PHRASES: Record<ClaimStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  in_progress: '调解中',
  escalated: '已上报',
  transferred: '已转交',
  resolved: '已办结',
  reopened: '重新办理',
  closed: '已关闭',
  withdrawn: '已撤回',
  referred: '转调处中心',
  arbitration: '引导仲裁',
};

const staffClaimLink = (p: { claimId: string }) => `/staff/pages/claim/index?id=${p.claimId}`;
const workerClaimLink = (p: { claimId: string }) => `/pages/claims/detail?id=${p.claimId}`;

interface ClaimRef {
  claimId: string;
  number: string;
}
/** An officer's step the worker sees: the status it led to and what the officer wrote. */
interface ClaimUpdate extends ClaimRef {
  status: ClaimStatus;
  note: string | null;
}
const claimUpdate = spec<ClaimUpdate, 'claimProgress'>({
  audience: 'worker',
  title: (p) => `诉求 ${p.number}：${CLAIM_STATUS_LABELS[p.status]}`,
  body: (p) => p.note ?? CLAIM_STATUS_LABELS[p.status],
  link: workerClaimLink,
  wechat: {
    template: 'claimProgress',
    fields: (p, at) => ({ character_string1: p.number, phrase2: CLAIM_STATUS_PHRASES[p.status], thing3: p.note ?? CLAIM_STATUS_LABELS[p.status], time4: beijingDateTime(at) }),
  },
});

interface Application {
  applicationId: string;
  orgName: string;
  transfer: boolean;
}
interface EventChange {
  eventTitle: string;
  change: 'time' | 'info' | 'cancelled';
  /** ISO instants, with `change: 'time'`. */
  startsAt?: string;
  endsAt?: string;
}
const EVENT_CHANGE_TITLES: Record<EventChange['change'], string> = { time: '活动时间有变更', info: '活动信息有变更', cancelled: '活动已取消' };
/** Role names as a granted person reads them (kept here: shared/roles labels the role in lists). */
const STAFF_ROLE_NAMES = { officer: '工会干部', station_master: '驿站站长', merchant: '商户', admin: '市总管理员' } as const;
const eventPeriod = (p: EventChange) => beijingPeriod(new Date(p.startsAt!), new Date(p.endsAt!));

/** A micro-wish named in a notice: its id (for the link), number and title. Never the wisher's name. */
interface WishRef {
  wishId: string;
  number: string;
  title: string;
}
const wishLink = (p: WishRef) => `/pages/wish/detail?id=${p.wishId}`;
/** The officer's screening editor, and the station master's handover list. */
const screenLink = (p: WishRef) => `/staff/pages/wish-screen/index?id=${p.wishId}`;
const handoverLink = () => '/staff/pages/wish-handover/index';
/** The wish's step as a WeChat 心愿进度通知: the wish, a short status, what it means. */
const wishProgress = <P extends WishRef>(phrase: string, note: (p: P) => string) => ({
  template: 'wishProgress' as const,
  fields: (p: P, at: Date) => ({ thing1: p.title, phrase2: phrase, thing3: note(p), time4: beijingDateTime(at) }),
});

export const NOTICES = {
  // claims, to the officers handling them
  'claim.assigned': spec<ClaimRef & { by: 'routing' | 'officer' }>({
    audience: 'staff',
    title: () => '新的职工诉求',
    body: (p) => (p.by === 'officer' ? `${p.number} 已指定由你承办` : `${p.number}：请在 1 个工作日内受理`),
    link: staffClaimLink,
  }),
  'claim.escalated': spec<ClaimRef>({
    audience: 'staff',
    title: () => '下级工会上报的诉求',
    body: (p) => `${p.number}：请在 1 个工作日内受理`,
    link: staffClaimLink,
  }),
  'claim.message': spec<ClaimRef>({
    audience: 'staff',
    title: () => '职工补充了诉求信息',
    body: (p) => `${p.number}：职工补充了新的情况，请查看`,
    link: staffClaimLink,
  }),
  'claim.withdrawn': spec<ClaimRef>({
    audience: 'staff',
    title: () => '职工撤回了诉求',
    body: (p) => `${p.number}：职工已撤回，无需继续办理`,
    link: staffClaimLink,
  }),
  'claim.reopened': spec<ClaimRef & { score: number | null }>({
    audience: 'staff',
    title: () => '诉求被重新打开',
    body: (p) => `诉求 ${p.number} 被职工评为 ${p.score ?? '—'} 分并申请重新办理`,
    link: staffClaimLink,
  }),
  // claims, to the worker: one kind per officer step they see
  'claim.accept': claimUpdate,
  'claim.reply': claimUpdate,
  'claim.escalate': claimUpdate,
  'claim.transfer': claimUpdate,
  'claim.resolve': claimUpdate,
  // claims, second half (issue 13): the SLA clock, tiers and the law, agreements
  'claim.deadline_half': spec<ClaimRef & { deadline: 'first_response' | 'mediation'; dueAt: string }>({
    audience: 'staff',
    title: () => '诉求期限已过半',
    body: (p) => `${p.number}：${p.deadline === 'first_response' ? '受理' : '调解'}期限 ${beijingDateTime(new Date(p.dueAt))} 到期，请抓紧办理`,
    link: staffClaimLink,
  }),
  'claim.overdue': spec<ClaimRef & { deadline: 'first_response' | 'mediation'; dueAt: string; supervisor: boolean }>({
    audience: 'staff',
    title: (p) => (p.supervisor ? '下级工会的诉求已超期' : '诉求已超期'),
    body: (p) => `${p.number}：${p.deadline === 'first_response' ? '受理' : '调解'}期限已于 ${beijingDateTime(new Date(p.dueAt))} 到期`,
    link: staffClaimLink,
  }),
  'claim.digest': spec<{ count: number; numbers: string[] }>({
    audience: 'staff',
    title: (p) => `你有 ${p.count} 件诉求已超期`,
    body: (p) => `${p.numbers.join('、')}${p.count > p.numbers.length ? ` 等 ${p.count} 件` : ''}已超过办理期限，请尽快处理。`,
    link: () => '/staff/pages/claims/index?overdue=true',
  }),
  'claim.auto_escalated': spec<ClaimRef>({
    audience: 'staff',
    title: () => '超期未受理的诉求已转到你处',
    body: (p) => `${p.number}：下级工会超期未受理，系统已自动上报，请在 1 个工作日内受理`,
    link: staffClaimLink,
  }),
  'claim.referred': spec<ClaimRef & { auto: boolean }>({
    audience: 'staff',
    title: () => '转来联动调处中心的诉求',
    body: (p) => `${p.number}：${p.auto ? '工会调解超期，系统已自动转来' : '工会调解的疑难诉求已转来'}，请在 1 个工作日内受理`,
    link: staffClaimLink,
  }),
  'claim.auto_escalate': claimUpdate,
  'claim.refer': claimUpdate,
  'claim.auto_refer': claimUpdate,
  'claim.arbitration_right': spec<ClaimRef & { date: string }, 'claimProgress'>({
    audience: 'worker',
    title: (p) => `诉求 ${p.number}：调解已满 15 天`,
    body: (p) => `调解组织收到你的申请已满 15 天（${p.date}）。依法你可以申请劳动仲裁；也可以同意继续调解。请打开诉求选择「继续调解」或「申请仲裁」。`,
    link: workerClaimLink,
    wechat: {
      template: 'claimProgress',
      fields: (p, at) => ({ character_string1: p.number, phrase2: '请选择', thing3: '调解满15天，可申请仲裁或继续调解', time4: beijingDateTime(at) }),
    },
  }),
  'claim.mediation_consent': spec<ClaimRef>({
    audience: 'staff',
    title: () => '职工同意继续调解',
    body: (p) => `${p.number}：调解已满 15 天，职工同意继续调解`,
    link: staffClaimLink,
  }),
  'claim.arbitration_chosen': spec<ClaimRef>({
    audience: 'staff',
    title: () => '职工选择申请仲裁',
    body: (p) => `${p.number}：职工选择申请劳动仲裁，请跟进并记录仲裁或诉讼结果`,
    link: staffClaimLink,
  }),
  'claim.payment_due': spec<ClaimRef & { amountFen: number; dueDate: string }, 'claimProgress'>({
    audience: 'worker',
    title: (p) => `诉求 ${p.number}：约定款项是否已收到？`,
    body: (p) => `调解协议约定 ${p.dueDate} 前支付 ${formatYuan(p.amountFen)}。请打开诉求告诉我们是否已收到。`,
    link: workerClaimLink,
    wechat: {
      template: 'claimProgress',
      fields: (p, at) => ({ character_string1: p.number, phrase2: '请确认', thing3: `约定款项${formatYuan(p.amountFen)}是否已收到`, time4: beijingDateTime(at) }),
    },
  }),
  'claim.payment_received': spec<ClaimRef & { amountFen: number }>({
    audience: 'staff',
    title: () => '职工确认已收到约定款项',
    body: (p) => `${p.number}：职工确认收到 ${formatYuan(p.amountFen)}`,
    link: staffClaimLink,
  }),
  'claim.payment_missed': spec<ClaimRef & { amountFen: number; dueDate: string }>({
    audience: 'staff',
    title: () => '调解协议未履行，诉求已重新打开',
    body: (p) => `${p.number}：约定 ${p.dueDate} 支付的 ${formatYuan(p.amountFen)} 职工未收到，请重新受理并告知其申请支付令的途径`,
    link: staffClaimLink,
  }),
  // joining and transfers
  'membership.submitted': spec<Application>({
    audience: 'worker',
    title: (p) => (p.transfer ? '会员转移申请已提交' : '入会申请已提交'),
    body: (p) => `${p.orgName} 将尽快审核，结果会通过消息通知你。`,
    link: (p) => `/pages/join/status?id=${p.applicationId}`,
  }),
  'membership.approved': spec<Application & { memberNo: string }, 'joinResult'>({
    audience: 'worker',
    title: (p) => (p.transfer ? '会员转移已完成' : '入会申请已通过'),
    body: (p) => `欢迎加入${p.orgName}！会员号 ${p.memberNo}，可在「我的 → 会员卡」出示电子会员卡。`,
    link: () => '/pages/card/index',
    wechat: { template: 'joinResult', fields: (p, at) => ({ phrase1: '已通过', thing2: p.orgName, thing3: `会员号 ${p.memberNo}`, time4: beijingDateTime(at) }) },
  }),
  'membership.rejected': spec<Application & { reason: string }, 'joinResult'>({
    audience: 'worker',
    title: (p) => (p.transfer ? '会员转移申请未通过' : '入会申请未通过'),
    body: (p) => `${p.orgName}：${p.reason}`,
    link: (p) => `/pages/join/status?id=${p.applicationId}`,
    wechat: { template: 'joinResult', fields: (p, at) => ({ phrase1: '未通过', thing2: p.orgName, thing3: p.reason, time4: beijingDateTime(at) }) },
  }),
  // staff roles, to the person who now holds one (an invitation by mobile attaches at their first SMS login)
  'staff.granted': spec<{ role: 'officer' | 'station_master' | 'merchant' | 'admin'; scopeName: string }>({
    audience: 'staff',
    title: (p) => `你已成为${p.scopeName}的${STAFF_ROLE_NAMES[p.role]}`,
    body: (p) => `${p.scopeName}已为你开通${STAFF_ROLE_NAMES[p.role]}权限，可在「我的 → 工作台」使用相关功能。`,
    link: () => '/staff/pages/home/index',
  }),
  // micro-wishes: the wisher's steps also go out as 心愿进度通知 (WeChat); staff notices (to_screen, at_station) are inbox only
  'wish.to_screen': spec<WishRef & { dueDate: string }>({
    audience: 'staff',
    title: () => '新的微心愿待审核',
    body: (p) => `${p.number}「${p.title}」：请在 ${p.dueDate} 前审核`,
    link: screenLink,
  }),
  'wish.approved': spec<WishRef, 'wishProgress'>({
    audience: 'worker',
    title: () => '你的心愿已上墙',
    body: (p) => `「${p.title}」已通过审核，发布在心愿墙上，等待爱心人士认领。`,
    link: wishLink,
    wechat: wishProgress<WishRef>('已上墙', () => '等待爱心人士认领'),
  }),
  'wish.rejected': spec<WishRef & { reason: string }, 'wishProgress'>({
    audience: 'worker',
    title: () => '你的心愿未通过审核',
    body: (p) => `「${p.title}」：${p.reason}`,
    link: wishLink,
    wechat: wishProgress<WishRef & { reason: string }>('未通过', (p) => p.reason),
  }),
  'wish.claimed': spec<WishRef & { donor: string }, 'wishProgress'>({
    audience: 'worker',
    title: () => '你的心愿被认领了',
    body: (p) => `「${p.title}」已由${p.donor}认领，送达后会通知你。`,
    link: wishLink,
    wechat: wishProgress<WishRef & { donor: string }>('已认领', (p) => `由${p.donor}认领`),
  }),
  'wish.delivered': spec<WishRef & { handover: 'station' | 'direct'; stationName: string }, 'wishProgress'>({
    audience: 'worker',
    title: (p) => (p.handover === 'station' ? '心愿礼物已到驿站' : '心愿礼物已送达'),
    body: (p) =>
      p.handover === 'station'
        ? `「${p.title}」已送到${p.stationName}，请带上电子会员卡前往领取。`
        : `「${p.title}」爱心人士已当面送达，收到后请确认并写下感谢。`,
    link: wishLink,
    wechat: wishProgress<WishRef & { handover: 'station' | 'direct'; stationName: string }>('已送达', (p) => (p.handover === 'station' ? `请到${p.stationName}领取` : '收到后请确认')),
  }),
  'wish.picked_up': spec<WishRef, 'wishProgress'>({
    audience: 'worker',
    title: () => '心愿礼物已领取',
    body: (p) => `「${p.title}」已领取，请确认收到并写一句感谢的话。`,
    link: wishLink,
    wechat: wishProgress<WishRef>('已领取', () => '请确认收到并写下感谢'),
  }),
  'wish.expired': spec<WishRef, 'wishProgress'>({
    audience: 'worker',
    title: () => '心愿已到期下墙',
    body: (p) => `「${p.title}」在心愿墙上 30 天未被认领，已下墙。你可以重新发布。`,
    link: wishLink,
    wechat: wishProgress<WishRef>('已下墙', () => '30 天未被认领，可重新发布'),
  }),
  'wish.confirm_reminder': spec<WishRef, 'wishProgress'>({
    audience: 'worker',
    title: () => '请确认收到心愿礼物',
    body: (p) => `「${p.title}」已送达 3 天，收到后请确认并写下感谢。`,
    link: wishLink,
    wechat: wishProgress<WishRef>('待确认', () => '收到后请确认并写下感谢'),
  }),
  'wish.closed': spec<WishRef & { note: string }, 'wishProgress'>({
    audience: 'worker',
    title: () => '心愿已关闭',
    body: (p) => `「${p.title}」：${p.note}`,
    link: wishLink,
    wechat: wishProgress<WishRef & { note: string }>('已关闭', (p) => p.note),
  }),
  'wish.released': spec<WishRef & { reason: 'expired' | 'donor' }, 'wishProgress'>({
    audience: 'worker',
    title: () => '认领的心愿已释放',
    body: (p) => (p.reason === 'expired' ? `「${p.title}」认领 7 天未送达，已回到心愿墙。` : `你已放弃认领「${p.title}」，它已回到心愿墙。`),
    link: wishLink,
    wechat: wishProgress<WishRef & { reason: 'expired' | 'donor' }>('已释放', (p) => (p.reason === 'expired' ? '7 天未送达，已回到心愿墙' : '已回到心愿墙')),
  }),
  'wish.fulfilled': spec<WishRef & { thanks: string | null }, 'wishProgress'>({
    audience: 'worker',
    title: () => '你帮助的心愿已圆梦',
    body: (p) => (p.thanks ? `「${p.title}」已圆梦。职工说：${p.thanks}` : `「${p.title}」已圆梦，谢谢你的爱心！`),
    link: wishLink,
    wechat: wishProgress<WishRef & { thanks: string | null }>('已圆梦', (p) => p.thanks ?? '谢谢你的爱心'),
  }),
  'wish.at_station': spec<WishRef & { stationName: string }>({
    audience: 'staff',
    title: () => '有心愿礼物送到驿站',
    body: (p) => `${p.number}「${p.title}」已送到${p.stationName}，请核对后签收。`,
    link: handoverLink,
  }),
  // member benefits (inbox only: no WeChat template is mapped for them yet)
  'benefit.expiring': spec<{ couponId: string; title: string; campaignTitle: string; validUntil: string }>({
    audience: 'worker',
    title: () => '你的优惠券快到期了',
    body: (p) => `「${p.campaignTitle}」的${p.title}将于 ${p.validUntil} 到期，记得在合作商户使用。`,
    link: (p) => `/pages/benefit/coupon?id=${p.couponId}`,
  }),
  'benefit.proposal_rejected': spec<{ campaignId: string; title: string; reason: string }>({
    audience: 'staff',
    title: () => '优惠活动申请未通过',
    body: (p) => `「${p.title}」未通过审批：${p.reason}`,
    link: (p) => `/staff/pages/campaign-edit/index?id=${p.campaignId}`,
  }),
  'benefit.stock_mismatch': spec<{ campaignId: string; title: string; stock: number; remaining: number; claimed: number }>({
    audience: 'staff',
    title: () => '优惠活动库存核对异常',
    body: (p) => `「${p.title}」总量 ${p.stock}，剩余 ${p.remaining} + 已领 ${p.claimed} 不相符，请检查。`,
    link: () => '/staff/pages/campaigns/index',
  }),
  // station events, to those signed up: what changes their plans (the time, what it is, a cancellation)
  'event.changed': spec<EventChange, 'eventChange'>({
    audience: 'worker',
    title: (p) => EVENT_CHANGE_TITLES[p.change],
    body: (p) =>
      p.change === 'time'
        ? `「${p.eventTitle}」的时间改为 ${eventPeriod(p)}，请合理安排。`
        : p.change === 'info'
          ? `「${p.eventTitle}」的内容已更新，请查看最新安排。`
          : `很抱歉，「${p.eventTitle}」已取消。`,
    link: () => '/pages/events/mine',
    wechat: {
      template: 'eventChange',
      fields: (p, at) => ({ thing1: p.eventTitle, thing2: p.change === 'time' ? `改为 ${eventPeriod(p)}` : EVENT_CHANGE_TITLES[p.change], time3: beijingDateTime(at) }),
    },
  }),
};

export type NoticeKind = keyof typeof NOTICES;
export type NoticeParams<K extends NoticeKind> = Parameters<(typeof NOTICES)[K]['title']>[0];
export const NOTICE_KINDS = Object.keys(NOTICES) as NoticeKind[];

export interface RenderedNotice {
  kind: NoticeKind;
  title: string;
  body: string;
  link: string | null;
  /** Present when the kind travels by WeChat too: the template and its fields, each fitted to its type. */
  wechat: { template: WechatTemplateKey; page: string | null; data: Record<string, { value: string }> } | null;
}

/** What a notice says, from its kind and parameters: the only way notice text is made. */
export function renderNotice<K extends NoticeKind>(kind: K, params: NoticeParams<K>, at: Date = new Date()): RenderedNotice {
  const s = NOTICES[kind] as unknown as NoticeSpec<NoticeParams<K>>;
  const link = s.link(params);
  let wechat: RenderedNotice['wechat'] = null;
  if (s.wechat) {
    const types = WECHAT_TEMPLATES[s.wechat.template].fields as Record<string, WechatFieldType>;
    const fields = s.wechat.fields(params, at) as Record<string, string>;
    const data = Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, { value: fitWechatField(types[key], value) }]));
    // WeChat wants the page without the leading slash; the query string is kept.
    wechat = { template: s.wechat.template, page: link ? link.replace(/^\//, '') : null, data };
  }
  return { kind, title: s.title(params), body: s.body(params), link, wechat };
}
