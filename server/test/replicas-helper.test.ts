import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildServerCopy, until } from './helpers/replicas';

/**
 * The replica helper's promise: a replica never outlives the test process that started it. One left running (its
 * test process killed before cleanup) kept running the jobs against the test database and changed a later run.
 */
describe('replica processes end with their test process', () => {
  let build = '';
  afterAll(() => build && rmSync(build, { recursive: true, force: true }));

  /** Running, not a zombie waiting for whoever adopted it to reap it. */
  const alive = (pid: number) => {
    try {
      return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
    } catch {
      return false;
    }
  };

  it('a process started as the helper starts replicas exits once its parent is killed with SIGKILL', async () => {
    build = buildServerCopy();
    expect(existsSync(join(build, 'main.js'))).toBe(true);
    // A stand-in for the test process: starts a long-running child with the replicas' preload and stdio, prints its pid.
    const parentScript = `
      const { spawn } = require('node:child_process');
      const c = spawn(process.execPath, ['--require', ${JSON.stringify(join(build, 'parent-watch.js'))}, '-e', 'setInterval(() => {}, 1000)'], { stdio: ['pipe', 'pipe', 'pipe'] });
      process.stdout.write(String(c.pid) + '\\n');
      setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['-e', parentScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    const childPid = await new Promise<number>((ok) => parent.stdout!.once('data', (b: Buffer) => ok(Number(b.toString().trim()))));
    expect(alive(childPid)).toBe(true);
    parent.kill('SIGKILL');
    await until('the orphaned replica to exit', async () => !alive(childPid), 30_000);
  });

  it('a copy whose test process is gone is removed when the next copy is built', async () => {
    const stale = buildServerCopy();
    // Its owner killed before cleanup: a pid that is not running.
    writeFileSync(join(stale, 'owner.pid'), '2147483646');
    const next = buildServerCopy();
    try {
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(build)).toBe(true); // this process's own copy stays
    } finally {
      rmSync(next, { recursive: true, force: true });
    }
  });
});
