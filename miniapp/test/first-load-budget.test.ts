// One first-load budget everywhere: ≤ 120 KB transferred until the 驿站 tab shows (the first-load journey measures it
// in Chromium). The size report and the benchmarks page still named the older 150 KB gzip budget.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '../..');
const read = (p: string) => readFileSync(path.join(repo, p), 'utf8');
const kb = (text: string, name: string) => Number(new RegExp(`const ${name} = (\\d+) \\* (?:1024|KB);`).exec(text)?.[1]);

describe('the H5 first-load budget', () => {
  const journey = kb(read('server/test-e2e/first-load.journey.test.ts'), 'FIRST_LOAD_TRANSFER_BUDGET');

  it('is 120 KB in the first-load journey, and the size report holds the entry scripts to the same figure', () => {
    expect(journey).toBe(120);
    const report = read('miniapp/scripts/size-report.mjs');
    expect(kb(report, 'H5_FIRST_LOAD_BUDGET')).toBe(journey);
    expect(report).not.toMatch(/150 ?KB/);
  });

  it('docs/benchmarks.md names 120 KB transferred, and 150 KB only as the budget it replaced', () => {
    const size = read('docs/benchmarks.md').split(/\n## /)[1];
    expect(size.startsWith('Mini-program size')).toBe(true);
    const intro = size.split('\n|')[0];
    expect(intro).toContain('120 KB');
    for (const line of size.split('\n').filter((l) => /150 ?KB/.test(l))) expect(line).toMatch(/older 150 KB|was ≤ 150 KB/);
  });
});
