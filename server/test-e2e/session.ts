import type { Page } from 'playwright-core';

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
