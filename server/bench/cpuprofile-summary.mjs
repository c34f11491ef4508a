#!/usr/bin/env node
/**
 * Self time of a V8 .cpuprofile (node --cpu-prof), summed per function and per file/package, as shares of the
 * samples: `node bench/cpuprofile-summary.mjs /tmp/prof/CPU.*.cpuprofile [--top 30]`. Several files are summed.
 * Used to read where a benchmark's server spends each request (docs/benchmarks.md, "The request pipeline").
 */
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 30;
// --incl a,b: inclusive share of the samples with a frame matching each (function name or file group, substring).
const inclAt = args.indexOf('--incl');
const incl = inclAt >= 0 ? args.splice(inclAt, 2)[1].split(',') : [];
const inclCounts = new Map(incl.map((p) => [p, 0]));
// --after PATTERN: count only the samples from the first one with a frame matching PATTERN (skips the boot).
const afterAt = args.indexOf('--after');
const after = afterAt >= 0 ? args.splice(afterAt, 2)[1] : null;
if (!args.length) {
  console.error('usage: cpuprofile-summary.mjs FILE.cpuprofile… [--top N]');
  process.exit(2);
}

const byFn = new Map();
const byFile = new Map();
let total = 0;

/** node_modules/.pnpm/x@1/node_modules/x/lib/a.js → x; our own files keep their path from src/. */
function fileGroup(url) {
  if (!url) return '(native / idle / gc)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return url;
  const src = url.search(/\/(dist|src|\.bench)\//);
  return src >= 0 ? url.slice(src + 1) : url;
}

for (const file of args) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const counts = new Map();
  const stackHas = (id, pattern) => {
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const f = nodes.get(at).callFrame;
      if (`${f.functionName} ${fileGroup(f.url)}`.includes(pattern)) return true;
    }
    return false;
  };
  let started = !after;
  for (const id of prof.samples) {
    if (!started) started = stackHas(id, after);
    if (started) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  for (const [id, n] of counts) {
    const node = nodes.get(id);
    const cf = node.callFrame;
    const fn = `${cf.functionName || '(anonymous)'} ${fileGroup(cf.url)}:${cf.lineNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + n);
    const group = cf.url ? fileGroup(cf.url) : cf.functionName ? `(${cf.functionName})` : '(native)';
    byFile.set(group, (byFile.get(group) ?? 0) + n);
    total += n;
    if (incl.length && cf.functionName !== '(idle)') {
      const frames = [];
      for (let at = id; at !== undefined; at = parent.get(at)) {
        const f = nodes.get(at).callFrame;
        frames.push(`${f.functionName} ${fileGroup(f.url)}`);
      }
      for (const p of incl) if (frames.some((f) => f.includes(p))) inclCounts.set(p, inclCounts.get(p) + n);
    }
  }
}

const idle = (byFile.get('((idle))') ?? 0) + (byFile.get('((program))') ?? 0) * 0;
const busy = total - (byFile.get('((idle))') ?? 0);
const pct = (n) => `${((n / busy) * 100).toFixed(1).padStart(5)} %`;
console.log(`${total} samples, ${busy} not idle (shares below are of the non-idle samples; idle ${idle})`);
console.log(`\nself time by file / package (top ${top}):`);
for (const [k, n] of [...byFile].filter(([k]) => k !== '((idle))').sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(n)}  ${k}`);
console.log(`\nself time by function (top ${top}):`);
for (const [k, n] of [...byFn].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(n)}  ${k}`);
if (incl.length) {
  console.log('\ninclusive (a frame on the stack matching):');
  for (const [p, n] of inclCounts) console.log(`${pct(n)}  ${p}`);
}
