import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  MERCHANT_CATEGORIES,
  MERCHANT_STATUS_LABELS,
  NEARBY_LIMITS,
  type MerchantDetail,
  type MerchantNearbyItem,
  type MerchantPage,
} from '@nuanxin/shared';
import { In, Repository } from 'typeorm';
import { AccessService } from '../common/access.service';
import type { AuthUser } from '../common/auth-user';
import { DomainError } from '../common/domain-error';
import { newId } from '../database/columns';
import { TransactionService } from '../database/transaction.service';
import type { Org } from '../orgs/org.entity';
import { OrgsService } from '../orgs/orgs.service';
import type { CreateMerchantDto, ManageMerchantsQuery, NearbyMerchantsQuery, UpdateMerchantDto } from './dto/benefits.dto';
import { MerchantIndex } from './merchant-index.service';
import { Merchant } from './merchant.entity';

const PAGE = 20;
const CATEGORY_LABELS = Object.fromEntries(MERCHANT_CATEGORIES.map((c) => [c.code, c.label])) as Record<string, string>;

const encodeAfter = (m: Merchant) => Buffer.from(JSON.stringify([m.name, m.id])).toString('base64url');
function decodeAfter(after: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string')) return v as [string, string];
  } catch {
    /* falls through */
  }
  throw DomainError.validation([{ field: 'after', message: '分页游标不正确' }]);
}

/** The merchant ids a user's `merchant` grants name. */
export function merchantIdsOf(user: AuthUser): string[] {
  return user.grants.filter((g) => g.role === 'merchant' && g.scopeRef).map((g) => g.scopeRef!);
}

/**
 * Partner merchants: created and edited by officers of the signing org's subtree (or admin), seen by members
 * nearest first (`MerchantIndex`), and by their own merchant users.
 */
@Injectable()
export class MerchantsService {
  constructor(
    @InjectRepository(Merchant) private readonly repo: Repository<Merchant>,
    private readonly index: MerchantIndex,
    private readonly orgs: OrgsService,
    private readonly access: AccessService,
    private readonly tx: TransactionService,
  ) {}

  nearby(q: NearbyMerchantsQuery): MerchantNearbyItem[] {
    const limit = q.limit ?? NEARBY_LIMITS.defaultLimit;
    const radius = (q.radiusKm ?? NEARBY_LIMITS.defaultRadiusKm) * 1000;
    const accept = q.category ? (m: Merchant) => m.category === q.category : undefined;
    return this.index.nearest(q.lat, q.lng, limit, radius, accept).map(({ merchant: m, hit }) => ({
      id: m.id,
      name: m.name,
      category: m.category,
      categoryLabel: CATEGORY_LABELS[m.category],
      address: m.address,
      district: m.district,
      lat: m.lat,
      lng: m.lng,
      phone: m.phone,
      distanceMeters: Math.round(hit.distanceMeters),
    }));
  }

  async create(user: AuthUser, dto: CreateMerchantDto, now = new Date()): Promise<MerchantDetail> {
    const org = await this.orgs.getByCode(dto.orgCode);
    this.access.assertOrgInScope(user, org);
    const m = this.repo.create({
      id: newId(),
      name: dto.name.trim(),
      category: dto.category,
      address: dto.address.trim(),
      district: dto.district.trim(),
      lat: dto.lat,
      lng: dto.lng,
      phone: dto.phone ?? null,
      orgId: org.id,
      status: dto.status ?? 'active',
      createdAt: now,
      updatedAt: now,
    });
    await this.tx.run(async (em) => {
      await em.insert(Merchant, m);
      await this.index.bump(em);
    });
    await this.index.rebuild();
    return this.view(m, org);
  }

  async update(user: AuthUser, id: string, dto: UpdateMerchantDto, now = new Date()): Promise<MerchantDetail> {
    const { merchant, org } = await this.loadForStaff(user, id, false);
    const patch: Partial<Merchant> = { updatedAt: now };
    for (const k of ['name', 'category', 'address', 'district', 'lat', 'lng', 'phone', 'status'] as const) {
      if (dto[k] !== undefined) (patch as Record<string, unknown>)[k] = typeof dto[k] === 'string' && k !== 'phone' ? (dto[k] as string).trim() : dto[k];
    }
    await this.tx.run(async (em) => {
      await em.update(Merchant, { id }, patch);
      await this.index.bump(em);
    });
    await this.index.rebuild();
    return this.view({ ...merchant, ...patch } as Merchant, org);
  }

