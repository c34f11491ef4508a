import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { checkWeeklyHours, chinaPositionProblem, type WeeklyHours } from '@nuanxin/shared';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../common/access.service';
import type { AuthUser } from '../common/auth-user';
import { isUniqueViolation } from '../common/db-errors';
import { DomainError } from '../common/domain-error';
import { newId } from '../database/columns';
import { TransactionService } from '../database/transaction.service';
import { OrgsService } from '../orgs/orgs.service';
import type { CreateStationDto } from './dto/station.dto';
import { checkHierarchy } from './station-import';
import { StationIndexService } from './station-index.service';
import { stationSummary } from './station-summary';
import { Station } from './station.entity';

/** A code for a station made from the form: `ST` and ten hex digits of a random id (the CSV names its own). */
const generatedCode = () => `ST${newId().replace(/-/g, '').slice(-10).toUpperCase()}`;

/**
 * One station from the staff form, checked like a CSV row (hours, point in China, parent ranks above it), in the
 * caller's org subtree; the station and its audit line commit together, then the geo index learns it.
 */
@Injectable()
export class StationCreateService {
  constructor(
    @InjectRepository(Station) private readonly stations: Repository<Station>,
    private readonly index: StationIndexService,
    private readonly access: AccessService,
    private readonly tx: TransactionService,
    private readonly orgs: OrgsService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: AuthUser, dto: CreateStationDto) {
    const org = await this.orgs.getByCode(dto.orgCode);
    this.access.assertOrgInScope(actor, org);
    const problems = Object.entries(checkWeeklyHours(dto.hours as WeeklyHours)).map(([field, message]) => ({ field: `hours.${field}`, message }));
    const where = chinaPositionProblem(dto.lat, dto.lng);
    if ('swapped' in where) problems.push({ field: 'lat', message: '纬度和经度可能填反了（GCJ-02 经纬度，纬度在前）' });
    else for (const field of where.fields) problems.push({ field, message: field === 'lat' ? '纬度应在中国境内（GCJ-02）' : '经度应在中国境内（GCJ-02）' });
    const code = dto.code ?? generatedCode();
    let parentId: string | null = null;
    if (dto.parentCode) {
      const parent = await this.stations.findOne({ select: { id: true, code: true, name: true, level: true, parentId: true }, where: { code: dto.parentCode } });
      if (!parent) problems.push({ field: 'parentCode', message: '找不到该上级驿站' });
      else {
        const row = { line: 0, code, fields: { level: dto.level }, parentCode: parent.code };
        problems.push(...checkHierarchy([row], [parent]).map((e) => ({ field: e.field, message: e.message })));
        parentId = parent.id;
      }
    }
    if (problems.length) throw DomainError.validation(problems);
    const now = new Date();
    const station: Station = this.stations.create({
      id: newId(),
      code,
      name: dto.name.trim(),
      address: dto.address.trim(),
      district: dto.district.trim(),
      lat: dto.lat,
      lng: dto.lng,
      level: dto.level,
      parentId,
      hostType: dto.hostType,
      phone: dto.phone ?? null,
      photos: [],
      hours: dto.hours as WeeklyHours,
      closures: [],
      services: [...new Set(dto.services ?? [])],
      status: 'open',
      orgId: org.id,
      ratingSum: 0,
      ratingCount: 0,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.tx.run(async (em) => {
        await em.insert(Station, station);
        await this.audit.record(em, { actor, action: 'station.create', object: { type: 'station', id: station.id }, orgId: org.id, detail: { code, name: station.name } });
        await this.index.changed(em, [station.id]);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError(409, 'CONFLICT', '驿站编码已被使用，请换一个', [{ field: 'code', message: '驿站编码已被使用' }]);
      throw err;
    }
    await this.index.rebuild([station.id]);
    return { ...stationSummary(station, now), status: station.status, hours: station.hours, closures: [], orgCode: org.code };
  }
}
