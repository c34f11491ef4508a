/**
 * The demo city, seeded above the features: it writes their tables directly, which no feature may do to another's.
 */
import { startOfBeijingDay, type OrgLevel } from '@nuanxin/shared';
import type { DataSource } from 'typeorm';
import { ArbitrationCommission } from '../claims/arbitration-commission.entity';
import { Org } from '../orgs/org.entity';
import { nextValue } from '../counters/counters';
import { seedBenefits } from './demo-benefits';
import { demoStations, type DemoStation } from './demo-stations';
import { STATIONS_VERSION } from '../stations/station-index.service';
import { StationEvent } from '../stations/station-event.entity';
import { Station } from '../stations/station.entity';
import { demoUsers } from '../auth/demo-users';
import { newId } from '../database/columns';
import { OrgsService } from '../orgs/orgs.service';
import { UserRole } from '../users/user-role.entity';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';

interface SeedOrg {
  code: string;
  name: string;
  level: OrgLevel;
  parent: string | null;
  autoApprove?: boolean;
  catchAll?: boolean;
  isMediationCentre?: boolean;
  mediationWorkdays?: number;
}

const DISTRICTS: Array<[string, string]> = [
  ['SM', '思明区'],
  ['HL', '湖里区'],
  ['JM', '集美区'],
  ['HC', '海沧区'],
  ['TA', '同安区'],
  ['XA', '翔安区'],
];

/** The demo city: Xiamen's federation, its six districts, a few streets, platform branch unions, catch-alls. */
export const DEMO_ORGS: SeedOrg[] = [
  { code: 'XM', name: '厦门市总工会', level: 'city', parent: null },
  ...DISTRICTS.map(([c, n]): SeedOrg => ({ code: `XM-${c}`, name: `${n}总工会`, level: 'district', parent: 'XM' })),
  { code: 'XM-SM-JL', name: '思明区嘉莲街道总工会', level: 'street', parent: 'XM-SM' },
  { code: 'XM-SM-LQ', name: '思明区莲前街道总工会', level: 'street', parent: 'XM-SM' },
  { code: 'XM-HL-HS', name: '湖里区禾山街道总工会', level: 'street', parent: 'XM-HL' },
  { code: 'XM-JM-XL', name: '集美区杏林街道总工会', level: 'street', parent: 'XM-JM' },
  { code: 'XM-SF', name: '顺丰速运厦门分公司工会', level: 'enterprise', parent: 'XM-HL-HS' },
  { code: 'XM-JDL', name: '京东物流厦门分公司工会', level: 'enterprise', parent: 'XM-HL-HS' },
  { code: 'XM-MT', name: '美团厦门骑手联合工会', level: 'enterprise', parent: 'XM-SM-JL', autoApprove: true },
  { code: 'XM-ELM', name: '饿了么厦门站点联合工会', level: 'enterprise', parent: 'XM-SM-LQ' },
  { code: 'XM-DIDI', name: '滴滴出行厦门分公司工会', level: 'enterprise', parent: 'XM-HL' },
  { code: 'XM-HLL', name: '货拉拉厦门分公司工会', level: 'enterprise', parent: 'XM-JM-XL' },
  ...DISTRICTS.map(
    ([c, n]): SeedOrg => ({
      code: `XM-${c}-XJY`,
      name: `${n}新就业形态劳动者联合工会`,
      level: 'enterprise',
      parent: `XM-${c}`,
      autoApprove: true,
      catchAll: true,
    }),
  ),
  {
    code: 'XM-TIAOCHU',
    name: '厦门市新就业形态劳动者权益保障联动调处中心',
    level: 'district',
    parent: 'XM',
    isMediationCentre: true,
    mediationWorkdays: 20,
  },
];

/**
 * Stations (with their 总站 > 分站 > 站点 links) and a few upcoming events at the hubs; returns the id of the demo
 * station master's station. Bumps the stations version when it created any, so running servers rebuild their index.
 */