  async get(user: AuthUser, id: string): Promise<MerchantDetail> {
    const { merchant, org } = await this.loadForStaff(user, id, true);
    return this.view(merchant, org);
  }

  async manage(user: AuthUser, q: ManageMerchantsQuery): Promise<MerchantPage> {
    const qb = this.repo.createQueryBuilder('m');
    const own = merchantIdsOf(user);
    const prefixes = this.access.scopePrefixes(user);
    if (prefixes && !prefixes.length) {
      if (!own.length) throw DomainError.forbidden();
      qb.where('m.id IN (:...own)', { own });
    } else {
      const scope = this.orgs.inSubtrees('m.orgId', prefixes);
      if (scope) qb.where(scope.sql, scope.params);
    }
    if (q.orgCode) {
      const org = await this.orgs.getByCode(q.orgCode);
      this.access.assertOrgInScope(user, org);
      const sub = this.orgs.inSubtrees('m.orgId', [org.path])!;
      qb.andWhere(sub.sql, sub.params);
    }
    if (q.q) qb.andWhere("(m.name LIKE :q ESCAPE '!' OR m.address LIKE :q ESCAPE '!')", { q: `%${q.q.replace(/[!%_]/g, (c) => `!${c}`)}%` });
    if (q.after) {
      const [name, id] = decodeAfter(q.after);
      qb.andWhere('(m.name > :an OR (m.name = :an AND m.id > :ai))', { an: name, ai: id });
    }
    const rows = await qb.orderBy('m.name', 'ASC').addOrderBy('m.id', 'ASC').take(PAGE + 1).getMany();
    const page = rows.slice(0, PAGE);
    const orgs = new Map((await this.orgs.findByIds([...new Set(page.map((m) => m.orgId))])).map((o) => [o.id, o]));
    return { items: page.map((m) => this.view(m, orgs.get(m.orgId)!)), nextAfter: rows.length > PAGE ? encodeAfter(page[page.length - 1]) : null };
  }

  // ---- for the other parts of benefits ----

  findByIds(ids: readonly string[]): Promise<Merchant[]> {
    return ids.length ? this.repo.findBy({ id: In([...ids]) }) : Promise.resolve([]);
  }

  findById(id: string): Promise<Merchant | null> {
    return this.repo.findOneBy({ id });
  }

  /** The shop a merchant user acts for: `merchantId` when given (must be theirs), else their only one. */
  async actingMerchant(user: AuthUser, merchantId?: string): Promise<Merchant> {
    const own = merchantIdsOf(user);
    if (!own.length) throw DomainError.forbidden('只有合作商户可以进行此操作');
    if (merchantId && !own.includes(merchantId)) throw DomainError.forbidden('你不是该商户的店员');
    if (!merchantId && own.length > 1) throw DomainError.validation([{ field: 'merchantId', message: '你绑定了多个商户，请选择本次使用的商户' }]);
    const m = await this.repo.findOneBy({ id: merchantId ?? own[0] });
    if (!m) throw DomainError.notFound('找不到该商户');
    return m;
  }

  /** Active partners of an org's subtree (a campaign's `all`). */
  async activeInSubtree(orgPath: string): Promise<Merchant[]> {
    const scope = this.orgs.inSubtrees('m.orgId', [orgPath])!;
    return this.repo.createQueryBuilder('m').where(scope.sql, scope.params).andWhere("m.status = 'active'").orderBy('m.name', 'ASC').getMany();
  }

  view(m: Merchant, org: Pick<Org, 'code' | 'name'>): MerchantDetail {
    return {
      id: m.id,
      name: m.name,
      category: m.category,
      categoryLabel: CATEGORY_LABELS[m.category],
      address: m.address,
      district: m.district,
      lat: m.lat,
      lng: m.lng,
      phone: m.phone,
      status: m.status,
      statusLabel: MERCHANT_STATUS_LABELS[m.status],
      org: { code: org.code, name: org.name },
      createdAt: m.createdAt.toISOString(),
    };
  }

  /** Officers of the signing org's subtree and admins; with `ownToo`, the merchant's own users. Others 404. */
  private async loadForStaff(user: AuthUser, id: string, ownToo: boolean): Promise<{ merchant: Merchant; org: Org }> {
    const merchant = await this.repo.findOneBy({ id });
    const org = merchant ? await this.orgs.findById(merchant.orgId) : null;
    if (!merchant || !org) throw DomainError.notFound();
    if (this.access.canActOnOrg(user, org)) return { merchant, org };
    if (ownToo && merchantIdsOf(user).includes(id)) return { merchant, org };
    throw DomainError.notFound();
  }
}
