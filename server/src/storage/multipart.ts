import type { FastifyRequest } from 'fastify';
import { DomainError } from '../common/domain-error';

export interface UploadedFile {
  filename: string;
  body: Buffer;
}

/**
 * The photos of a multipart upload, read whole (each part is capped by the multipart limits set in app.factory).
 * Only the `file` field is taken; too many files or one too large is a 4xx with the caller's wording.
 */
export async function readUploadedFiles(req: FastifyRequest, tooMany: string): Promise<UploadedFile[]> {
  if (!req.isMultipart()) throw new DomainError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传照片');
  const files: UploadedFile[] = [];
  try {
    for await (const part of req.files()) {
      if (part.fieldname !== 'file') throw DomainError.validation([{ field: part.fieldname, message: '照片请放在 file 字段上传' }]);
      files.push({ filename: part.filename, body: await part.toBuffer() });
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new DomainError(413, 'ATTACHMENT_TOO_LARGE');
    if (code === 'FST_FILES_LIMIT') throw DomainError.validation([{ field: 'file', message: tooMany }]);
    throw err;
  }
  return files;
}
