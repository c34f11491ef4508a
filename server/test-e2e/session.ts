import { idNumberCheckChar } from '@nuanxin/shared';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

/**
 * Logs `openid` in through POST /api/auth/dev from inside the page and stores the tokens under the keys
 * the app uses (services/session.ts), wrapped the way Taro's H5 setStorageSync writes them ({ data }).
 * A new openid is a new worker; a demo openid keeps its seeded roles.
 */
export async function loginAs(page: Page, baseUrl: string, openid: string): Promise<void> {
  if (!page.url().startsWith(baseUrl)) await page.goto(`${baseUrl}/`);
  await page.evaluate(async (id) => {
    const res = await fetch('/api/auth/dev', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ openid: id }) });
    if (!res.ok) throw new Error(`dev login failed: ${res.status}`);
    const t = (await res.json()) as { accessToken: string; refreshToken: string; accessExpiresIn: number; user: unknown };
    // Runs in the page; the server's tsconfig has no DOM types.
    const storage = (globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } }).localStorage;
    const put = (key: string, data: string) => storage.setItem(key, JSON.stringify({ data }));
    put('nx.accessToken', t.accessToken);
    put('nx.refreshToken', t.refreshToken);
    put('nx.accessExpiresAt', String(Date.now() + t.accessExpiresIn * 1000));
    put('nx.user', JSON.stringify(t.user));
  }, openid);
}

/**
 * Polls until `read` gives `want` (pages update after their request answers); fails with the last value. Up to 30 s by
 * default: a page's answer can take several seconds on a loaded CI machine; a right value ends the wait at once.
 */
export async function until<T>(read: () => Promise<T>, want: T, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last: T = await read();
  while (last !== want && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  expect(last).toBe(want);
}

/** A call to the journey's server as staff or a second phone would make it (POSTs carry a fresh Idempotency-Key). */
export async function apiCall<T>(baseUrl: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(method === 'POST' ? { 'Idempotency-Key': randomUUID() } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** An access token for `openid` through dev login (a new openid is a new worker; a demo openid keeps its roles). */
export async function devToken(baseUrl: string, openid: string): Promise<string> {
  const res = await apiCall<{ accessToken: string }>(baseUrl, 'POST', '/api/auth/dev', undefined, { openid });
  if (res.status !== 200) throw new Error(`dev login failed: ${res.status}`);
  return res.body.accessToken;
}

/** A 1×1 PNG: the server sniffs the content, so it must be a real image. */
export const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** Near 中山路工会驿站 (the demo station master's station), as the phone reports a position. */
export const NEAR_ZHONGSHAN = { latitude: 24.4555, longitude: 118.0796 };

/** The last element with this data-testid (Taro's H5 keeps earlier pages of the stack in the DOM). */
export const testId = (page: Page, id: string): Locator => page.locator(`[data-testid=${id}]`).last();

/** Waits for the element, then until its text is exactly `text` (a page updates once its request answers). */
export async function expectText(locator: Locator, text: string, timeoutMs?: number): Promise<void> {
  await locator.waitFor({ timeout: timeoutMs });
  await until(() => locator.textContent(), text, timeoutMs);
}

/** A valid ID number (Xiamen Siming, born on 1 January `bornYear` + n days, sequence `seq`), with the shared check char. */
export function idNumber(n: number, seq = '321', bornYear = 1990): string {
  const born = new Date(Date.UTC(bornYear, 0, 1) + n * 86400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `350203${born}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

/**
 * A fresh temporary folder for each test of the describe block it is called in (removed after the test);
 * `png(name)` writes PNG_1PX there and gives its path, for a file chooser.
 */
export function usePhotoDir(prefix: string): { png(name: string): string } {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    png(name: string) {
      const file = join(dir, name);
      writeFileSync(file, Buffer.from(PNG_1PX, 'base64'));
      return file;
    },
  };
}
