import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { ValueTransformer } from 'typeorm';

/**
 * AES-256-GCM for sensitive columns (mobile, ID number) plus a keyed HMAC-SHA256 for exact lookups.
 * Stored form: `v1.<keyId>.<base64(iv ‖ tag ‖ ciphertext)>`, so old rows stay readable after a key rotation.
 * TypeORM transformers are static, hence one process-wide keyring set at boot by `configurePii`.
 */
export interface PiiKeyring {
  keys: Map<string, Buffer>;
  activeKeyId: string;
  hmacKey: Buffer;
}

let keyring: PiiKeyring | undefined;

export function parsePiiKeys(spec: string, activeKeyId: string | undefined, hmacKeyB64: string): PiiKeyring {
  const keys = new Map<string, Buffer>();
  let last = '';
  for (const part of spec.split(',')) {
    const [id, b64] = part.split(':');
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32) throw new Error(`PII key ${id} must be 32 bytes (base64)`);
    keys.set(id, key);
    last = id;
  }
  const active = activeKeyId ?? last;
  if (!keys.has(active)) throw new Error(`PII_ACTIVE_KEY_ID ${active} is not among PII_KEYS`);
  return { keys, activeKeyId: active, hmacKey: Buffer.from(hmacKeyB64, 'base64') };
}

export function configurePii(ring: PiiKeyring): void {
  keyring = ring;
}

function ring(): PiiKeyring {
  if (!keyring) throw new Error('PII keyring not configured');
  return keyring;
}

export function encryptPii(plain: string): string {
  const { keys, activeKeyId } = ring();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.get(activeKeyId)!, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v1.${activeKeyId}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

export function decryptPii(stored: string): string {
  const [version, keyId, b64] = stored.split('.');
  const key = ring().keys.get(keyId);
  if (version !== 'v1' || !key || !b64) throw new Error('unreadable encrypted value');
  const raw = Buffer.from(b64, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** Key id a stored value was encrypted with (for re-encryption after rotation). */
export function piiKeyIdOf(stored: string): string {
  return stored.split('.')[1] ?? '';
}

/** Keyed hash for exact-match lookups and dedupe; callers normalise first. */
export function piiHash(normalized: string): string {
  return createHmac('sha256', ring().hmacKey).update(normalized, 'utf8').digest('hex');
}

/** Column transformer: plaintext in the entity, ciphertext in the row. */
export const encryptedColumn: ValueTransformer = {
  to: (value: string | null | undefined) => (value == null ? value : encryptPii(value)),
  from: (value: string | null | undefined) => (value == null ? value : decryptPii(value)),
};