async function seedStations(ds: DataSource, orgs: OrgsService): Promise<{ created: number; masterStationId: string }> {
  const repo = ds.getRepository(Station);
  const created: DemoStation[] = [];
  const now = new Date();
  for (const d of demoStations()) {
    if (await repo.findOneBy({ code: d.code })) continue;
    const org = await orgs.getByCode(d.orgCode);
    const id = newId();
    await repo.insert({
      id, code: d.code, name: d.name, address: d.address, district: d.district, lat: d.lat, lng: d.lng, level: d.level,
      parentId: null, hostType: d.hostType, phone: d.phone, photos: [], hours: d.hours, closures: [], services: d.services,
      status: 'open', orgId: org.id, ratingSum: 0, ratingCount: 0, createdAt: now, updatedAt: now,
    });
    if (d.level === 'hub') {
      // `hour` o'clock Beijing time, `days` after today
      const at = (days: number, hour: number) => new Date(startOfBeijingDay(now).getTime() + days * 86400_000 + hour * 3600_000);
      await ds.getRepository(StationEvent).insert([
        { id: newId(), stationId: id, title: '驿站微型音乐会', kind: 'concert', description: '一边等单一边听歌，每月一次。', startsAt: at(3, 19), endsAt: at(3, 21), capacity: 30, signedUp: 0, status: 'scheduled', createdAt: now, updatedAt: now },
        { id: newId(), stationId: id, title: '爱心理发日', kind: 'haircut', description: '专业理发师免费理发。', startsAt: at(5, 14), endsAt: at(5, 17), capacity: 20, signedUp: 0, status: 'scheduled', createdAt: now, updatedAt: now },
      ]);
    }
    created.push(d);
  }
  // Parents once every station exists (a 站点 may come before its 分站 in the list); only stations created now.
  for (const d of created.filter((x) => x.parentCode)) {
    const parent = await repo.findOneByOrFail({ code: d.parentCode! });
    await repo.update({ code: d.code }, { parentId: parent.id });
  }
  if (created.length) await ds.transaction((em) => nextValue(em, STATIONS_VERSION));
  const master = await repo.findOneByOrFail({ code: demoStations()[0].code });
  return { created: created.length, masterStationId: master.id };
}

/**
 * Demo arbitration commissions for Xiamen (tier-3 guidance names the one for the employer's district): the city's
 * and one per district. Demo data: an admin checks and edits them (`/api/arbitration-commissions`).
 */
export const DEMO_COMMISSIONS: Array<{ orgCode: string; name: string; address: string; phone: string }> = [
  { orgCode: 'XM', name: '厦门市劳动人事争议仲裁委员会', address: '厦门市思明区湖滨北路（演示地址）', phone: '0592-5000000' },
  ...DISTRICTS.map(([c, n], i) => ({ orgCode: `XM-${c}`, name: `厦门市${n}劳动人事争议仲裁委员会`, address: `厦门市${n}人力资源和社会保障局（演示地址）`, phone: `0592-50000${String(i + 1).padStart(2, '0')}` })),
];

async function seedCommissions(ds: DataSource, orgs: OrgsService): Promise<void> {
  const repo = ds.getRepository(ArbitrationCommission);
  const now = new Date();
  for (const c of DEMO_COMMISSIONS) {
    const org = await orgs.getByCode(c.orgCode);
    if (await repo.findOneBy({ orgId: org.id })) continue;
    await repo.insert({ id: newId(), orgId: org.id, name: c.name, address: c.address, phone: c.phone, note: '演示数据，请核实后修改', createdAt: now, updatedAt: now });
  }
}

/** Idempotent: creates what is missing, leaves what exists. `catchAllOfficers`: the six catch-all unions' officers too. */
export async function seedDemo(ds: DataSource, opts: { catchAllOfficers?: boolean } = {}): Promise<{ orgs: number; users: number; stations: number }> {
  const orgs = new OrgsService(ds.getRepository(Org));
  const users = new UsersService(ds.getRepository(User), ds.getRepository(UserRole), orgs);
  let createdOrgs = 0;
  let createdUsers = 0;
  for (const o of DEMO_ORGS) {
    if (await orgs.findByCode(o.code)) continue;
    const parent = o.parent ? await orgs.getByCode(o.parent) : null;
    await orgs.create({ ...o, parentId: parent?.id ?? null });
    createdOrgs++;
  }
  const stations = await seedStations(ds, orgs);
  await seedCommissions(ds, orgs);
  const { demoMerchant } = await seedBenefits(ds, orgs);
  const userRepo = ds.getRepository(User);
  for (const u of demoUsers(opts.catchAllOfficers ?? true)) {
    if (await userRepo.findOneBy({ openid: u.openid })) continue;
    const user = await users.createWithWorkerRole({ openid: u.openid, nickname: u.label });
    const org = u.orgCode ? await orgs.getByCode(u.orgCode) : null;
    await users.setGrants(
      user.id,
      u.roles.map((role) => ({
        role,
        orgId: role === 'worker' ? null : role === 'merchant' ? (demoMerchant?.orgId ?? null) : (org?.id ?? null),
        scopeRef: role === 'station_master' ? stations.masterStationId : role === 'merchant' ? (demoMerchant?.id ?? null) : null,
      })),
    );
    createdUsers++;
  }
  return { orgs: createdOrgs, users: createdUsers, stations: stations.created };
}
