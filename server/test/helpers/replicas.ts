import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { TEST_DB_URL, testEnv } from './test-app';

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

/** The server compiled with swc into a fresh folder beside server/dist (git-ignored), so it resolves the server's node_modules. */
export function buildServerCopy(): string {
  const build = mkdtempSync(join(SERVER, '.replicas-'));
  const swc = spawnSync(join(SERVER, 'node_modules', '.bin', 'swc'), ['src', '-d', build, '--strip-leading-paths', '--copy-files'], { cwd: SERVER, encoding: 'utf8' });
  if (swc.status !== 0) throw new Error(`build failed: ${swc.stderr}`);
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
  const proc = spawn(process.execPath, [join(build, 'main.js')], { cwd: SERVER, env: processEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const r: Replica = { name, url: `http://127.0.0.1:${port}`, proc, lines: [] };
  let rest = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop()!;
    r.lines.push(...parts);
  });
  proc.stderr!.on('data', (chunk: Buffer) => r.lines.push(chunk.toString('utf8')));
  await until(`${name} to answer`, async () => (await fetch(`${r.url}/api/health`).catch(() => null))?.ok === true, 60_000);
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
