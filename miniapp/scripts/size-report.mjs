// Size budget for the builds: every weapp package (WeChat refuses > 2 MB per package) and the
// JS that dist/h5/index.html names, as sent (the brotli copies build:h5 writes; gzip where there is none). The
// budget is the whole first load: ≤ 120 KB transferred until the 驿站 tab shows (scripts, stylesheets, the page,
// headers), measured in Chromium by server/test-e2e/first-load.journey.test.ts, which fails above it; here the
// entry scripts alone are held against it as an early warning.
// Usage: node scripts/size-report.mjs  (after build:weapp and build:h5)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WEAPP = join(ROOT, 'dist/weapp');
const H5 = join(ROOT, 'dist/h5');

const KB = 1024;
const MB = 1024 * KB;
const PACKAGE_LIMIT = 2 * MB;
const MAIN_BUDGET = 1 * MB;
const H5_FIRST_LOAD_BUDGET = 120 * KB;
// Developer-tool settings, not part of the uploaded code package.
const NOT_PACKAGED = new Set(['project.config.json', 'project.private.config.json']);

const fmt = (bytes) => (bytes >= MB ? `${(bytes / MB).toFixed(2)} MB` : `${(bytes / KB).toFixed(1)} KB`);

function listFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

let failed = false;
const fail = (msg) => {
  console.error(`ERROR: ${msg}`);
  failed = true;
};
const warn = (msg) => console.log(`WARNING: ${msg}`);

function reportWeapp() {
  const appJson = join(WEAPP, 'app.json');
  if (!existsSync(appJson)) return fail('dist/weapp/app.json not found: run build:weapp first');
  const app = JSON.parse(readFileSync(appJson, 'utf8'));
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/+$/, ''));
  const sizes = new Map([['main', 0], ...roots.map((r) => [r, 0])]);
  for (const file of listFiles(WEAPP)) {
    const rel = relative(WEAPP, file).split(sep).join('/');
    if (NOT_PACKAGED.has(rel)) continue;
    const owner = roots.find((r) => rel === r || rel.startsWith(`${r}/`)) ?? 'main';
    sizes.set(owner, sizes.get(owner) + statSync(file).size);
  }
  let total = 0;
  console.log('weapp packages:');
  for (const [name, bytes] of sizes) {
    total += bytes;
    console.log(`  ${name === 'main' ? 'main package' : `subpackage ${name}`}: ${fmt(bytes)} (${bytes} B)`);
    if (bytes > PACKAGE_LIMIT) fail(`weapp ${name} is ${fmt(bytes)}, over WeChat's 2 MB per-package limit`);
  }
  console.log(`  total: ${fmt(total)} (${total} B)`);
  // Our own budget, held like WeChat's limit: a main package over 1 MB fails the build check.
  if (sizes.get('main') > MAIN_BUDGET) fail(`weapp main package is ${fmt(sizes.get('main'))}, over our 1 MB budget: move pages into subpackages`);
}

function reportH5() {
  const indexHtml = join(H5, 'index.html');
  if (!existsSync(indexHtml)) return fail('dist/h5/index.html not found: run build:h5 first');
  const html = readFileSync(indexHtml, 'utf8');
  const srcs = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
  let raw = 0;
  let gzip = 0;
  let sent = 0;
  console.log('h5 entry scripts (named in index.html; the full first load is measured by the first-load journey):');
  for (const src of srcs) {
    if (/^(https?:)?\/\//.test(src)) {
      console.log(`  ${src}: external, not counted`);
      continue;
    }
    const file = join(H5, src.replace(/^\//, '').split(/[?#]/)[0]);
    if (!existsSync(file)) {
      fail(`${src} is referenced by index.html but missing from dist/h5`);
      continue;
    }
    const bytes = readFileSync(file);
    const gz = gzipSync(bytes).length;
    const br = existsSync(`${file}.br`) ? statSync(`${file}.br`).size : null;
    raw += bytes.length;
    gzip += gz;
    sent += br ?? gz;
    console.log(`  ${src}: ${fmt(bytes.length)} raw, ${fmt(gz)} gzip${br === null ? '' : `, ${fmt(br)} brotli (sent)`}`);
  }
  console.log(`  h5 entry JS: ${fmt(raw)} raw, ${fmt(gzip)} gzip, ${fmt(sent)} as sent (${sent} B)`);
  if (sent > H5_FIRST_LOAD_BUDGET) warn(`h5 entry JS alone is ${fmt(sent)} as sent, over the 120 KB first-load budget (transferred until the 驿站 tab shows)`);
}

reportWeapp();
reportH5();
process.exit(failed ? 1 : 0);
