import fc from 'fast-check';
import {
  allowedWishActions,
  findPersonalData,
  idNumberCheckChar,
  nextWishStatus,
  wisherAlias,
  WISH_ACTIONS,
  WISH_STATUSES,
  type WishAction,
  type WishActor,
  type WishHandover,
  type WishStatus,
} from '../src';

const ACTORS: WishActor[] = ['wisher', 'donor', 'station', 'officer', 'system'];
/** Where each status may be reached from, written out by hand from the issue (an oracle for the machine). */
const REACHABLE_FROM: Record<WishStatus, WishStatus[]> = {
  screening: [],
  rejected: ['screening'],
  published: ['screening', 'claimed'],
  claimed: ['published'],
  delivered: ['claimed'],
  received: ['delivered'],
  picked_up: ['received'],
  fulfilled: ['picked_up', 'delivered'],
  expired: ['published'],
  cancelled: ['screening', 'published'],
  closed: ['delivered', 'received', 'picked_up'],
};
const TERMINAL: WishStatus[] = ['rejected', 'fulfilled', 'expired', 'cancelled', 'closed'];

describe('wish state machine', () => {
  it('random action sequences never reach a forbidden state', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<WishHandover>('station', 'direct'),
        fc.array(fc.tuple(fc.constantFrom(...WISH_ACTIONS), fc.constantFrom(...ACTORS)), { maxLength: 40 }),
        (handover, steps) => {
          let status: WishStatus = 'screening';
          const seen: WishStatus[] = [status];
          for (const [action, actor] of steps) {
            const next = nextWishStatus(status, action as WishAction, actor, handover);
            if (next === null) continue;
            expect(REACHABLE_FROM[next]).toContain(status);
            expect(TERMINAL).not.toContain(status);
            if (handover === 'direct') expect(['received', 'picked_up']).not.toContain(next);
            status = next;
            seen.push(status);
          }
          // fulfilled only through a handover the wisher confirmed
          if (status === 'fulfilled') expect(seen).toContain('delivered');
        },
      ),
    );
  });

  it('each step belongs to one kind of actor', () => {
    expect(allowedWishActions('screening', 'officer', 'station')).toEqual(['approve', 'reject']);
    expect(allowedWishActions('published', 'donor', 'station')).toEqual(['claim']);
    expect(allowedWishActions('published', 'wisher', 'station')).toEqual(['cancel']);
    expect(allowedWishActions('claimed', 'donor', 'station')).toEqual(['release', 'deliver']);
    expect(allowedWishActions('delivered', 'station', 'station')).toEqual(['receive']);
    expect(allowedWishActions('delivered', 'station', 'direct')).toEqual([]);
    expect(allowedWishActions('delivered', 'wisher', 'direct')).toEqual(['confirm']);
    expect(allowedWishActions('delivered', 'wisher', 'station')).toEqual([]);
    expect(allowedWishActions('received', 'station', 'station')).toEqual(['pickup']);
    expect(allowedWishActions('picked_up', 'wisher', 'station')).toEqual(['confirm']);
    for (const s of WISH_STATUSES) expect(allowedWishActions(s, 'wisher', 'station')).not.toContain('claim');
  });
});

describe('personal data in wish text', () => {
  const id17 = '35020319900101123';
  const id = id17 + idNumberCheckChar(id17);
  it('finds mobiles and valid ID numbers, also split by spaces or dashes', () => {
    expect(findPersonalData('想要一个头盔，联系我 138 1234 5678')).toEqual(['mobile']);
    expect(findPersonalData(`身份证 ${id.slice(0, 6)}-${id.slice(6)}`)).toEqual(['id_number']);
    expect(findPersonalData('孩子上三年级，想要一套练习册')).toEqual([]);
    expect(findPersonalData('预算 12345678901234 元')).toEqual([]);
  });
  it('shows the wisher as <surname>师傅 or 匿名, never the full name', () => {
    expect(wisherAlias('李明', false)).toBe('李师傅');
    expect(wisherAlias('李明', true)).toBe('匿名');
    expect(wisherAlias(null, false)).toBe('匿名');
  });
});
