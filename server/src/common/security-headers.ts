import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { createHash } from 'node:crypto';

/**
 * AMap JS API 2.0, the H5 map (miniapp `map-amap-loader.ts`): the loader script and its modules come from
 * webapi.amap.com, services from restapi.amap.com, vector data from vdata.amap.com, tiles and icons from
 * *.amap.com and *.is.autonavi.com; it draws in workers made from blob: URLs and paints images from data:/blob:.
 */
const AMAP_SCRIPTS = ['https://webapi.amap.com', 'https://*.amap.com'];
const AMAP_DATA = ['https://*.amap.com', 'https://*.is.autonavi.com'];

type Directives = Record<string, string[]>;

/** The H5 app: our own origin, plus AMap; inline scripts only by hash (Taro's one rem script in index.html). */
function appDirectives(scriptHashes: string[], https: boolean): Directives {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
    'script-src': ["'self'", ...scriptHashes, ...AMAP_SCRIPTS],
    'script-src-attr': ["'none'"],
    // Taro's runtime, NutUI and AMap insert <style> elements at run time: inline styles stay allowed, scripts do not.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...AMAP_DATA],
    // blob: — Taro's H5 uploadFile reads the chosen photo back from its blob: URL before posting it.
    'connect-src': ["'self'", 'blob:', ...AMAP_DATA],
    'worker-src': ["'self'", 'blob:'],
    'font-src': ["'self'", 'data:'],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/** Swagger UI at /api/docs: its own scripts and stylesheet, an inline <style> and inline SVG/data: icons. */
function docsDirectives(https: boolean): Directives {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/** `'sha256-…'` of every inline <script> (no src) in an HTML page, for script-src. */
export function inlineScriptHashes(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(m[1]) || !m[2]) continue;
    out.push(`'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
  }
  return out;
}

/** Runs helmet once against a recorder: the headers are fixed, so no request pays for building them. */
function headersOf(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = value),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet(options)({} as never, recorder as never, () => undefined);
  return headers;
}

/**
 * An API answer (JSON, a photo, an export file) is never a page that runs anything: `default-src 'none'` (nothing
 * loads or runs if one is opened as a document), not framed, not sniffed, not read by other origins' pages.
 */
function apiDirectives(https: boolean): Directives {
  return {
    'default-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}
/** What an API answer keeps of helmet's set; the rest (DNS prefetch, COOP, origin-agent-cluster, …) concern pages. */
const API_HEADERS = ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'cross-origin-resource-policy', 'strict-transport-security'];

export interface SecurityHeaders {
  /** Every page and other response: nosniff, frame-ancestors 'none' / X-Frame-Options DENY, referrer policy, the app's CSP, HSTS on https. */
  all: Record<string, string>;
  /**
   * Every `/api/` answer but the OpenAPI page: the API's CSP, nosniff, X-Frame-Options DENY, referrer policy,
   * same-origin resource policy, HSTS on https. Six headers instead of thirteen on the hottest responses
   * (docs/benchmarks.md, "The request pipeline").
   */
  api: Record<string, string>;
  /**
   * The H5 app's scripts, stylesheets, images and fonts: nosniff, same-origin resource policy, HSTS on https.
   * A CSP or frame options mean nothing on a file that is not a document, and ~1 KB of them on each of the
   * first load's ~25 files cost more than the small files themselves.
   */
  asset: Record<string, string>;
  /** The CSP of the H5 index page, whose inline scripts are allowed by hash. */
  appPolicy(html: string): string;
  docsPolicy: string;
}

export function securityHeaders(publicBaseUrl: string): SecurityHeaders {
  const https = publicBaseUrl.startsWith('https://');
  const base = (directives: Directives): HelmetOptions => ({
    contentSecurityPolicy: { useDefaults: false, directives },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Browsers ignore HSTS on http; sent only when riders reach us over https.
    strictTransportSecurity: https ? { maxAge: 31536000, includeSubDomains: false } : false,
  });
  const csp = (directives: Directives) => headersOf(base(directives))['content-security-policy'];
  const cache = new Map<string, string>();
  const all = headersOf(base(appDirectives([], https)));
  const ASSET_HEADERS = ['x-content-type-options', 'cross-origin-resource-policy', 'strict-transport-security'];
  const apiAll = headersOf(base(apiDirectives(https)));
  return {
    all,
    api: Object.fromEntries(Object.entries(apiAll).filter(([name]) => API_HEADERS.includes(name))),
    asset: Object.fromEntries(Object.entries(all).filter(([name]) => ASSET_HEADERS.includes(name))),
    appPolicy(html) {
      const hashes = inlineScriptHashes(html);
      const key = hashes.join(' ');
      let policy = cache.get(key);
      if (!policy) cache.set(key, (policy = csp(appDirectives(hashes, https))));
      return policy;
    },
    docsPolicy: csp(docsDirectives(https)),
  };
}

/** A file of the H5 app that is never rendered as a document (SVG can be: it keeps the full set). */
const ASSET = /\.(?:js|css|png|jpe?g|webp|gif|ico|woff2?|ttf|map)(?:[?#]|$)/;

/**
 * Sets the headers on every response (API, H5 files, errors, 404s): the API's small set on `/api/`, the page set
 * on the H5 app's pages, the file set on its scripts and images; /api/docs gets the page set with the CSP Swagger UI needs; with
 * `requestId`, also `x-request-id` (Fastify's request id: the client's, or one made for the request). One sync
 * onRequest hook for all of them, the header pairs precomputed, an API path told apart by its first characters.
 * Set as Fastify's reply headers, before any handler runs, so a route's own `reply.header()` or a static file's
 * headers win (the later write of a name replaces it). Not on the raw response, as helmet does: one `setHeader` there
 * sends every header of the answer through Node's per-header path (validated, lowercased and stored one by one)
 * instead of being written out in one pass at `writeHead` — ~6 µs of a nearby request (docs/benchmarks.md).
 */
export function registerSecurityHeaders(fastify: FastifyInstance, headers: SecurityHeaders, options: { requestId?: boolean } = {}): void {
  const entries = Object.entries(headers.all);
  const apiEntries = Object.entries(headers.api);
  const assetEntries = Object.entries(headers.asset);
  const withRequestId = options.requestId === true;
  fastify.addHook('onRequest', (req, reply, done) => {
    const url = req.url;
    const api = url.startsWith('/api/');
    const docs = api && url.startsWith('/api/docs');
    const list = docs ? entries : api ? apiEntries : ASSET.test(url) ? assetEntries : entries;
    for (let i = 0; i < list.length; i++) reply.header(list[i][0], list[i][1]);
    if (docs) reply.header('content-security-policy', headers.docsPolicy);
    if (withRequestId) reply.header('x-request-id', req.id);
    done();
  });
}
