import { DomainError } from './domain-error';

/** Keyset pagination over (submittedAt DESC, id DESC): the cursor is the last row's pair, opaque to clients. */
export function encodeCursor(row: { submittedAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.submittedAt.toISOString(), row.id])).toString('base64url');
}

export function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || typeof id !== 'string') throw new Error('bad cursor');
    return { at: date, id };
  } catch {
    throw DomainError.validation([{ field: 'cursor', message: '分页游标不正确' }]);
  }
}
