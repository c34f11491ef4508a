import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createApp, type CreatedApp } from '../src/app.factory';
import { testEnv } from '../test/helpers/test-app';

export const H5_DIST = resolve(__dirname, '..', '..', 'miniapp', 'dist', 'h5');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Journey {
  server: CreatedApp;
  baseUrl: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every request to a non-loopback host: the journey fails if any is attempted. */
  blocked: string[];
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Fresh embedded database, real server on a free port, a phone-sized Chromium page with the network fenced. */
export async function startJourney(): Promise<Journey> {
  if (!existsSync(resolve(H5_DIST, 'index.html'))) throw new Error(`H5 build missing at ${H5_DIST}: run pnpm --filter @nuanxin/miniapp build:h5`);
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium missing at ${CHROMIUM}: apt-get install -y chromium`);
  const server = await createApp({ env: testEnv({ DB_URL: undefined, H5_DIST, SQLITE_PATH: ':memory:' }) });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const address = server.app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || LOOPBACK.has(url.hostname)) return route.continue();
    blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  return {
    server,
    baseUrl,
    browser,
    context,
    page,
    blocked,
    close: async () => {
      await browser.close();
      await server.app.close();
    },
  };
}
