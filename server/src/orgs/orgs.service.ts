import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isValidChildLevel, type OrgLevel } from '@nuanxin/shared';
import { In, Like, Repository } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { newId } from '../database/columns';
import { Org } from './org.entity';

export interface NewOrg {
  code: string;
  name: string;
  level: OrgLevel;
  parentId: string | null;
  autoApprove?: boolean;
  catchAll?: boolean;
  isMediationCentre?: boolean;
  mediationWorkdays?: number | null;
}

/** The org tree. Descendant and ancestor queries use the materialised path only (no recursive SQL). */
@Injectable()
export class OrgsService {
  constructor(@InjectRepository(Org) private readonly orgs: Repository<Org>) {}

  findByCode(code: string): Promise<Org | null> {
    return this.orgs.findOneBy({ code });
  }

  findById(id: string): Promise<Org | null> {
    return this.orgs.findOneBy({ id });
  }

  async getByCode(code: string): Promise<Org> {
    const org = await this.findByCode(code);
    if (!org) throw new DomainError(404, 'ORG_NOT_FOUND');
    return org;
  }

  /** The org and everything below it, ordered top-down. */
  descendants(org: Org, includeSelf = true): Promise<Org[]> {
    return this.orgs
      .find({ where: { path: Like(`${org.path}%`) }, order: { depth: 'ASC', code: 'ASC' } })
      .then((list) => (includeSelf ? list : list.filter((o) => o.id !== org.id)));
  }

  /** Root first, the org itself last. */
  async ancestors(org: Org, includeSelf = true): Promise<Org[]> {
    const ids = org.path.split('/').filter(Boolean);
    const list = await this.orgs.findBy({ id: In(ids) });
    const byId = new Map(list.map((o) => [o.id, o]));
    const chain = ids.map((id) => byId.get(id)).filter((o): o is Org => !!o);
    return includeSelf ? chain : chain.slice(0, -1);
  }

  children(org: Org): Promise<Org[]> {
    return this.orgs.find({ where: { parentId: org.id }, order: { code: 'ASC' } });
  }

  /** Validates level order and code uniqueness, then inserts with its path. */
  async create(input: NewOrg): Promise<Org> {
    let parent: Org | null = null;
    if (input.parentId) {
      parent = await this.findById(input.parentId);
      if (!parent) throw new DomainError(404, 'ORG_NOT_FOUND');
      if (!isValidChildLevel(parent.level, input.level)) {
        throw DomainError.validation([{ field: 'level', message: '下级组织的层级必须低于上级组织' }]);
      }
    } else if (input.level !== 'city') {
      throw DomainError.validation([{ field: 'parentCode', message: '只有市总工会可以没有上级组织' }]);
    }
    if (await this.findByCode(input.code)) {
      throw new DomainError(409, 'CONFLICT', '组织编码已被使用，请换一个', [{ field: 'code', message: '组织编码已被使用' }]);
    }
    const id = newId();
    const now = new Date();
    const org = this.orgs.create({
      id,
      code: input.code,
      name: input.name,
      level: input.level,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: (parent?.depth ?? -1) + 1,
      autoApprove: input.autoApprove ?? false,
      catchAll: input.catchAll ?? false,
      isMediationCentre: input.isMediationCentre ?? false,
      mediationWorkdays: input.mediationWorkdays ?? null,
      active: true,
      createdAt: now,
      updatedAt: now,
    });
    await this.orgs.insert(org);
    return org;
  }

  async update(org: Org, patch: Partial<Pick<Org, 'name' | 'autoApprove' | 'active'>>): Promise<Org> {
    Object.assign(org, patch, { updatedAt: new Date() });
    await this.orgs.save(org);
    return org;
  }
}
