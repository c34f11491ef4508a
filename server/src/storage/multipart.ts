import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { DomainError } from '../common/domain-error';

export interface UploadedFile {
  filename: string;
  body: Buffer;
}

type Buffered = { files: UploadedFile[] } | { error: unknown };

/** A request's multipart body can be read once: the first reader (the idempotency hash or the route) keeps it here. */
const readOnce = new WeakMap<FastifyRequest, Promise<Buffered>>();

/** Reads the parts whole (each is capped by the multipart limits set in app.factory); an error is kept, not thrown. */
function bufferParts(req: FastifyRequest): Promise<Buffered> {
  let read = readOnce.get(req);
  if (!read) {
    read = (async (): Promise<Buffered> => {
      const files: UploadedFile[] = [];
      try {
        for await (const part of req.files()) {
          if (part.fieldname !== 'file') throw DomainError.validation([{ field: part.fieldname, message: '照片请放在 file 字段上传' }]);
          files.push({ filename: part.filename, body: await part.toBuffer() });
        }
        return { files };
      } catch (error) {
        return { error };
      }
    })();
    readOnce.set(req, read);
  }
  return read;
}

/**
 * The photos of a multipart upload, read whole. Only the `file` field is taken; too many files or one too large is a
 * 4xx with the caller's wording.
 */
export async function readUploadedFiles(req: FastifyRequest, tooMany: string): Promise<UploadedFile[]> {
  if (!req.isMultipart()) throw new DomainError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传照片');
  const read = await bufferParts(req);
  if ('files' in read) return read.files;
  const code = (read.error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') throw new DomainError(413, 'ATTACHMENT_TOO_LARGE');
  if (code === 'FST_FILES_LIMIT') throw DomainError.validation([{ field: 'file', message: tooMany }]);
  throw read.error;
}

/**
 * What a multipart upload carries, for the idempotency request hash: the sha256 of each file's bytes in order (the
 * same key with another photo is another request). Null for a request that is not multipart. A body that cannot be
 * read gives its error code: the route answers that error, and no answer is stored under the key.
 */
export async function uploadDigest(req: FastifyRequest): Promise<string[] | null> {
  if (typeof req.isMultipart !== 'function' || !req.isMultipart()) return null;
  const read = await bufferParts(req);
  if ('error' in read) return [`error:${(read.error as { code?: string }).code ?? 'unreadable'}`];
  return read.files.map((f) => createHash('sha256').update(f.body).digest('hex'));
}
