import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { openState } from '@nuanxin/shared';
import { DataSource, Repository, type EntityManager } from 'typeorm';
import { nextValue, readValue } from '../counters/counters';
import { GeoIndex, type NearbyHit } from './geo-index';
import { Station } from './station.entity';
import { stationStatic } from './station-summary';

export const STATIONS_VERSION = 'stations-version';

export interface NearbyQuery {
  lat: number;
  lng: number;
  limit: number;
  radiusMeters: number;
  services: string[];
  openNow: boolean;
  now: Date;
}

/**
 * The in-memory geo index of open stations. Built at boot; every change bumps a version row in the same
 * transaction, and each replica's `stations-index` job (jobs room) polls that row and rebuilds when it moved — so
 * all replicas converge within one poll interval without talking to each other.
 */
@Injectable()
export class StationIndexService implements OnModuleInit {
  private index = new GeoIndex([]);
  private stations: Station[] = [];
  /** JSON of each station's unchanging list fields, made on first use after a build. */
  private staticJson: Array<string | undefined> = [];
  private version = -1;
  private building?: Promise<void>;
  private pending?: Promise<void>;

  constructor(
    @InjectRepository(Station) private readonly repo: Repository<Station>,
    private readonly ds: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.rebuild();
  }

  get size(): number {
    return this.index.size;
  }

  get currentVersion(): number {
    return this.version;
  }

  /** Call inside the transaction that changes stations. */
  bump(em: EntityManager): Promise<number> {
    return nextValue(em, STATIONS_VERSION);
  }

  async refreshIfChanged(): Promise<boolean> {
    if ((await readValue(this.ds.manager, STATIONS_VERSION)) === this.version) return false;
    await this.rebuild();
    return true;
  }

  /**
   * Rebuilds from the database. Callers who change stations call this after their commit, so a build already in
   * flight may have read the rows before that commit: such callers get one more build that starts after it,
   * shared by everyone who asks meanwhile. A returned promise therefore always reflects writes committed before the call.
   */
  rebuild(): Promise<void> {
    if (!this.building) {
      this.building = this.build().finally(() => {
        this.building = undefined;
      });
      return this.building;
    }
    this.pending ??= this.building
      .catch(() => undefined)
      .then(() => {
        this.pending = undefined;
        return this.rebuild();
      });
    return this.pending;
  }

  private async build(): Promise<void> {
    // The version first: a change committed between the two reads makes the version look older, never newer.
    const version = await readValue(this.ds.manager, STATIONS_VERSION);
    const stations = await this.repo.find({ where: { status: 'open' } });
    this.index = new GeoIndex(stations.map((s) => ({ id: s.id, lat: s.lat, lng: s.lng, services: s.services })));
    this.stations = stations;
    this.staticJson = new Array<string | undefined>(stations.length);
    this.version = version;
  }

  nearby(q: NearbyQuery): Array<{ station: Station; hit: NearbyHit; staticJson: string }> {
    const stations = this.stations;
    const cache = this.staticJson;
    const accept = q.openNow ? (i: number) => openState(stations[i].hours, stations[i].closures, q.now).isOpen : undefined;
    return this.index.nearest(q.lat, q.lng, q.limit, q.radiusMeters, q.services, accept).map((hit) => ({
      station: stations[hit.index],
      hit,
      staticJson: (cache[hit.index] ??= JSON.stringify(stationStatic(stations[hit.index]))),
    }));
  }
}
