import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config';
import { createDataSource } from '../../src/database/data-source';
import { configurePiiFromConfig } from '../../src/pii/pii.module';
import { resetDatabase, TEST_DB_URL, testEnv } from './test-app';

/**
 * Real server processes for the tests that need more than one (replicas on one MariaDB): a compiled copy of the
 * server, processes started from it on free ports, and plain HTTP calls to them.
 */
const SERVER = resolve(__dirname, '../..');

/** A port nothing listens on right now. */
export const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

/** Polls `check` every 100 ms until it holds; fails naming `what` after `ms`. */
export const until = async (what: string, check: () => Promise<boolean>, ms = 20_000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** Whether process `pid` is still running. */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Preloaded into every replica: the replica exits as soon as its stdin (a pipe from the test process) closes, which
 * happens whenever the test process ends, even killed with SIGKILL, or as soon as it is orphaned. A replica left running would keep running the
 * jobs against the test database and change what a later run sees.
 */
const PARENT_WATCH = [
  "process.stdin.on('end', () => process.exit(0)); process.stdin.on('error', () => process.exit(0)); process.stdin.resume();",
  // and, should stdin be held open elsewhere, once the process is handed to another parent
  'const parent = process.ppid; setInterval(() => { if (process.ppid !== parent) process.exit(0); }, 500).unref();',
  '',
].join('\n');

/** Every replica this test process started: killed when it exits (normally, or through Jest's --forceExit). */
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/**
 * The server compiled with swc into a fresh folder beside server/dist (git-ignored), so it resolves the server's
 * node_modules. Copies left by a test process that is gone (killed before its cleanup) are removed first.
 */
export function buildServerCopy(): string {
  for (const old of readdirSync(SERVER).filter((f) => f.startsWith('.replicas-'))) {
    const owner = join(SERVER, old, 'owner.pid');
    const pid = existsSync(owner) ? Number(readFileSync(owner, 'utf8')) : NaN;
    if (!Number.isInteger(pid) || !alive(pid)) rmSync(join(SERVER, old), { recursive: true, force: true });
  }
  const build = mkdtempSync(join(SERVER, '.replicas-'));
  writeFileSync(join(build, 'owner.pid'), String(process.pid));
  const swc = spawnSync(join(SERVER, 'node_modules', '.bin', 'swc'), ['src', '-d', build, '--strip-leading-paths', '--copy-files'], { cwd: SERVER, encoding: 'utf8' });
  if (swc.status !== 0) throw new Error(`build failed: ${swc.stderr}`);
  writeFileSync(join(build, 'parent-watch.js'), PARENT_WATCH);
  return build;
}

export interface Replica {
  name: string;
  url: string;
  proc: ChildProcess;
  /** Every line the process printed (stdout by line, stderr by chunk). */
  lines: string[];
}

/** Starts one server process from `build` on the test MariaDB with the test settings plus `env`, and waits for its health answer. */
export async function startReplica(build: string, name: string, env: Record<string, string>): Promise<Replica> {
  const port = await freePort();
  const processEnv = {
    ...process.env,
    ...testEnv({ DB_URL: TEST_DB_URL, PORT: String(port), HOST: '127.0.0.1', STORAGE_DIR: join(build, 'storage'), ...env }),
  } as NodeJS.ProcessEnv;
  // stdin is a pipe nobody writes to: it closes when this process ends, and the replica then exits (PARENT_WATCH).
  const proc = spawn(process.execPath, ['--require', join(build, 'parent-watch.js'), join(build, 'main.js')], { cwd: SERVER, env: processEnv, stdio: ['pipe', 'pipe', 'pipe'] });
  children.add(proc);
  proc.once('exit', () => children.delete(proc));
  const r: Replica = { name, url: `http://127.0.0.1:${port}`, proc, lines: [] };
  let rest = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop()!;
    r.lines.push(...parts);
  });
  proc.stderr!.on('data', (chunk: Buffer) => r.lines.push(chunk.toString('utf8')));
  try {
    await until(`${name} to answer`, async () => (await fetch(`${r.url}/api/health`).catch(() => null))?.ok === true, 60_000);
  } catch (e) {
    // Not handed to the caller, so nobody else would stop it.
    proc.kill('SIGKILL');
    throw new Error(`${(e as Error).message}; its last lines: ${r.lines.slice(-5).join(' | ')}`, { cause: e });
  }
  return r;
}

/** One JSON call to a replica; anything but 2xx throws with the replica's name and answer. */
export async function call(r: Replica, method: string, path: string, token?: string, body?: object) {
  const res = await fetch(`${r.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json().catch(() => null)) as Record<string, unknown> & { id?: string };
  if (!res.ok) throw new Error(`${r.name} ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** A dev-login access token for `openid` through replica `r`. */
export const login = async (r: Replica, openid: string) => (await call(r, 'POST', '/api/auth/dev', undefined, { openid })).accessToken as string;

export interface ReplicaSet {
  /** The replicas started so far, in order ('A' first). */
  replicas: Replica[];
  /** A data source on the replicas' database, for setting up and reading rows directly. */
  ds: DataSource;
  /** Starts one more replica named `name` with the set's settings. */
  start(name: string): Promise<Replica>;
}

/**
 * Two replicas (A, then B) on a fresh copy of the test MariaDB for the describe block it is called in: a compiled copy
 * of the server, A started first (it migrates and seeds, as a deployment's first replica does), a data source, then
 * B joining the ready database. `env()` gives the replicas' settings (read when each starts). After the block every
 * replica still running is killed, the data source closed and the copy removed.
 */
export function useReplicas(env: () => Record<string, string>): ReplicaSet {
  let build = '';
  const set = { replicas: [] as Replica[], ds: undefined as unknown as DataSource } as ReplicaSet;
  set.start = async (name: string) => {
    const r = await startReplica(build, name, env());
    set.replicas.push(r);
    return r;
  };
  beforeAll(async () => {
    build = buildServerCopy();
    const dbEnv = testEnv({ DB_URL: TEST_DB_URL });
    await resetDatabase(dbEnv);
    const config = loadConfig(dbEnv);
    configurePiiFromConfig(config);
    set.ds = createDataSource(config);
    await set.start('A');
    await set.ds.initialize();
    await set.start('B');
  }, 120_000);
  afterAll(async () => {
    for (const r of set.replicas) if (r.proc.exitCode === null) r.proc.kill('SIGKILL');
    if (set.ds?.isInitialized) await set.ds.destroy();
    if (build) rmSync(build, { recursive: true, force: true });
  });
  return set;
}
