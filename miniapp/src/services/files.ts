import Taro from '@tarojs/taro';
import { ApiError, CLIENT_ERROR_MESSAGES, ClientErrorCode, http, newIdempotencyKey, toApiError } from './http';
import { getAccessToken } from './session';

/** What a photo upload route answers (`{ id, mime, size }`, or a list of them). */
export interface UploadedPhoto {
  id: string;
  mime: string;
  size: number;
}

const UPLOAD_TIMEOUT_MS = 60_000;

function transportError(reason: unknown): ApiError {
  const text = String((reason as { errMsg?: string } | null)?.errMsg ?? (reason as Error | null)?.message ?? '');
  const code = /timeout|timed out/i.test(text) ? ClientErrorCode.TIMEOUT : ClientErrorCode.NETWORK_ERROR;
  return new ApiError({ status: 0, code, message: CLIENT_ERROR_MESSAGES[code] });
}

function authHeader(): Record<string, string> {
  const token = getAccessToken();
  return token ? { Authorization: `Bearer ${token}`, Accept: 'application/json' } : { Accept: 'application/json' };
}

/** Uploads and downloads bypass the JSON client: on 401 let it refresh the session (single flight), then try once more. */
async function withFreshSession<R extends { statusCode: number }>(send: () => Promise<R>): Promise<R> {
  const first = await send();
  if (first.statusCode !== 401) return first;
  await http.get('/api/me', { retries: 0 });
  return send();
}

/**
 * Uploads one photo (multipart field `file`) to `url` with Taro.uploadFile (weapp temp path or H5 blob URL); `onProgress`
 * gets 0–100. One Idempotency-Key per photo, kept for the retry after a refreshed session: a photo sent twice is stored
 * once where the route honours the key (claim evidence), and a route without it ignores the header.
 */
export async function uploadPhotoTo(url: string, filePath: string, onProgress?: (percent: number) => void): Promise<UploadedPhoto> {
  const key = newIdempotencyKey();
  const send = async () => {
    const header = { ...authHeader(), 'Idempotency-Key': key };
    const task = Taro.uploadFile({ url, filePath, name: 'file', header, timeout: UPLOAD_TIMEOUT_MS });
    if (onProgress && typeof task.progress === 'function') task.progress((p) => onProgress(p.progress));
    try {
      const res = await task;
      return { statusCode: res.statusCode, data: res.data as unknown };
    } catch (err) {
      throw transportError(err);
    }
  };
  const res = await withFreshSession(send);
  if (res.statusCode < 200 || res.statusCode >= 300) throw toApiError(res.statusCode, res.data);
  const body = (typeof res.data === 'string' ? JSON.parse(res.data) : res.data) as UploadedPhoto[] | UploadedPhoto;
  const photo = Array.isArray(body) ? body[0] : body;
  if (!photo?.id) throw toApiError(500, undefined);
  return photo;
}

const photoCache = new Map<string, string>();

/**
 * A displayable source for a photo behind the auth header (<Image src> cannot send it): Taro.downloadFile gives
 * a temp file on weapp and a blob URL on H5. Cached for the session by URL.
 */
export async function loadPhotoFrom(url: string): Promise<string> {
  const cached = photoCache.get(url);
  if (cached) return cached;
  const send = async () => {
    try {
      const res = await Taro.downloadFile({ url, header: authHeader() });
      return { statusCode: res.statusCode, tempFilePath: res.tempFilePath };
    } catch (err) {
      throw transportError(err);
    }
  };
  const res = await withFreshSession(send);
  if (res.statusCode !== 200 || !res.tempFilePath) throw toApiError(res.statusCode || 500, undefined);
  photoCache.set(url, res.tempFilePath);
  return res.tempFilePath;
}
