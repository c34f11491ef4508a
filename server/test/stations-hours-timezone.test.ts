import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Opening hours (shared/src/stations.ts) are Beijing time whatever the server's zone: the same computations run in child processes started
 * with other TZ settings (a process reads TZ once at start-up) and must give the same answers as in Asia/Shanghai.
 */
const SRC = resolve(__dirname, '..', '..', 'shared', 'src', 'stations.ts');

/** Runs in the child: loads the TypeScript source through SWC and prints the results as JSON. */
const CHILD = `
const fs = require('node:fs');
const { transformSync } = require('@swc/core');
require.extensions['.ts'] = (m, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } });
  m._compile(code, filename);
};
const { openState } = require(${JSON.stringify(SRC)});
const week = (ranges) => ({ alwaysOpen: false, days: Array.from({ length: 7 }, () => ranges) });
const cases = [
  // [hours, closures, instant]
  [week([{ open: '09:00', close: '17:00' }]), [], '2026-11-23T00:59:00Z'],
  [week([{ open: '09:00', close: '17:00' }]), [], '2026-11-23T01:00:00Z'],
  [week([{ open: '09:00', close: '17:00' }]), [], '2026-11-23T08:59:00Z'],
  // overnight 22:00–06:00, around local midnight in New York and in Beijing
  [week([{ open: '22:00', close: '06:00' }]), [], '2026-11-23T04:30:00Z'],
  [week([{ open: '22:00', close: '06:00' }]), [], '2026-11-23T16:00:00Z'],
  // Sunday-only hours, checked on a Beijing Sunday that is still Saturday in New York
  [{ alwaysOpen: false, days: [[], [], [], [], [], [], [{ open: '08:00', close: '12:00' }]] }, [], '2026-11-29T01:00:00Z'],
  // across the US daylight-saving changes (Beijing has none)
  [week([{ open: '07:00', close: '19:00' }]), [], '2026-03-08T06:30:00Z'],
  [week([{ open: '07:00', close: '19:00' }]), [], '2026-11-01T06:30:00Z'],
  [week([{ open: '07:00', close: '19:00' }]), [], '2026-11-01T11:30:00Z'],
  // a temporary closure on a 24-hour station
  [{ alwaysOpen: true, days: Array.from({ length: 7 }, () => []) }, [{ from: '2026-11-22T16:00:00Z', to: '2026-11-23T16:00:00Z', reason: '设备检修' }], '2026-11-23T03:00:00Z'],
];
const results = cases.map(([h, c, at]) => {
  const s = openState(h, c, new Date(at));
  return { isOpen: s.isOpen, nextChange: s.nextChange && s.nextChange.toISOString(), closedReason: s.closedReason };
});
process.stdout.write(JSON.stringify({ offset: new Date('2026-11-23T00:00:00Z').getTimezoneOffset(), results }));
`;

function runUnder(tz: string): { offset: number; results: unknown[] } {
  const out = execFileSync(process.execPath, ['-e', CHILD], { env: { ...process.env, TZ: tz }, cwd: resolve(__dirname, '..'), encoding: 'utf8' });
  return JSON.parse(out);
}

describe('opening hours under other server time zones', () => {
  const beijing = runUnder('Asia/Shanghai');

  it('the reference run is Beijing time and says what a Beijing clock says', () => {
    expect(beijing.offset).toBe(-480);
    expect(beijing.results).toEqual([
      { isOpen: false, nextChange: '2026-11-23T01:00:00.000Z', closedReason: null }, // 08:59 Mon → opens 09:00
      { isOpen: true, nextChange: '2026-11-23T09:00:00.000Z', closedReason: null }, // 09:00 → closes 17:00
      { isOpen: true, nextChange: '2026-11-23T09:00:00.000Z', closedReason: null }, // 16:59
      { isOpen: false, nextChange: '2026-11-23T14:00:00.000Z', closedReason: null }, // 12:30 → opens 22:00
      { isOpen: true, nextChange: '2026-11-23T22:00:00.000Z', closedReason: null }, // 00:00 Tue → closes 06:00
      { isOpen: true, nextChange: '2026-11-29T04:00:00.000Z', closedReason: null }, // Sun 09:00 → closes 12:00
      { isOpen: true, nextChange: '2026-03-08T11:00:00.000Z', closedReason: null }, // 14:30 → closes 19:00
      { isOpen: true, nextChange: '2026-11-01T11:00:00.000Z', closedReason: null }, // 14:30
      { isOpen: false, nextChange: '2026-11-01T23:00:00.000Z', closedReason: null }, // 19:30 → opens 07:00
      { isOpen: false, nextChange: '2026-11-23T16:00:00.000Z', closedReason: '设备检修' },
    ]);
  });

  it.each(['America/New_York', 'UTC', 'Pacific/Kiritimati', 'America/Los_Angeles'])('%s gives the same answers', (tz) => {
    const other = runUnder(tz);
    expect(other.offset).not.toBe(-480); // the zone really applied
    expect(other.results).toEqual(beijing.results);
  });
});
