import { In } from 'typeorm';
import { InboxMessage } from '../src/notifications/inbox-message.entity';
import { Station } from '../src/stations/station.entity';
import { WishEvent } from '../src/wishes/wish-event.entity';
import { Wish } from '../src/wishes/wish.entity';
import { makeApplication } from './helpers/factories';
import { call, login, until, useReplicas } from './helpers/replicas';
import { TEST_DB_URL } from './helpers/test-app';

const SLOT_MS = 2000;
const DAY = 86400_000;

/**
 * The wishes job (wall expiry, hold expiry) in two server processes on one MariaDB: each due
 * wish moves once, with one timeline event and one notice, whichever replica's slot gets there. SQLite is one file
 * for one process, so this tier runs only where TEST_DB_URL names a MariaDB.
 */
const onMariadb = TEST_DB_URL ? describe : describe.skip;

onMariadb('wishes job in two replicas on one MariaDB', () => {
  const cluster = useReplicas(() => ({ LOG_LEVEL: 'warn', SEED_DEMO: 'true', JOBS_TICK_MS: '100', JOBS_LEASE_MS: '1500', HOUSEKEEPING_EVERY_MS: String(SLOT_MS) }));
  const { replicas } = cluster;

  it('expires each stale wish and releases each overdue hold once, with one event and one notice, whichever replica gets there', async () => {
    const officer = await login(replicas[1], 'demo-officer-mt');
    const stationId = (await cluster.ds.getRepository(Station).findOneByOrFail({ name: '中山路工会驿站' })).id;
    const stale: string[] = [];
    const held: string[] = [];
    const wishers: string[] = [];
    const donors: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = replicas[i % 2];
      const token = await login(r, `rep-wisher-${i}`);
      await call(r, 'POST', '/api/memberships/applications', token, makeApplication('XM-MT'));
      const wish = await call(r, 'POST', '/api/wishes', token, { category: 'daily', title: `第 ${i} 个心愿：一副手套`, story: '冬天骑车手冷，想要一副防风的手套，谢谢。', valueFen: 5000, stationId });
      await call(replicas[(i + 1) % 2], 'POST', `/api/wishes/${wish.id}/approve`, officer);
      wishers.push((await call(r, 'GET', '/api/me', token)).id as string);
      if (i < 3) stale.push(wish.id!);
      else {
        const donor = await login(r, `rep-donor-${i}`);
        await call(replicas[(i + 1) % 2], 'POST', `/api/wishes/${wish.id}/claim`, donor, { donorType: 'volunteer' });
        donors.push((await call(r, 'GET', '/api/me', donor)).id as string);
        held.push(wish.id!);
      }
    }
    const wishes = cluster.ds.getRepository(Wish);
    await wishes.update({ id: In(stale) }, { publishedAt: new Date(Date.now() - 31 * DAY) });
    await wishes.update({ id: In(held) }, { claimedAt: new Date(Date.now() - 8 * DAY) });
    await until('every due wish to move', async () => {
      const expired = await wishes.countBy({ id: In(stale), status: 'expired' });
      const back = await wishes.countBy({ id: In(held), status: 'published' });
      return expired === stale.length && back === held.length;
    });
    await new Promise((r) => setTimeout(r, 2 * SLOT_MS)); // more slots run on both replicas: nothing more may happen
    const events = cluster.ds.getRepository(WishEvent);
    expect((await events.findBy({ wishId: In(stale), kind: 'expire' })).map((e) => e.wishId).sort()).toEqual([...stale].sort());
    expect((await events.findBy({ wishId: In(held), kind: 'hold_expire' })).map((e) => e.wishId).sort()).toEqual([...held].sort());
    const inbox = cluster.ds.getRepository(InboxMessage);
    for (const w of wishers.slice(0, 3)) expect(await inbox.countBy({ userId: w, kind: 'wish.expired' })).toBe(1);
    for (const d of donors) expect(await inbox.countBy({ userId: d, kind: 'wish.released' })).toBe(1);
    // back on the wall with a fresh 30 days: the wall clock restarted, the first publication kept
    for (const w of await wishes.findBy({ id: In(held) })) expect(w.publishedAt!.getTime()).toBeGreaterThan(w.decidedAt!.getTime());
  }, 90_000);
});
