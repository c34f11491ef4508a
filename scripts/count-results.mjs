// Reads the Jest/Vitest JSON reports of every tier and prints, per tier, what ran; then the distinct tests (the
// server tests run on SQLite and on MariaDB: one test, two runs) and one closing line counted in distinct tests:
// "N passed, N failed[, N skipped]". A test file that fails to load counts as a failed test of its own (its tests
// never ran); a failed check that is not a test runner (lint, type check, build, size budget) counts as one.
// Usage: node scripts/count-results.mjs <reports dir> <comma list of failed steps> [<comma list of skipped tiers>]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const [dir, failedArg = '', skippedArg = ''] = process.argv.slice(2);
const failedSteps = failedArg.split(',').filter(Boolean);
const skippedTiers = skippedArg.split(',').filter(Boolean);
const root = resolve(dir, '..', '..');

/** Distinct test → worst status over its runs (failed > passed > skipped). */
const distinct = new Map();
const RANK = { skipped: 0, passed: 1, failed: 2 };
const record = (key, status) => {
  const prev = distinct.get(key);
  if (!prev || RANK[status] > RANK[prev]) distinct.set(key, status);
};
const statusOf = (s) => (s === 'passed' ? 'passed' : s === 'failed' ? 'failed' : 'skipped');
/** Every failed test run, named, with the first line of its failure: printed last, so CI's tail shows them. */
const failures = [];
const firstLine = (messages) => {
  // eslint-disable-next-line no-control-regex
  const text = String((messages ?? [])[0] ?? '').replace(/\u001b\[[0-9;]*m/g, '');
  const lines = text.split('\n').map((l) => l.trim());
  let line = lines.find((l) => l && !l.startsWith('●')) ?? '';
  if (line.length > 160) line = `${line.slice(0, 157)}...`;
  // A Playwright timeout names the locator it waited for on a later line; and where in the test file it failed.
  const waited = lines.map((l) => /^-? *waiting for (.+)$/.exec(l)?.[1]).find(Boolean);
  const at = lines.map((l) => /\(?((?:[^\s()]*\/)?(?:test|test-e2e|src)\/[^\s():]+\.[cm]?[jt]sx?:\d+)(?::\d+)?\)?$/.exec(l)).find((m) => m && !m[1].includes('node_modules'))?.[1];
  const extra = [waited && `waiting for ${waited.length > 120 ? `${waited.slice(0, 117)}...` : waited}`, at && `at ${at.replace(/^.*?\/(?=(?:server|miniapp|shared)\/)/, '')}`].filter(Boolean);
  return extra.length ? `${line} (${extra.join('; ')})` : line;
};

/**
 * Vitest fails a run on an error thrown outside any test (an unhandled rejection after a test ended) while every
 * test passed: its JSON report does not name it, its log does. Each such error, with the file and test Vitest blames.
 */
function unhandledErrors(tier) {
  const log = join(root, '.tmp', 'test-logs', `${tier}.log`);
  if (!existsSync(log)) return [];
  // eslint-disable-next-line no-control-regex
  const lines = readFileSync(log, 'utf8').replace(/\u001b\[[0-9;]*m/g, '').split('\n');
  const found = [];
  lines.forEach((line, i) => {
    if (!/^⎯+ *Unhandled (Rejection|Error)\b/.test(line.trim())) return;
    const error = lines.slice(i + 1, i + 4).map((l) => l.trim()).find(Boolean) ?? '';
    const rest = lines.slice(i + 1, i + 30).join('\n');
    const file = /originated in "([^"]+)"/.exec(rest)?.[1];
    const test = /latest test that might've caused the error is "([^"]+)"/.exec(rest)?.[1];
    found.push(`${tier}: unhandled error ${error}${file ? ` (from ${file}${test ? ` › ${test}` : ''})` : ''}`);
  });
  return found;
}

/** Tiers whose report names at least one failure: their failed step is those failures, not one more. */
const tiersWithFailures = new Set();
console.log(`  ${'tier'.padEnd(22)} ${'passed'.padStart(6)} ${'failed'.padStart(6)} ${'skipped'.padStart(7)}`);
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const tier = file.replace(/\.json$/, '');
  const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const n = { passed: 0, failed: 0, skipped: 0 };
  const unloaded = [];
  for (const suite of report.testResults ?? []) {
    const path = relative(root, suite.name ?? suite.testFilePath ?? '');
    const tests = suite.assertionResults ?? [];
    if (suite.status === 'failed' && !tests.some((t) => t.status === 'failed')) {
      // Failed outside any test: the file did not load (syntax, import, a beforeAll that threw).
      unloaded.push(path);
      failures.push(`${tier}: ${path} (did not run: ${firstLine([suite.message])})`);
      n.failed++;
      record(`${path} (file)`, 'failed');
    }
    for (const t of tests) {
      const s = statusOf(t.status);
      n[s]++;
      if (s === 'failed') failures.push(`${tier}: ${path} › ${t.fullName ?? t.title} — ${firstLine(t.failureMessages)}`);
      record(`${path} › ${t.fullName ?? [...(t.ancestorTitles ?? []), t.title].join(' ')}`, s);
    }
  }
  if (n.failed) tiersWithFailures.add(tier);
  console.log(`  ${tier.padEnd(22)} ${String(n.passed).padStart(6)} ${String(n.failed).padStart(6)} ${String(n.skipped).padStart(7)}`);
  failures.push(...unhandledErrors(tier));
  for (const path of unloaded) console.log(`    FAILED to run: ${path}`);
}
for (const tier of skippedTiers) console.log(`  ${tier.padEnd(22)} skipped as asked`);
for (const step of failedSteps) console.log(`  FAILED step: ${step}`);
if (failures.length) {
  const shown = 40;
  console.log(`failed tests (${failures.length}):`);
  for (const f of failures.slice(0, shown)) console.log(`  FAILED ${f}`);
  if (failures.length > shown) console.log(`  … and ${failures.length - shown} more (the JSON reports in ${relative(root, dir)})`);
}

const total = { passed: 0, failed: 0, skipped: 0 };
for (const s of distinct.values()) total[s]++;
// A failed step counts as one failure of its own only when its report names none (lint, a build, a crashed runner).
total.failed += failedSteps.filter((step) => !tiersWithFailures.has(step)).length;
console.log(`  distinct tests: ${distinct.size} (a server test run on SQLite and on MariaDB counts once)`);
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed ? 1 : 0);
