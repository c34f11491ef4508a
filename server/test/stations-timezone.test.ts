import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * The stations API with the server's process in New York time must answer exactly as in Beijing: runs
 * stations-timezone.inner.ts in a child Jest process started with TZ=America/New_York (a process reads its zone
 * at start-up, and Jest gives each test only a copy of process.env), on the same database as this run.
 */
describe('stations API under TZ=America/New_York', () => {
  it('passes every check of stations-timezone.inner.ts', () => {
    const root = resolve(__dirname, '..');
    const run = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--runInBand', '--json', '--testMatch', '**/test/stations-timezone.inner.ts', '--testPathIgnorePatterns', '/node_modules/'], {
      cwd: root,
      env: { ...process.env, TZ: 'America/New_York' },
      encoding: 'utf8',
      timeout: 170_000,
    });
    const report = JSON.parse(run.stdout || '{}') as { numPassedTests?: number; numFailedTests?: number; testResults?: Array<{ message: string }> };
    const failures = (report.testResults ?? []).map((r) => r.message).filter(Boolean).join('\n');
    expect({ failed: report.numFailedTests, failures: failures || (run.stdout ? '' : run.stderr) }).toEqual({ failed: 0, failures: '' });
    expect(report.numPassedTests).toBe(3);
  }, 180_000);
});
