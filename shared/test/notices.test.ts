import fc from 'fast-check';
import { fitWechatField, NOTICE_KINDS, renderNotice, WECHAT_FIELD_MAX, WECHAT_TEMPLATES, type NoticeKind, type NoticeParams } from '../src';

const claim = { claimId: 'c0ffee00-0000-4000-8000-000000000001', number: 'XM2026000123' };
const app = { applicationId: 'a0ffee00-0000-4000-8000-000000000002', orgName: '美团厦门骑手联合工会', transfer: false };
const wish = { wishId: 'd0ffee00-0000-4000-8000-000000000003', number: 'XY2026000007', title: '给孩子的新书包' };
/** One parameter set per kind: the test fails to compile when a kind is added without one. */
const SAMPLES: { [K in NoticeKind]: NoticeParams<K> } = {
  'claim.assigned': { ...claim, by: 'routing' },
  'claim.escalated': claim,
  'claim.message': claim,
  'claim.withdrawn': claim,
  'claim.reopened': { ...claim, score: 2 },
  'claim.accept': { ...claim, status: 'accepted', note: '思明区总工会已受理，将在 3 个工作日内完成调解' },
  'claim.reply': { ...claim, status: 'in_progress', note: '已联系站点负责人，明天下午给你答复，请保持电话畅通，谢谢你的耐心' },
  'claim.escalate': { ...claim, status: 'escalated', note: null },
  'claim.transfer': { ...claim, status: 'transferred', note: '已转交劳动监察' },
  'claim.resolve': { ...claim, status: 'resolved', note: '已追回工资 3,200 元' },
  'membership.submitted': app,
  'membership.approved': { ...app, memberNo: 'XM2026000042' },
  'membership.rejected': { ...app, reason: '身份证号与姓名不一致，请核对后重新提交申请材料' },
  'staff.granted': { role: 'officer', scopeName: '思明区总工会' },
  'wish.to_screen': { ...wish, dueDate: '12月7日' },
  'wish.approved': wish,
  'wish.rejected': { ...wish, reason: '心愿内容含有个人联系方式，请删去后重新发布' },
  'wish.claimed': { ...wish, donor: '思明区总工会 王干部' },
  'wish.delivered': { ...wish, handover: 'station', stationName: '中山路工会驿站' },
  'wish.picked_up': wish,
  'wish.expired': wish,
  'wish.confirm_reminder': wish,
  'wish.closed': { ...wish, note: '已电话确认收到' },
  'wish.released': { ...wish, reason: 'expired' },
  'wish.fulfilled': { ...wish, thanks: '书包很好看，孩子很喜欢，谢谢你！' },
  'wish.at_station': { ...wish, stationName: '中山路工会驿站' },
  'benefit.expiring': { couponId: 'e0ffee00-0000-4000-8000-000000000004', title: '满100减20', campaignTitle: '五一职工消费券', validUntil: '12月5日' },
  'benefit.proposal_rejected': { campaignId: 'f0ffee00-0000-4000-8000-000000000005', title: '骑手午餐满30减5', reason: '减免力度与其他商户不一致，请调整后重新提交' },
  'benefit.stock_mismatch': { campaignId: 'f0ffee00-0000-4000-8000-000000000005', title: '五一职工消费券', stock: 5000, remaining: 10, claimed: 4991 },
  'event.changed': { eventTitle: '驿站读书会', change: 'time', startsAt: '2026-12-05T06:00:00.000Z', endsAt: '2026-12-05T08:00:00.000Z' },
};
const AT = new Date('2026-12-02T06:05:00.000Z');

describe('notice catalogue', () => {
  it.each(NOTICE_KINDS)('%s renders a title, a body and an app link within the inbox columns', (kind) => {
    const n = renderNotice(kind, SAMPLES[kind] as never, AT);
    expect(n.title.length).toBeGreaterThan(0);
    expect(n.title.length).toBeLessThanOrEqual(100);
    expect(n.body.length).toBeLessThanOrEqual(500);
    expect(kind.length).toBeLessThanOrEqual(32);
    if (n.link) expect(n.link).toMatch(/^\/(pages|staff\/pages)\//);
  });

  it.each(NOTICE_KINDS)('%s fills exactly its WeChat template fields, each within its type limit', (kind) => {
    const n = renderNotice(kind, SAMPLES[kind] as never, AT);
    if (!n.wechat) return;
    const fields = WECHAT_TEMPLATES[n.wechat.template].fields as Record<string, keyof typeof WECHAT_FIELD_MAX>;
    expect(Object.keys(n.wechat.data).sort()).toEqual(Object.keys(fields).sort());
    for (const [key, { value }] of Object.entries(n.wechat.data)) expect([...value].length).toBeLessThanOrEqual(WECHAT_FIELD_MAX[fields[key]]);
    expect(n.wechat.page).toBe(n.link!.slice(1));
  });

  it('keeps the texts the apps already show', () => {
    expect(renderNotice('claim.reply', SAMPLES['claim.reply'], AT)).toMatchObject({
      title: '诉求 XM2026000123：调解中',
      link: `/pages/claims/detail?id=${claim.claimId}`,
      wechat: { template: 'claimProgress', page: `pages/claims/detail?id=${claim.claimId}`, data: { character_string1: { value: 'XM2026000123' }, phrase2: { value: '调解中' }, time4: { value: '2026年12月2日 14:05' } } },
    });
    expect(renderNotice('claim.reply', SAMPLES['claim.reply'], AT).wechat!.data.thing3.value).toBe('已联系站点负责人，明天下午给你答复，请…');
    expect(renderNotice('event.changed', SAMPLES['event.changed'], AT).body).toBe('「驿站读书会」的时间改为 12月5日 14:00–16:00，请合理安排。');
    expect(renderNotice('event.changed', { eventTitle: '义诊', change: 'cancelled' }, AT)).toMatchObject({ title: '活动已取消', body: '很抱歉，「义诊」已取消。' });
    expect(renderNotice('claim.assigned', { ...claim, by: 'officer' }).body).toBe('XM2026000123 已指定由你承办');
    expect(renderNotice('membership.submitted', app).wechat).toBeNull();
    expect(renderNotice('staff.granted', { role: 'station_master', scopeName: '湖里万达驿站' })).toMatchObject({ title: '你已成为湖里万达驿站的驿站站长', link: '/staff/pages/home/index', wechat: null });
  });

  it('fits any text to its field: never longer than the limit, never empty, short text unchanged', () => {
    fc.assert(
      fc.property(fc.constantFrom(...(Object.keys(WECHAT_FIELD_MAX) as Array<keyof typeof WECHAT_FIELD_MAX>)), fc.string({ unit: 'grapheme', maxLength: 60 }), (type, text) => {
        const out = fitWechatField(type, text);
        expect([...out].length).toBeLessThanOrEqual(WECHAT_FIELD_MAX[type]);
        expect(out.length).toBeGreaterThan(0);
        const clean = text.replace(/\s+/g, ' ').trim();
        if (clean && [...clean].length <= WECHAT_FIELD_MAX[type]) expect(out).toBe(clean);
      }),
    );
  });
});
