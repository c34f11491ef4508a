// Sums Jest/Vitest JSON reports (numPassedTests, numFailedTests, numPendingTests) into one closing line.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const failedSteps = (process.argv[3] ?? '').split(',').filter(Boolean);
let passed = 0, failed = 0, skipped = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const r = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const p = r.numPassedTests ?? 0, f = r.numFailedTests ?? 0, s = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`  ${file.replace(/\.json$/, '').padEnd(22)} ${p} passed, ${f} failed${s ? `, ${s} skipped` : ''}`);
  passed += p; failed += f; skipped += s;
}
// A check that is not a test runner (lint, type check, build, size budget) counts as one test.
for (const step of failedSteps) console.log(`  FAILED step: ${step}`);
failed += failedSteps.length;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
