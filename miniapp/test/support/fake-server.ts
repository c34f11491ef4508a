import Taro from '@tarojs/taro';
import { vi } from 'vitest';

/** What one fake response does: answer with a status and body, fail like a dropped connection, or never answer. */
export type Reply = { status: number; body?: unknown; header?: Record<string, string> } | { networkError: string } | 'hang';

export interface SeenRequest {
  url: string;
  method: string;
  header: Record<string, string>;
  data: unknown;
  aborted: boolean;
}

export type Route = (req: SeenRequest) => Reply | Promise<Reply>;

/**
 * Replaces Taro.request — the module boundary to the network, and the only thing tests mock —
 * with a scripted server. Every request is recorded in `requests`.
 */
export function fakeServer(route: Route) {
  const requests: SeenRequest[] = [];
  const spy = vi.spyOn(Taro, 'request').mockImplementation(((option: Taro.request.Option) => {
    const seen: SeenRequest = {
      url: option.url,
      method: option.method ?? 'GET',
      header: { ...(option.header as Record<string, string>) },
      data: option.data,
      aborted: false,
    };
    requests.push(seen);
    const promise = new Promise((resolve, reject) => {
      Promise.resolve(route(seen)).then((reply) => {
        if (reply === 'hang') return;
        if ('networkError' in reply) reject({ errMsg: `request:fail ${reply.networkError}` });
        else resolve({ statusCode: reply.status, data: reply.body ?? '', header: reply.header ?? {}, errMsg: 'request:ok' });
      }, reject);
    }) as Promise<unknown> & { abort: () => void };
    promise.abort = () => {
      seen.aborted = true;
    };
    return promise;
  }) as unknown as typeof Taro.request);
  const to = (path: string) => requests.filter((r) => r.url.endsWith(path) || r.url.includes(`${path}?`));
  return { requests, spy, to };
}

export const json = (status: number, body?: unknown): Reply => ({ status, body });

/**
 * Settles once the first request matching `which` (a path its URL ends with or has before `?`, with `method` if given;
 * or a test of the request) has been answered and everything
 * the app chained on that answer has run: its promise settles, then one macrotask lets the app's own promise chain
 * (the HTTP client, the page's handler, React's update) finish. Tests that assert something did NOT happen after an
 * answer wait for this instead of sleeping.
 */
export async function answerOf(server: ReturnType<typeof fakeServer>, which: string | ((req: SeenRequest) => boolean), method?: string): Promise<void> {
  const matches = typeof which === 'string' ? (r: SeenRequest) => (r.url.endsWith(which) || r.url.includes(`${which}?`)) && (!method || r.method === method) : which;
  const i = server.requests.findIndex(matches);
  if (i < 0) throw new Error(`no such request was made: ${String(which)}`);
  await (server.spy.mock.results[i].value as Promise<unknown>).catch(() => undefined);
  await new Promise((r) => setTimeout(r, 0));
}

export function errorReply(status: number, code: string, message: string, errors?: { field: string; message: string }[]): Reply {
  return { status, body: { code, message, ...(errors ? { errors } : {}) } };
}

/** A promise the test resolves by hand, to hold a fake response back. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
