import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const STATE = process.env.CLUSTER_STATE ?? resolve(ROOT, '.tmp', 'cluster', 'cluster.json');

export interface Cluster {
  /** nginx, round robin over both replicas. */
  url: string;
  replicas: { a: string; b: string };
  dbUrl: string;
  redisUrl: string;
  s3Dir: string;
  pollMs: number;
  slotMs: number;
}

/** The running cluster (scripts/cluster.sh start writes its state); none = every test fails saying how to start one. */
export function cluster(): Cluster {
  if (!existsSync(STATE)) throw new Error(`no cluster: run scripts/cluster.sh start first (${STATE} missing)`);
  return JSON.parse(readFileSync(STATE, 'utf8')) as Cluster;
}

export function clusterCtl(...args: string[]): string {
  return execFileSync('bash', [resolve(ROOT, 'scripts', 'cluster.sh'), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

/** A client IP of its own per test (nginx appends to X-Forwarded-For, the replicas trust it): rate-limit buckets never mix. */
export const clientIp = () => `10.${rnd()}.${rnd()}.${rnd()}`;
const rnd = () => Math.floor(Math.random() * 254) + 1;

export interface Res<T = unknown> {
  status: number;
  body: T;
  /** host:port of the replica that answered (nginx's X-Upstream), or the replica's own URL when called directly. */
  upstream: string;
  headers: Headers;
}

export async function call<T = unknown>(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; ip?: string; idempotencyKey?: string; raw?: RequestInit['body']; headers?: Record<string, string> } = {},
): Promise<Res<T>> {
  const headers: Record<string, string> = { 'X-Forwarded-For': opts.ip ?? clientIp(), ...opts.headers };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method === 'POST') headers['Idempotency-Key'] = opts.idempotencyKey ?? randomUUID();
  const res = await fetch(`${base}${path}`, { method, headers, body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)) });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return {
    status: res.status,
    body: (type.includes('json') && text ? JSON.parse(text) : text) as T,
    upstream: res.headers.get('x-upstream') ?? new URL(base).host,
    headers: res.headers,
  };
}

export interface Login {
  accessToken: string;
  refreshToken: string;
  user: { id: string };
}

export async function devLogin(base: string, openid: string): Promise<Login> {
  const res = await call<Login>(base, 'POST', '/api/auth/dev', { body: { openid } });
  if (res.status !== 200) throw new Error(`dev login on ${base} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function eventually<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, ms: number): Promise<{ value: T; afterMs: number }> {
  const t0 = Date.now();
  let value = await read();
  while (!ok(value)) {
    if (Date.now() - t0 > ms) throw new Error(`${what}: not within ${ms} ms (last: ${JSON.stringify(value)})`);
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  return { value, afterMs: Date.now() - t0 };
}
