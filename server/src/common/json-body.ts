import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DomainError } from './domain-error';

/** No request of ours nests deeper than a few levels; anything deeper is refused before it is parsed. */
export const JSON_MAX_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;

export interface DepthProblem {
  /** The top-level key under which the nesting goes too deep ('' when the body itself is the deep array). */
  field: string;
}

/**
 * Scans JSON text once, without recursion, and reports where containers nest deeper than `max`.
 * Works on UTF-8 bytes: a multi-byte character never contains an ASCII byte, so quotes and brackets are exact.
 * Malformed text is not judged here (JSON.parse does that next); only the depth is.
 */
export function findDepthProblem(body: Buffer | string, max = JSON_MAX_DEPTH): DepthProblem | null {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  let depth = 0;
  let inString = false;
  let topIsObject = false;
  let stringStart = -1;
  let lastTopString = '';
  let currentKey = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) {
        inString = false;
        if (stringStart >= 0) lastTopString = bytes.toString('utf8', stringStart, i + 1);
        stringStart = -1;
      }
      continue;
    }
    if (b === QUOTE) {
      inString = true;
      // Strings directly inside the top-level object may be keys: remember the latest one.
      if (depth === 1 && topIsObject) stringStart = i;
    } else if (b === COLON && depth === 1 && topIsObject) {
      currentKey = lastTopString;
    } else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
      if (depth === 0) topIsObject = b === OPEN_OBJECT;
      depth++;
      if (depth > max) return { field: topIsObject ? decodeKey(currentKey) : '' };
    } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
      depth--;
    }
  }
  return null;
}

function decodeKey(raw: string): string {
  try {
    const key: unknown = JSON.parse(raw);
    return typeof key === 'string' ? key.slice(0, 100) : '';
  } catch {
    return '';
  }
}

export function tooDeepError(problem: DepthProblem): DomainError {
  return DomainError.validation([{ field: problem.field, message: `内容嵌套过深（最多 ${JSON_MAX_DEPTH} 层），请检查提交的数据` }]);
}

/**
 * Replaces the JSON body parser: the depth check first (a deep body would overflow the stack of every
 * recursive walk after it: class-transformer, the idempotency hash), then Fastify's own parser with its
 * proto-poisoning checks and error codes, so malformed and empty bodies answer as before.
 */
export function useJsonBodyParser(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parse = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit }, (req, body, done) => {
    const problem = findDepthProblem(body);
    if (problem) return done(tooDeepError(problem), undefined);
    // Fastify's parser reads a Buffer as well as a string (Nest hands it the same Buffer).
    parse(req as Parameters<typeof parse>[0], body as unknown as string, done);
  });
}
