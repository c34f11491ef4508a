// Post-build step of build:h5: writes brotli (.br) and gzip (.gz) copies of the H5 app's text assets beside them,
// at the highest levels (done once per build, not per request). The server sends them with Content-Encoding to
// browsers that accept them (@fastify/static preCompressed). index.html is left alone: the server sends it itself,
// uncached, with a CSP computed from its bytes.
// Usage: node scripts/precompress.mjs [dir]  (default dist/h5)
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIR = process.argv[2] ?? join(ROOT, 'dist/h5');
const TEXT = /\.(js|css|svg|json|map|txt)$/;
// Below this a compressed copy saves less than a packet's headers cost.
const MIN_BYTES = 1024;

function listFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

let raw = 0;
let br = 0;
let gz = 0;
let count = 0;
for (const file of listFiles(DIR)) {
  if (!TEXT.test(file)) continue;
  const bytes = readFileSync(file);
  if (bytes.length < MIN_BYTES) continue;
  const brotli = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  const gzip = gzipSync(bytes, { level: 9 });
  // A copy that is not smaller is not written: the server then sends the file itself.
  if (brotli.length < bytes.length) writeFileSync(`${file}.br`, brotli);
  if (gzip.length < bytes.length) writeFileSync(`${file}.gz`, gzip);
  raw += bytes.length;
  br += Math.min(brotli.length, bytes.length);
  gz += Math.min(gzip.length, bytes.length);
  count += 1;
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`precompressed ${count} files in ${relative(ROOT, DIR) || DIR}: ${kb(raw)} raw → ${kb(br)} brotli, ${kb(gz)} gzip`);
