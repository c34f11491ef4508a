import { isValidOrgCode } from '@nuanxin/shared';

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function param(query: string, name: string): string | null {
  for (const part of query.split('&')) {
    const [key, ...rest] = part.split('=');
    if (key === name && rest.length > 0) return decode(rest.join('='));
  }
  return null;
}

/** The query part of a path or URL, hash routes included (`…/#/pages/join/index?org=XM-MT`). */
function queryOf(text: string): string {
  const at = text.indexOf('?');
  return at < 0 ? '' : text.slice(at + 1).split('#')[0];
}

/**
 * The org code in a scanned join code: a mini-program code path (`pages/join/index?scene=XM-MT`), an H5
 * join URL (`…?org=XM-MT`) or a bare org code. Null when the text is not a join code.
 */
export function orgCodeFromScan(text: string | undefined | null): string | null {
  const raw = (text ?? '').trim();
  if (!raw) return null;
  const query = queryOf(raw);
  const found = query ? (param(query, 'scene') ?? param(query, 'org')) : raw.includes('/') ? null : raw;
  const code = found === null ? null : decode(found).trim();
  return code && isValidOrgCode(code) ? code : null;
}

/** The org the join page was opened for: WeChat `scene` (URL-encoded by WeChat) or the H5 `org` query. */
export function orgCodeFromParams(params: Record<string, string | undefined>): string | null {
  const value = params.scene ?? params.org;
  if (!value) return null;
  const code = decode(value).trim();
  return isValidOrgCode(code) ? code : null;
}
