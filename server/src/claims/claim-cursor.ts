import { DomainError } from '../common/domain-error';

/**
 * Keyset cursors for the two queue orders, opaque to clients and tagged with their order so a cursor from one
 * order is refused by the other:
 * - `deadline`: (dueAt ASC with claims without a deadline last, submittedAt DESC, id DESC);
 * - `newest`: (submittedAt DESC, id DESC).
 */
export interface DeadlineCursor {
  dueAt: Date | null;
  submittedAt: Date;
  id: string;
}

const bad = () => DomainError.validation([{ field: 'cursor', message: '分页游标不正确，请从第一页重新加载' }]);

export function encodeDeadlineCursor(row: { dueAt: Date | null; submittedAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify(['d', row.dueAt?.toISOString() ?? null, row.submittedAt.toISOString(), row.id])).toString('base64url');
}

export function decodeDeadlineCursor(cursor: string): DeadlineCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4 || parsed[0] !== 'd') throw bad();
  const [, due, at, id] = parsed as [string, unknown, unknown, unknown];
  const dueAt = due === null ? null : typeof due === 'string' ? new Date(due) : new Date(NaN);
  const submittedAt = typeof at === 'string' ? new Date(at) : new Date(NaN);
  if ((dueAt && Number.isNaN(dueAt.getTime())) || Number.isNaN(submittedAt.getTime()) || typeof id !== 'string') throw bad();
  return { dueAt, submittedAt, id };
}

/** True when the cursor was issued by the deadline order (so the newest order must refuse it). */
export function isDeadlineCursor(cursor: string): boolean {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(parsed) && parsed[0] === 'd';
  } catch {
    return false;
  }
}
