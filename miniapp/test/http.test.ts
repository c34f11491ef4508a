import { ERROR_MESSAGES, MOBILE_MESSAGE } from '@nuanxin/shared';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, CLIENT_ERROR_MESSAGES, createHttpClient, newIdempotencyKey } from '../src/services/http';
import { getAccessToken, getRefreshToken, getStoredUser } from '../src/services/session';
import { deferred, errorReply, fakeServer, json, type Reply, type SeenRequest } from './support/fake-server';
import { loggedIn, tokens, worker } from './support/session';

const client = () => createHttpClient({ baseUrl: 'https://api.test', retryDelaysMs: [0] });
const bearer = (r: SeenRequest) => r.header.Authorization;

describe('http client: auth', () => {
  it('sends the bearer token and returns the parsed body', async () => {
    loggedIn();
    const server = fakeServer(() => json(200, { id: 'u1' }));
    await expect(client().get('/api/me')).resolves.toEqual({ id: 'u1' });
    expect(server.requests[0].url).toBe('https://api.test/api/me');
    expect(bearer(server.requests[0])).toBe('Bearer access-1');
  });

  it('on 401 refreshes once, stores the rotated tokens, and retries the request once', async () => {
    loggedIn();
    const state = { refreshes: 0 };
    const server = fakeServer(async (req) => {
      if (req.url.endsWith('/api/auth/refresh')) {
        state.refreshes++;
        expect(req.data).toEqual({ refreshToken: 'refresh-1' });
        return json(200, tokens(2));
      }
      return bearer(req) === 'Bearer access-2' ? json(200, { ok: true }) : errorReply(401, 'TOKEN_EXPIRED', '登录已过期，请重新登录');
    });

    await expect(client().get('/api/me')).resolves.toEqual({ ok: true });
    expect(server.requests.map((r) => `${r.url.replace('https://api.test', '')} ${bearer(r) ?? '-'}`)).toEqual([
      '/api/me Bearer access-1',
      '/api/auth/refresh -',
      '/api/me Bearer access-2',
    ]);
    expect(state.refreshes).toBe(1);
    expect(getAccessToken()).toBe('access-2');
    expect(getRefreshToken()).toBe('refresh-2');
  });

  it('a second 401 after the refresh fails the call and clears the tokens', async () => {
    loggedIn();
    const server = fakeServer((req) =>
      req.url.endsWith('/api/auth/refresh') ? json(200, tokens(2)) : errorReply(401, 'TOKEN_INVALID', ERROR_MESSAGES.TOKEN_INVALID),
    );

    const error = await client().get('/api/me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'TOKEN_INVALID', message: ERROR_MESSAGES.TOKEN_INVALID });
    expect(server.to('/api/auth/refresh')).toHaveLength(1);
    expect(server.to('/api/me')).toHaveLength(2);
    expect(getAccessToken()).toBeNull();
    expect(getRefreshToken()).toBeNull();
    expect(getStoredUser()).toBeNull();
  });

  it('concurrent 401s share one refresh, then each request is retried with the new token', async () => {
    loggedIn();
    const gate = deferred();
    const state = { valid: 1, refreshes: 0 };
    // The server moves on to access-2 only through the refresh, which we hold until all three 401s are in.
    const server = fakeServer(async (req) => {
      if (req.url.endsWith('/api/auth/refresh')) {
        state.refreshes++;
        await gate.promise;
        return json(200, tokens(2));
      }
      return bearer(req) === 'Bearer access-2' ? json(200, { path: req.url }) : errorReply(401, 'TOKEN_EXPIRED', ERROR_MESSAGES.TOKEN_EXPIRED);
    });
    const http = client();

    const calls = Promise.all([http.get('/api/a'), http.get('/api/b'), http.post('/api/c', { x: 1 })]);
    await vi.waitFor(() => expect(server.to('/api/auth/refresh')).toHaveLength(1));
    await vi.waitFor(() => expect(server.requests.filter((r) => bearer(r) === 'Bearer access-1')).toHaveLength(3));
    gate.resolve();

    await expect(calls).resolves.toEqual([{ path: 'https://api.test/api/a' }, { path: 'https://api.test/api/b' }, { path: 'https://api.test/api/c' }]);
    expect(state.refreshes).toBe(1);
    expect(server.requests.filter((r) => bearer(r) === 'Bearer access-2')).toHaveLength(3);
  });

  it('a 401 that arrives after another request already refreshed retries without refreshing again', async () => {
    loggedIn();
    const state = { current: 1, refreshes: 0 };
    const slowAnswer = deferred();
    // access-1 has expired; /api/slow's 401 for it is held back until /api/fast has refreshed.
    const server = fakeServer(async (req) => {
      if (req.url.endsWith('/api/auth/refresh')) {
        state.refreshes++;
        if ((req.data as { refreshToken: string }).refreshToken !== `refresh-${state.current}`) {
          return errorReply(401, 'REFRESH_TOKEN_REUSED', ERROR_MESSAGES.REFRESH_TOKEN_REUSED);
        }
        state.current++;
        return json(200, tokens(state.current));
      }
      if (req.url.endsWith('/api/slow') && bearer(req) === 'Bearer access-1') await slowAnswer.promise;
      const fresh = state.current >= 2 && bearer(req) === `Bearer access-${state.current}`;
      return fresh ? json(200, { ok: true }) : errorReply(401, 'TOKEN_EXPIRED', ERROR_MESSAGES.TOKEN_EXPIRED);
    });
    const http = client();

    const slowCall = http.get('/api/slow');
    await expect(http.get('/api/fast')).resolves.toEqual({ ok: true });
    expect(state.refreshes).toBe(1);
    slowAnswer.resolve();
    await expect(slowCall).resolves.toEqual({ ok: true });
    // The late 401 reuses the tokens the first refresh stored instead of rotating them again.
    expect(state.refreshes).toBe(1);
    expect(server.to('/api/slow').map(bearer)).toEqual(['Bearer access-1', 'Bearer access-2']);
    expect(getRefreshToken()).toBe('refresh-2');
  });

  it('a refused refresh ends the session with the refresh error and does not retry', async () => {
    loggedIn();
    const server = fakeServer((req) =>
      req.url.endsWith('/api/auth/refresh')
        ? errorReply(401, 'REFRESH_TOKEN_REUSED', ERROR_MESSAGES.REFRESH_TOKEN_REUSED)
        : errorReply(401, 'TOKEN_EXPIRED', ERROR_MESSAGES.TOKEN_EXPIRED),
    );
    await expect(client().get('/api/me')).rejects.toMatchObject({ code: 'REFRESH_TOKEN_REUSED', status: 401 });
    expect(server.to('/api/me')).toHaveLength(1);
    expect(getRefreshToken()).toBeNull();
  });

  it('a refresh lost to the network keeps the session for later', async () => {
    loggedIn();
    fakeServer((req) => (req.url.endsWith('/api/auth/refresh') ? { networkError: 'net::ERR_CONNECTION_RESET' } : errorReply(401, 'TOKEN_EXPIRED', 'x')));
    await expect(client().get('/api/me', { retries: 0 })).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
    expect(getRefreshToken()).toBe('refresh-1');
  });

  it('a rate-limited refresh (429) keeps the session', async () => {
    loggedIn();
    fakeServer((req) =>
      req.url.endsWith('/api/auth/refresh')
        ? errorReply(429, 'RATE_LIMITED', ERROR_MESSAGES.RATE_LIMITED)
        : errorReply(401, 'TOKEN_EXPIRED', ERROR_MESSAGES.TOKEN_EXPIRED),
    );
    await expect(client().get('/api/me')).rejects.toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(getRefreshToken()).toBe('refresh-1');
  });

  it('auth: false sends no token and does not refresh on 401', async () => {
    loggedIn();
    const server = fakeServer(() => errorReply(401, 'UNAUTHENTICATED', ERROR_MESSAGES.UNAUTHENTICATED));
    await expect(client().post('/api/auth/sms/verify', { mobile: '13800000000', code: '000000' }, { auth: false })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(server.requests).toHaveLength(1);
    expect(bearer(server.requests[0])).toBeUndefined();
    expect(getRefreshToken()).toBe('refresh-1');
  });

  it('a 403 is not a reason to refresh', async () => {
    loggedIn();
    const server = fakeServer(() => errorReply(403, 'FORBIDDEN', ERROR_MESSAGES.FORBIDDEN));
    await expect(client().get('/api/admin')).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(server.requests).toHaveLength(1);
    expect(getStoredUser()).toEqual(worker);
  });
});

describe('http client: idempotency keys', () => {
  it('newIdempotencyKey makes a fresh UUID per action', () => {
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(50);
    keys.forEach((k) => expect(k).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/));
  });

  it('one action keeps its key across network retries and the post-refresh retry; another action gets another key', async () => {
    loggedIn();
    let attempts = 0;
    const server = fakeServer((req) => {
      if (req.url.endsWith('/api/auth/refresh')) return json(200, tokens(2));
      if (req.url.endsWith('/api/claims')) {
        attempts++;
        if (attempts === 1) return { networkError: 'timeout' };
        if (bearer(req) === 'Bearer access-1') return errorReply(401, 'TOKEN_EXPIRED', ERROR_MESSAGES.TOKEN_EXPIRED);
        return json(201, { id: `claim-${attempts}` });
      }
      return json(404);
    });
    const http = client();

    const first = newIdempotencyKey();
    await expect(http.post('/api/claims', { amount: 100 }, { idempotencyKey: first })).resolves.toEqual({ id: 'claim-3' });
    const claimCalls = server.to('/api/claims');
    expect(claimCalls).toHaveLength(3);
    expect(claimCalls.map((r) => r.header['Idempotency-Key'])).toEqual([first, first, first]);

    const second = newIdempotencyKey();
    await http.post('/api/claims', { amount: 100 }, { idempotencyKey: second });
    expect(server.to('/api/claims')[3].header['Idempotency-Key']).toBe(second);
    expect(second).not.toBe(first);
  });

  it('sends no Idempotency-Key header when the call has none', async () => {
    const server = fakeServer(() => json(200, {}));
    await client().post('/api/auth/sms/send', { mobile: '13800000000' }, { auth: false });
    expect(server.requests[0].header).not.toHaveProperty('Idempotency-Key');
    expect(server.requests[0].header['Content-Type']).toBe('application/json');
  });
});

describe('http client: errors', () => {
  it('maps the server error body to ApiError with status, code, message and field errors', async () => {
    fakeServer(() =>
      errorReply(400, 'VALIDATION_FAILED', '提交的内容有误，请按提示修改后重试', [
        { field: 'mobile', message: MOBILE_MESSAGE },
        { field: 'code', message: '验证码为 6 位数字' },
      ]),
    );
    const error = (await client().post('/api/auth/sms/verify', {}, { auth: false }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe('提交的内容有误，请按提示修改后重试');
    expect(error.fieldErrors).toEqual([
      { field: 'mobile', message: MOBILE_MESSAGE },
      { field: 'code', message: '验证码为 6 位数字' },
    ]);
    expect(error.fieldMessage('mobile')).toBe(MOBILE_MESSAGE);
    expect(error.isNetworkError).toBe(false);
  });

  it('a rate limit says how long to wait when the server sends Retry-After, and keeps its message when not', async () => {
    const limited = (header?: Record<string, string>): Reply => ({ status: 429, body: { code: 'RATE_LIMITED', message: ERROR_MESSAGES.RATE_LIMITED }, header });
    fakeServer(() => limited({ 'retry-after': '37' }));
    await expect(client().post('/api/auth/sms/send', {}, { auth: false })).rejects.toMatchObject({ status: 429, code: 'RATE_LIMITED', message: '操作过于频繁，请 37 秒后再试' });
    fakeServer(() => limited({ 'Retry-After': '600' }));
    await expect(client().post('/api/auth/sms/send', {}, { auth: false })).rejects.toMatchObject({ message: '操作过于频繁，请 10 分钟后再试' });
    fakeServer(() => limited());
    await expect(client().post('/api/auth/sms/send', {}, { auth: false })).rejects.toMatchObject({ message: ERROR_MESSAGES.RATE_LIMITED });
  });

  it('keeps the server message for a known code such as SMS_LOCKED', async () => {
    fakeServer(() => errorReply(429, 'SMS_LOCKED', '验证码错误次数过多，请 10 分钟后重新获取'));
    await expect(client().post('/api/auth/sms/verify', {}, { auth: false })).rejects.toMatchObject({
      status: 429,
      code: 'SMS_LOCKED',
      message: '验证码错误次数过多，请 10 分钟后重新获取',
      fieldErrors: [],
    });
  });

  it('falls back to the shared Chinese message when the body is not an error body (e.g. a proxy page)', async () => {
    fakeServer(() => ({ status: 502, body: '<html>Bad Gateway</html>' }));
    await expect(client().get('/api/me', { auth: false })).rejects.toMatchObject({
      status: 502,
      code: 'SERVICE_UNAVAILABLE',
      message: ERROR_MESSAGES.SERVICE_UNAVAILABLE,
    });
  });

  it('parses an error body that arrives as a JSON string', async () => {
    fakeServer(() => ({ status: 409, body: JSON.stringify({ code: 'CONFLICT', message: '数据已被修改，请刷新后重试' }) }));
    await expect(client().post('/api/x', {})).rejects.toMatchObject({ status: 409, code: 'CONFLICT', message: '数据已被修改，请刷新后重试' });
  });

  it('returns undefined for 204 No Content', async () => {
    fakeServer(() => ({ status: 204 }));
    await expect(client().post('/api/auth/logout', { refreshToken: 'r' })).resolves.toBeUndefined();
  });
});

describe('http client: network failures and timeouts', () => {
  it('retries a GET after network failures and succeeds', async () => {
    let n = 0;
    const server = fakeServer(() => (++n < 3 ? { networkError: 'net::ERR_INTERNET_DISCONNECTED' } : json(200, { n })));
    await expect(client().get('/api/stations', { retries: 2 })).resolves.toEqual({ n: 3 });
    expect(server.requests).toHaveLength(3);
  });

  it('gives up on a GET after its retries with NETWORK_ERROR and a Chinese message', async () => {
    const server = fakeServer(() => ({ networkError: 'net::ERR_INTERNET_DISCONNECTED' }));
    const error = (await client().get('/api/stations', { retries: 2 }).catch((e: unknown) => e)) as ApiError;
    expect(server.requests).toHaveLength(3);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 0, code: 'NETWORK_ERROR', message: CLIENT_ERROR_MESSAGES.NETWORK_ERROR });
    expect(error.message).toMatch(/网络/);
    expect(error.isNetworkError).toBe(true);
  });

  it('never retries a POST without an idempotency key', async () => {
    const server = fakeServer(() => ({ networkError: 'net::ERR_CONNECTION_RESET' }));
    await expect(client().post('/api/auth/sms/send', { mobile: '13800000000' }, { retries: 5 })).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry server errors, even for a GET', async () => {
    const server = fakeServer(() => errorReply(500, 'INTERNAL_ERROR', ERROR_MESSAGES.INTERNAL_ERROR));
    await expect(client().get('/api/stations')).rejects.toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    expect(server.requests).toHaveLength(1);
  });

  it('times out a hanging request, aborts it, and reports TIMEOUT', async () => {
    vi.useFakeTimers();
    const server = fakeServer(() => 'hang');
    const call = client()
      .post('/api/auth/sms/send', { mobile: '13800000000' }, { timeoutMs: 8000 })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(7999);
    expect(server.requests[0].aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await call;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 0, code: 'TIMEOUT', message: CLIENT_ERROR_MESSAGES.TIMEOUT });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].aborted).toBe(true);
  });

  it('retries a timed-out GET and uses the default timeout when none is given', async () => {
    vi.useFakeTimers();
    let n = 0;
    const server = fakeServer(() => (++n === 1 ? 'hang' : json(200, { n })));
    const http = createHttpClient({ timeoutMs: 3000, retryDelaysMs: [100] });
    const call = http.get('/api/stations');
    await vi.advanceTimersByTimeAsync(3000 + 100);
    await expect(call).resolves.toEqual({ n: 2 });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0].aborted).toBe(true);
  });
});
