import { Injectable } from '@nestjs/common';
import { isValidChildLevel, type OrgLevel } from '@nuanxin/shared';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/auth-user';
import { parseCsv } from '../common/csv';
import { DomainError } from '../common/domain-error';
import { TransactionService } from '../database/transaction.service';
import type { Org } from '../orgs/org.entity';
import { OrgsService } from '../orgs/orgs.service';
import type { OrgImportResultDto } from './dto/admin.dto';
import { checkOrgHeader, readOrgRow, REQUIRED_FOR_NEW_ORG, type OrgRow, type OrgRowError } from './org-import';

type Patch = Partial<Pick<Org, 'name' | 'autoApprove' | 'catchAll' | 'isMediationCentre' | 'mediationWorkdays'>>;
/** A planned org: a stored one, or one this file creates (its parent planned before it). */
interface Node {
  code: string;
  level: OrgLevel;
  stored?: Org;
}

/**
 * The admin's org-tree import: rows in file order, a parent before its children. New codes create orgs under an
 * existing or earlier row's org; known codes update only their name and switches (never their place in the tree,
 * which would move a whole subtree). Bad rows are reported with their line and field and skipped; a dry run
 * reports the same without writing.
 */
@Injectable()
export class OrgImportService {
  constructor(
    private readonly orgs: OrgsService,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
  ) {}

  async importCsv(actor: AuthUser, csv: string, dryRun: boolean): Promise<OrgImportResultDto> {
    const [head, ...records] = parseCsv(csv);
    const header = head?.cells.map((h) => h.trim()) ?? [];
    const problems = head?.error ? [head.error] : checkOrgHeader(header);
    if (problems.length) throw DomainError.validation(problems.map((message) => ({ field: 'csv', message })));
    const stored = await this.orgs.all();
    const byCode = new Map(stored.map((o) => [o.code, o]));
    const byId = new Map(stored.map((o) => [o.id, o]));
    const taken = new Map(stored.map((o) => [o.code.toLowerCase(), o.code]));
    const planned = new Map<string, Node>(stored.map((o) => [o.code, { code: o.code, level: o.level, stored: o }]));
    const errors: OrgRowError[] = [];
    const creates: OrgRow[] = [];
    const updates: Array<{ org: Org; patch: Patch }> = [];
    const seen = new Set<string>();
    let unchanged = 0;
    const missing = REQUIRED_FOR_NEW_ORG.filter((c) => !header.includes(c));

    for (const rec of records) {
      const { row, errors: rowErrors } = readOrgRow(header, rec);
      const fail = (field: string, message: string) => rowErrors.push({ line: rec.line, field, message });
      if (row) {
        if (seen.has(row.code.toLowerCase())) fail('code', '编码在文件中重复（不区分大小写）');
        seen.add(row.code.toLowerCase());
        const existing = byCode.get(row.code);
        if (!rowErrors.length && existing) {
          const parentCode = existing.parentId ? byId.get(existing.parentId)?.code : undefined;
          if (row.level && row.level !== existing.level) fail('level', `已有组织的层级不能通过导入修改（现为 ${existing.level}）`);
          if (row.parentCode && row.parentCode !== parentCode) fail('parentCode', `已有组织不能通过导入调整上级（现为 ${parentCode ?? '无'}），以免整棵下级树随之移动`);
          if (!rowErrors.length) {
            const patch: Patch = {};
            for (const k of ['name', 'autoApprove', 'catchAll', 'isMediationCentre', 'mediationWorkdays'] as const) {
              if (row[k] !== undefined && row[k] !== existing[k]) Object.assign(patch, { [k]: row[k] });
            }
            if (Object.keys(patch).length) updates.push({ org: existing, patch });
            else unchanged++;
          }
        } else if (!rowErrors.length) {
          const clash = taken.get(row.code.toLowerCase());
          if (clash) fail('code', `编码与已有组织 ${clash} 仅大小写不同，请换一个`);
          else if (missing.length) fail(missing[0], `新组织须提供这些列：${missing.join('、')}`);
          else if (!row.name) fail('name', '新组织须填写名称');
          else if (!row.level) fail('level', '新组织须填写层级');
          else if (!row.parentCode) fail('parentCode', '新组织须填写上级组织编码（市总工会由部署初始化命令创建）');
          else {
            const parent = planned.get(row.parentCode);
            if (!parent) fail('parentCode', `上级组织 ${row.parentCode} 不存在，或在文件中排在本行之后，或该行有错误`);
            else if (!isValidChildLevel(parent.level, row.level)) fail('level', `下级组织的层级必须低于上级组织（上级为 ${parent.level}）`);
          }
          if (!rowErrors.length) {
            creates.push(row);
            planned.set(row.code, { code: row.code, level: row.level! });
          }
        }
      }
      errors.push(...rowErrors);
    }

    const result = { dryRun, created: creates.length, updated: updates.length, unchanged, rejected: new Set(errors.map((e) => e.line)).size, errors: errors.sort((a, b) => a.line - b.line) };
    if (dryRun || (!creates.length && !updates.length)) return result;
    await this.tx.run(async (em) => {
      const made = new Map<string, Org>();
      for (const r of creates) {
        const parent = made.get(r.parentCode!) ?? byCode.get(r.parentCode!)!;
        const org = await this.orgs.insertIn(
          em,
          { code: r.code, name: r.name!, level: r.level!, autoApprove: r.autoApprove, catchAll: r.catchAll, isMediationCentre: r.isMediationCentre, mediationWorkdays: r.mediationWorkdays ?? null },
          parent,
        );
        made.set(org.code, org);
      }
      for (const u of updates) await this.orgs.updateIn(em, u.org.id, u.patch);
      await this.audit.record(em, {
        actor,
        action: 'org.import',
        detail: { created: result.created, updated: result.updated, unchanged, rejected: result.rejected, codes: creates.map((c) => c.code).slice(0, 50) },
      });
    });
    return result;
  }
}
