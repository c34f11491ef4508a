import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createApp, type CreatedApp } from '../src/app.factory';
import { testEnv } from '../test/helpers/test-app';

export const H5_DIST = process.env.JOURNEY_H5_DIST ?? resolve(__dirname, '..', '..', 'miniapp', 'dist', 'h5');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A running deployment to drive instead of a fresh in-process server (the cluster tier: nginx in front of two replicas). */
const REMOTE = process.env.JOURNEY_BASE_URL;

export interface Journey {
  /** The in-process server; undefined when the journey runs against JOURNEY_BASE_URL. */
  server: CreatedApp | undefined;
  baseUrl: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every request to a non-loopback host: the journey fails if any is attempted. */
  blocked: string[];
  /** Every Content-Security-Policy violation Chromium reported in any page's console: the journey fails on any. */
  cspViolations: string[];
  /** Another person on another phone: same server, own storage, same fence on the network. */
  newPhone(): Promise<Page>;
  close(): Promise<void>;
}

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' } as const;

/**
 * JOURNEY_TIMES=1: each journey test's setup and teardown (server boot, browser contexts) and each axe scan are
 * timed on stderr, to see where a slow journey's time goes.
 */
export function timed(what: string, since: number): void {
  if (process.env.JOURNEY_TIMES === '1') process.stderr.write(`[journey time] ${what}: ${Date.now() - since} ms\n`);
}

/** How long a journey's page action, wait or navigation may take before it fails (see `fenced` in startJourney). */
export const ACTION_TIMEOUT_MS = 60_000;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Debian's headless Chromium, as every journey runs it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Fresh embedded database, real server on a free port, a phone-sized Chromium page with the network fenced.
 * `env` changes the server's environment (e.g. production mode on an empty database). `shared`: a running
 * browser to open this journey's contexts in (each context has its own storage, cookies and cache); left open
 * on close. Without it the journey launches its own Chromium and closes it.
 */
export async function startJourney(env: Record<string, string | undefined> = {}, shared?: Browser): Promise<Journey> {
  if (!existsSync(resolve(H5_DIST, 'index.html'))) throw new Error(`H5 build missing at ${H5_DIST}: run pnpm --filter @nuanxin/miniapp build:h5`);
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium missing at ${CHROMIUM}: apt-get install -y chromium`);
  let server: CreatedApp | undefined;
  let baseUrl = REMOTE ?? '';
  const t0 = Date.now();
  if (!REMOTE) {
    server = await createApp({ env: testEnv({ DB_URL: undefined, H5_DIST, SQLITE_PATH: ':memory:', ...env }) });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(server.app.getHttpServer().address() as { port: number }).port}`;
  }
  // A browser of the caller's (useJourney shares one per file) stays open; one launched here closes with the journey.
  const browser = shared ?? (await launchChromium());
  const blocked: string[] = [];
  const cspViolations: string[] = [];
  /** Only loopback, data: and blob: get through; anything else is recorded and refused. CSP reports are kept. */
  const fenced = async (): Promise<BrowserContext> => {
    const ctx = await browser.newContext(PHONE);
    // Playwright gives an action or a navigation 30 s by default; a cold page of the H5 app in Chromium on a loaded
    // 2-core CI machine (load ~20, two replicas behind nginx in the cluster tier) has taken longer. Every wait still
    // ends as soon as its element or response is there.
    ctx.setDefaultTimeout(ACTION_TIMEOUT_MS);
    ctx.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
    ctx.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) cspViolations.push(`${msg.page()?.url() ?? ''}: ${msg.text()}`);
    });
    await ctx.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.protocol === 'data:' || url.protocol === 'blob:' || LOOPBACK.has(url.hostname)) return route.continue();
      blocked.push(url.href);
      return route.abort('blockedbyclient');
    });
    return ctx;
  };
  timed('server boot', t0);
  const t1 = Date.now();
  const context = await fenced();
  const page = await context.newPage();
  timed('browser context + page', t1);
  const others: BrowserContext[] = [];
  return {
    server,
    baseUrl,
    browser,
    context,
    page,
    blocked,
    cspViolations,
    newPhone: async () => {
      const ctx = await fenced();
      others.push(ctx);
      return ctx.newPage();
    },
    close: async () => {
      const t = Date.now();
      await Promise.all(others.splice(0).map((c) => c.close()));
      if (shared) await context.close();
      else await browser.close();
      await server?.app.close();
      timed('close', t);
    },
  };
}

/**
 * A fresh server and fresh browser contexts (own storage, cookies, cache) for each test of the describe block it
 * is called in, in one Chromium per block (launched once: ~1–3 s a launch); after each test, the server and the
 * contexts are closed and the test fails if the app tried to reach any host outside the machine.
 */
export function useJourney(env: () => Record<string, string | undefined> = () => ({})): Journey {
  let j: Journey | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    browser = undefined;
  });
  beforeEach(async () => {
    if (!browser?.isConnected()) browser = await launchChromium();
    j = await startJourney(env(), browser);
  });
  afterEach(async () => {
    const current = j!;
    j = undefined;
    const blocked = [...current.blocked];
    const cspViolations = [...current.cspViolations];
    await current.close();
    expect(blocked).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
  // Stands for the current test's journey, so test code reads `j.page` as it would a plain variable.
  return new Proxy({} as Journey, {
    get(_target, prop: keyof Journey) {
      if (!j) throw new Error('useJourney(): no journey outside a test');
      return j[prop];
    },
  });
}
