import { Injectable } from '@nestjs/common';
import type { OrgRef } from '@nuanxin/shared';
import type { Org } from '../orgs/org.entity';
import { OrgsService } from '../orgs/orgs.service';

const TTL_MS = 60_000;

/**
 * Orgs as benefits reads them on the claim path, cached per replica for a minute: an org never moves in the tree
 * (its `path` is fixed), so eligibility checks stay exact; only a renamed org shows its old name that long.
 */
@Injectable()
export class BenefitOrgs {
  private cache = new Map<string, { org: Org; at: number }>();

  constructor(private readonly orgs: OrgsService) {}

  async byIds(ids: readonly string[]): Promise<Map<string, Org>> {
    const now = Date.now();
    const out = new Map<string, Org>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const hit = this.cache.get(id);
      if (hit && now - hit.at < TTL_MS) out.set(id, hit.org);
      else missing.push(id);
    }
    if (missing.length) {
      for (const org of await this.orgs.findByIds(missing)) {
        this.cache.set(org.id, { org, at: now });
        out.set(org.id, org);
      }
    }
    return out;
  }

  async byId(id: string): Promise<Org | null> {
    return (await this.byIds([id])).get(id) ?? null;
  }

  static ref(org: Pick<Org, 'code' | 'name'>): OrgRef {
    return { code: org.code, name: org.name };
  }
}
