import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CLAIM_RULES } from '@nuanxin/shared';
import { createHash } from 'node:crypto';
import { In, IsNull, LessThan, Repository, type EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { newId } from '../database/columns';
import { sniffImage } from '../storage/sniff-image';
import { FileStorage } from '../storage/storage';
import { Attachment } from './attachment.entity';

/** Photos uploaded but never attached to a claim are removed after this long. */
export const ORPHAN_UPLOAD_TTL_MS = 24 * 3600_000;

const NOT_YOURS = () => DomainError.validation([{ field: 'attachmentIds', message: '照片不存在或已被使用，请重新上传' }]);

/** Evidence photos: uploaded first, attached to one claim when it is filed, readable by the uploader and the officers in scope. */
@Injectable()
export class ClaimAttachments {
  constructor(
    @InjectRepository(Attachment) private readonly attachments: Repository<Attachment>,
    private readonly storage: FileStorage,
  ) {}

  async upload(ownerId: string, files: Array<{ filename: string; body: Buffer }>): Promise<Attachment[]> {
    if (!files.length) throw DomainError.validation([{ field: 'file', message: '请选择要上传的照片' }]);
    if (files.length > CLAIM_RULES.photosMax) throw DomainError.validation([{ field: 'file', message: `一次最多上传 ${CLAIM_RULES.photosMax} 张照片` }]);
    const checked = files.map((f, i) => {
      const mime = sniffImage(f.body);
      if (!mime) throw DomainError.validation([{ field: `file[${i}]`, message: '只能上传 JPEG、PNG 或 WebP 照片' }]);
      return { ...f, mime };
    });
    // Uploads wait for a claim for up to a day: a cap keeps one person from filling the storage in the meantime.
    const waiting = await this.attachments.countBy({ ownerId, claimId: IsNull() });
    if (waiting + checked.length > CLAIM_RULES.unattachedPhotosMax) throw new DomainError(409, 'UPLOADS_UNATTACHED_LIMIT');
    const saved: Attachment[] = [];
    for (const f of checked) {
      const id = newId();
      const key = `claims/${id.slice(0, 2)}/${id}.${f.mime.split('/')[1]}`;
      await this.storage.put(key, f.body);
      const row = this.attachments.create({ id, ownerId, claimId: null, mime: f.mime, size: f.body.length, sha256: createHash('sha256').update(f.body).digest('hex'), storageKey: key, createdAt: new Date() });
      await this.attachments.insert(row);
      saved.push(row);
    }
    return saved;
  }

  /** Before filing: every id must be the owner's own upload, not yet attached. */
  async checkUnattached(ownerId: string, ids: string[]): Promise<void> {
    if (!ids.length) return;
    const owned = await this.attachments.countBy({ id: In(ids), ownerId, claimId: IsNull() });
    if (owned !== ids.length) throw NOT_YOURS();
  }

  /** Inside the filing transaction: claims the photos for the claim, or fails if another claim took one meanwhile. */
  async attach(em: EntityManager, ownerId: string, ids: string[], claimId: string): Promise<void> {
    if (!ids.length) return;
    const res = await em.update(Attachment, { id: In(ids), ownerId, claimId: IsNull() }, { claimId });
    if (res.affected !== ids.length) throw NOT_YOURS();
  }

  /** The bytes, for the uploader or when `mayRead` says the caller handles the claim it is attached to; else 404. */
  async read(userId: string, id: string, mayRead: (claimId: string) => Promise<boolean>): Promise<{ body: Buffer; mime: string }> {
    const a = await this.attachments.findOneBy({ id });
    if (!a) throw DomainError.notFound();
    if (a.ownerId !== userId && !(a.claimId && (await mayRead(a.claimId)))) throw DomainError.notFound();
    return { body: await this.storage.get(a.storageKey), mime: a.mime };
  }

  /** Uploads never attached within a day: their files and rows go (a claim filed later simply cannot use them). */
  async purgeOrphans(now = new Date()): Promise<number> {
    const stale = await this.attachments.find({ where: { claimId: IsNull(), createdAt: LessThan(new Date(now.getTime() - ORPHAN_UPLOAD_TTL_MS)) }, take: 500 });
    let removed = 0;
    for (const a of stale) {
      const res = await this.attachments.delete({ id: a.id, claimId: IsNull() });
      if (!res.affected) continue;
      await this.storage.remove(a.storageKey);
      removed++;
    }
    return removed;
  }
}
