// Where the test command's time went: each step's wall time (from .tmp/test-logs) and, per Jest/Vitest tier, the
// slowest test files (from the JSON reports in .tmp/results). Run after `pnpm test` (or TIERS=… bash scripts/test-all.sh).
// Usage: node scripts/test-times.mjs [files per tier, default 10]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const top = Number(process.argv[2] ?? 10);
const logs = join(root, '.tmp', 'test-logs');
const results = join(root, '.tmp', 'results');

if (existsSync(logs)) {
  console.log('steps (wall seconds; the two lanes overlap):');
  for (const f of readdirSync(logs).filter((f) => f.endsWith('.log')).sort()) {
    const m = /^(---|!!!) (\S+) (ok|FAILED) \((\d+) s\)$/m.exec(readFileSync(join(logs, f), 'utf8'));
    if (m) console.log(`  ${m[2].padEnd(24)} ${m[4].padStart(5)} s  ${m[3]}`);
  }
}
if (existsSync(results)) {
  for (const f of readdirSync(results).filter((f) => f.endsWith('.json')).sort()) {
    const report = JSON.parse(readFileSync(join(results, f), 'utf8'));
    const files = (report.testResults ?? [])
      .map((s) => ({ path: relative(root, s.name ?? ''), ms: (s.endTime ?? 0) - (s.startTime ?? 0), tests: (s.assertionResults ?? []).length }))
      .sort((a, b) => b.ms - a.ms);
    const total = files.reduce((n, x) => n + x.ms, 0);
    console.log(`${f.replace(/\.json$/, '')}: ${files.length} files, ${(total / 1000).toFixed(0)} s of file time`);
    for (const x of files.slice(0, top)) console.log(`  ${(x.ms / 1000).toFixed(1).padStart(7)} s  ${String(x.tests).padStart(4)} tests  ${x.path}`);
    // The slowest single tests (their own time, without the file's beforeAll): where a slow file's time goes.
    const tests = (report.testResults ?? [])
      .flatMap((suite) => (suite.assertionResults ?? []).map((t) => ({ path: relative(root, suite.name ?? ''), title: t.title ?? '', ms: t.duration ?? 0 })))
      .sort((a, b) => b.ms - a.ms);
    if (tests.length) {
      console.log(`  slowest tests:`);
      for (const x of tests.slice(0, Math.min(top, 5))) console.log(`  ${(x.ms / 1000).toFixed(1).padStart(7)} s  ${x.path.split('/').pop()} › ${x.title.slice(0, 90)}`);
    }
  }
}
