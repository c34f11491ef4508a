import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository, type EntityManager } from 'typeorm';
import { nextValue, readValue } from '../counters/counters';
import { GeoIndex, type NearbyHit } from '../common/geo-index';
import { Merchant } from './merchant.entity';

export const MERCHANTS_VERSION = 'benefit-merchants-version';

/**
 * Active partner merchants in memory, searched nearest first by the stations' grid index (no SQL geometry).
 * Every merchant change bumps a version row in its transaction; each replica's `benefits-index` job polls it.
 */
@Injectable()
export class MerchantIndex implements OnModuleInit {
  private index = new GeoIndex([]);
  private merchants: Merchant[] = [];
  private version = -1;

  constructor(
    @InjectRepository(Merchant) private readonly repo: Repository<Merchant>,
    private readonly ds: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.rebuild();
  }

  bump(em: EntityManager): Promise<number> {
    return nextValue(em, MERCHANTS_VERSION);
  }

  async refreshIfChanged(): Promise<boolean> {
    if ((await readValue(this.ds.manager, MERCHANTS_VERSION)) === this.version) return false;
    await this.rebuild();
    return true;
  }

  async rebuild(): Promise<void> {
    const version = await readValue(this.ds.manager, MERCHANTS_VERSION);
    const merchants = await this.repo.find({ where: { status: 'active' }, order: { id: 'ASC' } });
    this.index = new GeoIndex(merchants.map((m) => ({ id: m.id, lat: m.lat, lng: m.lng, services: [] })));
    this.merchants = merchants;
    this.version = version;
  }

  nearest(lat: number, lng: number, limit: number, radiusMeters: number, accept?: (m: Merchant) => boolean): Array<{ merchant: Merchant; hit: NearbyHit }> {
    const list = this.merchants;
    return this.index.nearest(lat, lng, limit, radiusMeters, [], accept ? (i) => accept(list[i]) : undefined).map((hit) => ({ merchant: list[hit.index], hit }));
  }
}
