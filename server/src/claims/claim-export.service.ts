import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { In, LessThan, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/auth-user';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { newId } from '../database/columns';
import { TransactionService } from '../database/transaction.service';
import { FileStorage } from '../storage/storage';
import { ClaimExport } from './claim-export.entity';
import { ClaimLedger, type LedgerScope } from './claim-ledger.service';
import { writeLedgerXlsx } from './claim-ledger-xlsx';
import type { ExportProgressDto } from './dto/export.dto';
import type { LedgerFilters } from './dto/ledger.dto';

/** A download link works this long after it is issued (each progress poll issues a fresh one). */
export const EXPORT_LINK_TTL_MS = 10 * 60_000;
/**
 * Rows read (and sent to the writer child) at a time. Small on purpose: a batch's entities (≈ 4.5 KB a row) live
 * across the round trip to the child; at 1,000 rows they outlived the young generation's scavenges, were promoted,
 * and the old space filled with dead batches until V8 ran a full collection (server RSS 175 → 400 MB at 100,000
 * rows). At 200 they die young and the server stays flat (measured: 171 MB at rest, 169 MB peak through 100,000).
 */
export const EXPORT_BATCH = 200;
const PROGRESS_EVERY = 1000;
/** Finished exports (done or failed) are kept this long, then their file and row are purged by `claims-export-purge`. */
export const EXPORT_KEEP_MS = 7 * 86_400_000;

/**
 * 台账 export: the request stores a pending row (and the audit line: it carries personal data, masked); the
 * `claims-export` job on any replica claims it by a guarded update and writes the workbook in batches, renewing
 * its lease with the progress; a run whose replica died is taken over when the lease runs out. The file goes to
 * storage; the requester downloads it through a signed link that expires.
 */
@Injectable()
export class ClaimExports {
  private readonly logger = new Logger('ClaimExports');
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    @InjectRepository(ClaimExport) private readonly exports: Repository<ClaimExport>,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly ledger: ClaimLedger,
    private readonly storage: FileStorage,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
  ) {}

  async start(user: AuthUser, f: LedgerFilters, now = new Date()): Promise<ExportProgressDto> {
    const scope = await this.ledger.scopeOf(user, f.org);
    const filters = JSON.stringify(f);
    const row = await this.tx.run(async (em) => {
      const e = em.create(ClaimExport, { id: newId(), requesterId: user.id, filters, scope: JSON.stringify(scope), status: 'pending', rowsDone: 0, createdAt: now });
      await em.insert(ClaimExport, e);
      await this.audit.record(em, { actor: user, action: 'pii.export', object: { type: 'claim_export', id: e.id }, detail: { what: '诉求台账', filters: f } });
      return e;
    });
    return this.view(row, now);
  }

  /** Only the requester sees an export (anyone else: 404). */
  async progress(user: AuthUser, id: string, now = new Date()): Promise<ExportProgressDto> {
    const row = await this.exports.findOneBy({ id, requesterId: user.id });
    if (!row) throw DomainError.notFound();
    return this.view(row, now);
  }

  /** The signed link's file: no login (WeChat's downloadFile sends no header), the signature is the key. */
  async file(id: string, exp: string, sig: string, now = new Date()): Promise<{ body: Readable; filename: string }> {
    const until = Number(exp);
    const good = this.sign(id, until);
    const ok = /^\d{13}$/.test(exp) && until > now.getTime() && sig.length === good.length && timingSafeEqual(Buffer.from(sig), Buffer.from(good));
    if (!ok) throw new DomainError(403, 'FORBIDDEN', '下载链接已过期，请回到导出页面重新获取');
    const row = await this.exports.findOneBy({ id, status: 'done' });
    if (!row?.fileKey) throw DomainError.notFound();
    const day = new Date(row.createdAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
    return { body: this.storage.stream(row.fileKey), filename: `诉求台账-${day}.xlsx` };
  }

  /**
   * The job's work on this replica: claim the oldest waiting export (or one whose runner stopped renewing) and
   * write it. Returns whether one was run.
   */
  async runNext(now = new Date()): Promise<boolean> {
    const candidate = await this.exports.findOne({
      where: [{ status: 'pending' }, { status: 'running', leaseUntil: LessThan(now) }],
      order: { createdAt: 'ASC' },
    });
    if (!candidate) return false;
    const lease = () => new Date(Date.now() + this.config.JOBS_LEASE_MS);
    const claimed = await this.exports
      .createQueryBuilder()
      .update()
      .set({ status: 'running', owner: this.owner, leaseUntil: lease(), rowsDone: 0 })
      .where('id = :id AND (status = :pending OR (status = :running AND leaseUntil < :now))', { id: candidate.id, pending: 'pending', running: 'running', now })
      .execute();
    if (!claimed.affected) return false;
    await this.write(candidate, lease);
    return true;
  }

  /**
   * The `claims-export-purge` job: finished exports older than EXPORT_KEEP_MS lose their file (through the storage
   * interface; removing a missing file is fine) and then their row (guarded on its status, so a row is deleted once).
   * A file whose removal fails keeps its row, to be tried again on the next run. Returns the rows purged.
   */
  async purgeOld(now = new Date(), limit = 200): Promise<number> {
    const old = await this.exports.find({
      where: { status: In(['done', 'failed']), createdAt: LessThan(new Date(now.getTime() - EXPORT_KEEP_MS)) },
      order: { createdAt: 'ASC' },
      take: limit,
    });
    let purged = 0;
    for (const e of old) {
      try {
        if (e.fileKey) await this.storage.remove(e.fileKey);
      } catch (err) {
        this.logger.warn(`export ${e.id}: file not removed (${(err as Error).message}), kept for the next run`);
        continue;
      }
      const res = await this.exports.delete({ id: e.id, status: e.status });
      purged += res.affected ?? 0;
    }
    return purged;
  }

  private async write(e: ClaimExport, lease: () => Date): Promise<void> {
    const mine = { id: e.id, owner: this.owner, status: 'running' as const };
    const tmp = join(tmpdir(), `nuanxin-export-${e.id}.xlsx`);
    try {
      const scope = JSON.parse(e.scope) as LedgerScope;
      const filters = JSON.parse(e.filters) as LedgerFilters;
      // one instant for the whole file, so 是否超期 agrees with itself from the first row to the last
      const asOf = e.createdAt;
      await this.exports.update(mine, { rowsTotal: await this.ledger.count(scope, filters, asOf) });
      const rowsDone = await writeLedgerXlsx(tmp, this.ledger.batches(scope, filters, asOf, EXPORT_BATCH), async (written) => {
        if (written % PROGRESS_EVERY !== 0) return; // progress and the lease every 1,000 rows, not every batch
        const r = await this.exports.update(mine, { rowsDone: written, leaseUntil: lease() });
        if (!r.affected) throw new Error('lease lost'); // taken over by another replica: stop writing
      });
      const fileKey = `exports/${e.id}.xlsx`;
      await this.storage.remove(fileKey);
      await this.storage.putFile(fileKey, tmp);
      await this.exports.update(mine, { status: 'done', rowsDone, fileKey, finishedAt: new Date(), leaseUntil: null });
    } catch (err) {
      this.logger.warn(`export ${e.id} failed: ${(err as Error).message}`);
      await this.exports.update(mine, { status: 'failed', error: '导出失败，请重试', finishedAt: new Date(), leaseUntil: null });
    } finally {
      await rm(tmp, { force: true });
    }
  }

  private sign(id: string, until: number): string {
    return createHmac('sha256', this.config.JWT_SECRET).update(`claim-export:${id}:${until}`).digest('base64url');
  }

  private view(e: ClaimExport, now: Date): ExportProgressDto {
    const until = now.getTime() + EXPORT_LINK_TTL_MS;
    const done = e.status === 'done';
    return {
      id: e.id,
      status: e.status,
      rowsTotal: e.rowsTotal,
      rowsDone: e.rowsDone,
      createdAt: e.createdAt,
      finishedAt: e.finishedAt,
      error: e.error,
      downloadUrl: done ? `/api/claims/exports/${e.id}/file?exp=${until}&sig=${this.sign(e.id, until)}` : null,
      downloadExpiresAt: done ? new Date(until) : null,
    };
  }
}
