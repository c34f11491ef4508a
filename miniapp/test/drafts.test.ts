import { ERROR_MESSAGES } from '@nuanxin/shared';
import { describe, expect, it, vi } from 'vitest';
import { clearAllDrafts, clearDraft, loadDraft, saveDraft, submitWithDraft } from '../src/services/drafts';
import { ApiError, createHttpClient } from '../src/services/http';
import { errorReply, fakeServer, json } from './support/fake-server';

interface JoinForm {
  name: string;
  orgCode: string;
}
const form: JoinForm = { name: '王小明', orgCode: 'XM-SM-01' };

describe('drafts', () => {
  it('keeps the idempotency key while the data is unchanged and starts a new action when it changes', () => {
    const first = saveDraft('join', form);
    expect(loadDraft<JoinForm>('join')).toMatchObject({ data: form, idempotencyKey: first.idempotencyKey });
    expect(saveDraft('join', { ...form }).idempotencyKey).toBe(first.idempotencyKey);
    const edited = saveDraft('join', { ...form, name: '王晓明' });
    expect(edited.idempotencyKey).not.toBe(first.idempotencyKey);
    expect(loadDraft('claim')).toBeNull();
  });

  it('a successful submit passes the key to the request and clears the draft', async () => {
    const submit = vi.fn(async (_data: JoinForm, _key: string) => ({ id: 'm1' }));
    await expect(submitWithDraft('join', form, submit)).resolves.toEqual({ id: 'm1' });
    expect(submit).toHaveBeenCalledWith(form, expect.stringMatching(/^[0-9a-f-]{36}$/));
    expect(loadDraft('join')).toBeNull();
  });

  it('a network failure keeps the draft and its key; 重试 sends the same key and then clears it', async () => {
    let attempt = 0;
    const server = fakeServer(() => (++attempt === 1 ? { networkError: 'net::ERR_CONNECTION_RESET' } : json(201, { id: 'm1' })));
    // No automatic retries: the user taps 重试 after the signal comes back.
    const http = createHttpClient({ retries: 0 });
    const submit = (data: JoinForm, idempotencyKey: string) => http.post<{ id: string }>('/api/members', data, { idempotencyKey });

    const failure = await submitWithDraft('join', form, submit).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    const kept = loadDraft<JoinForm>('join');
    expect(kept?.data).toEqual(form);
    expect(kept?.lastError).toEqual({ code: 'NETWORK_ERROR', message: '网络连接失败，请检查网络后重试', retryable: true });

    // The app may have been closed in between: the retry starts from storage.
    await expect(submitWithDraft('join', kept!.data, submit)).resolves.toEqual({ id: 'm1' });
    const keys = server.requests.map((r) => r.header['Idempotency-Key']);
    expect(keys).toEqual([kept!.idempotencyKey, kept!.idempotencyKey]);
    expect(loadDraft('join')).toBeNull();
  });

  it('a server error (5xx) is retryable with the same key', async () => {
    fakeServer(() => errorReply(503, 'SERVICE_UNAVAILABLE', ERROR_MESSAGES.SERVICE_UNAVAILABLE));
    const http = createHttpClient({ retries: 0 });
    const before = saveDraft('join', form);
    await expect(submitWithDraft('join', form, (d, k) => http.post('/api/members', d, { idempotencyKey: k }))).rejects.toBeInstanceOf(ApiError);
    expect(loadDraft('join')).toMatchObject({ idempotencyKey: before.idempotencyKey, lastError: { code: 'SERVICE_UNAVAILABLE', retryable: true } });
  });

  it('a definite refusal (4xx) keeps the data for fixing but drops the key: that action did not happen', async () => {
    fakeServer(() => errorReply(400, 'VALIDATION_FAILED', ERROR_MESSAGES.VALIDATION_FAILED, [{ field: 'name', message: '请填写姓名' }]));
    const http = createHttpClient({ retries: 0 });
    const before = saveDraft('join', form);
    await expect(submitWithDraft('join', form, (d, k) => http.post('/api/members', d, { idempotencyKey: k }))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const after = loadDraft<JoinForm>('join');
    expect(after?.data).toEqual(form);
    expect(after?.idempotencyKey).not.toBe(before.idempotencyKey);
    expect(after?.lastError).toEqual({ code: 'VALIDATION_FAILED', message: ERROR_MESSAGES.VALIDATION_FAILED, retryable: false });
  });

  it('drops drafts older than the maximum age', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-01T08:00:00Z'));
    saveDraft('join', form);
    vi.setSystemTime(new Date('2026-11-09T08:00:00Z'));
    expect(loadDraft('join')).toBeNull();
    saveDraft('join', form);
    vi.setSystemTime(new Date('2026-11-09T09:00:00Z'));
    expect(loadDraft('join', 30 * 60 * 1000)).toBeNull();
  });

  it('clearDraft removes one draft; clearAllDrafts (on logout) removes every one', () => {
    saveDraft('join', form);
    saveDraft('claim', { amount: 120000 });
    saveDraft('wish', { story: '想要一个头盔' });
    clearDraft('join');
    expect(loadDraft('join')).toBeNull();
    expect(loadDraft('claim')).not.toBeNull();
    clearAllDrafts();
    expect(loadDraft('claim')).toBeNull();
    expect(loadDraft('wish')).toBeNull();
    expect(localStorage.length).toBe(0);
  });
});
