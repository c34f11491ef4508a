import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { WISH_RULES } from '@nuanxin/shared';
import { createHash } from 'node:crypto';
import { IsNull, LessThan, Repository, type EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { newId } from '../database/columns';
import { sniffImage } from '../storage/sniff-image';
import { FileStorage } from '../storage/storage';
import { WishPhoto } from './wish-photo.entity';

/** Photos never attached to a wish within a day are removed. */
export const WISH_PHOTO_ORPHAN_TTL_MS = 24 * 3600_000;

/** Wish and delivery photos: uploaded first (content-checked like claim evidence), attached to one wish by the action that uses them. */
@Injectable()
export class WishPhotos {
  constructor(
    @InjectRepository(WishPhoto) private readonly photos: Repository<WishPhoto>,
    private readonly storage: FileStorage,
  ) {}

  async upload(ownerId: string, files: Array<{ filename: string; body: Buffer }>): Promise<WishPhoto> {
    if (files.length !== 1) throw DomainError.validation([{ field: 'file', message: '请选择一张照片上传' }]);
    const body = files[0].body;
    const mime = sniffImage(body);
    if (!mime) throw DomainError.validation([{ field: 'file', message: '只能上传 JPEG、PNG 或 WebP 照片' }]);
    if (body.length > WISH_RULES.photoBytesMax) throw new DomainError(413, 'ATTACHMENT_TOO_LARGE');
    const id = newId();
    const key = `wishes/${id.slice(0, 2)}/${id}.${mime.split('/')[1]}`;
    await this.storage.put(key, body);
    const row = this.photos.create({ id, ownerId, wishId: null, mime, size: body.length, sha256: createHash('sha256').update(body).digest('hex'), storageKey: key, createdAt: new Date() });
    await this.photos.insert(row);
    return row;
  }

  /** Before an action: the photo must be the caller's own upload, not yet used. */
  async checkUnattached(ownerId: string, id: string, field: string): Promise<void> {
    if (!(await this.photos.existsBy({ id, ownerId, wishId: IsNull() }))) throw notYours(field);
  }

  /** Inside the action's transaction: the photo now belongs to the wish, or the action fails if another took it meanwhile. */
  async attach(em: EntityManager, ownerId: string, id: string, wishId: string, field: string): Promise<void> {
    const res = await em.update(WishPhoto, { id, ownerId, wishId: IsNull() }, { wishId });
    if (res.affected !== 1) throw notYours(field);
  }

  /** The bytes, for the uploader or when `mayRead` says the caller may see this photo of that wish; else 404. */
  async read(userId: string, id: string, mayRead: (wishId: string, photoId: string) => Promise<boolean>): Promise<{ body: Buffer; mime: string }> {
    const p = await this.photos.findOneBy({ id });
    if (!p) throw DomainError.notFound();
    if (p.ownerId !== userId && !(p.wishId && (await mayRead(p.wishId, p.id)))) throw DomainError.notFound();
    return { body: await this.storage.get(p.storageKey), mime: p.mime };
  }

  async purgeOrphans(now: Date): Promise<number> {
    const stale = await this.photos.find({ where: { wishId: IsNull(), createdAt: LessThan(new Date(now.getTime() - WISH_PHOTO_ORPHAN_TTL_MS)) }, take: 500 });
    let removed = 0;
    for (const p of stale) {
      if (!(await this.photos.delete({ id: p.id, wishId: IsNull() })).affected) continue;
      await this.storage.remove(p.storageKey);
      removed++;
    }
    return removed;
  }
}

const notYours = (field: string) => DomainError.validation([{ field, message: '照片不存在或已被使用，请重新上传' }]);
