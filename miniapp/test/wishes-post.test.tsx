import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ERROR_MESSAGES, PERSONAL_DATA_MESSAGES, WISH_FORBIDDEN_NOTE } from '@nuanxin/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import NewWishPage from '../src/pages/wish/new';
import { WISH_FORM_TEXT } from '../src/pages/wish/wish-form';
import { WISH_FORM_ID, WISH_MESSAGES } from '../src/pages/wish/wish-form-rules';
import { loadDraft } from '../src/services/drafts';
import type { PostWishRequest } from '../src/services/wishes';
import { claimsApi, navigation } from './claims-fixtures';
import { errorReply, json, type Route } from './support/fake-server';
import { resetParams, typeInto, validIdNumber } from './support/page';
import { loggedIn } from './support/session';
import { browserPosition, queryOf, removeBrowserPosition, summary } from './station-fixtures';
import { makeWish } from './wish-fixtures';

const RULES = { member: true, valueCapFen: 50000, yearlyLimit: 2, usedThisYear: 0, openWishId: null, canPost: true };
const NEARBY = [summary({ id: 's1', name: '中山路工会驿站', distanceMeters: 850 }), summary({ id: 's2', name: '火车站工会驿站', distanceMeters: 1900 })];
const created = makeWish({ id: 'w42', status: 'screening', viewer: 'wisher', actions: ['cancel'] });

afterEach(() => {
  resetParams();
  removeBrowserPosition();
});

async function openForm(routes: Record<string, Route> = {}, { located = true } = {}) {
  browserPosition(located ? { latitude: 24.4637, longitude: 118.0978 } : null);
  loggedIn();
  const server = claimsApi({
    '/api/wishes/rules': () => json(200, RULES),
    '/api/stations/nearby': () => json(200, NEARBY),
    '/api/wishes': () => json(201, created),
    '/api/notifications/templates': () => json(200, { enabled: false, moments: {} }),
    ...routes,
  });
  const nav = navigation();
  const view = render(<NewWishPage />);
  await screen.findByTestId('wish-form');
  return { server, nav, container: view.container };
}

async function fill(container: HTMLElement, o: { title?: string; story?: string; value?: string } = {}) {
  fireEvent.click(within(screen.getByTestId('wish-category')).getByText('子女学习'));
  typeInto(container, 'wish-title', o.title ?? '给孩子买一个新书包');
  typeInto(container, 'wish-story', o.story ?? '孩子上三年级，书包背带断了，想给他换一个结实的。');
  typeInto(container, 'wish-value', o.value ?? '199.5');
  fireEvent.click((await screen.findAllByTestId('wish-station-nearby'))[0]);
}

const errorText = (testId: string) => screen.queryByTestId(`${testId}-error`)?.textContent ?? null;
const body = (req: { data: unknown }) => req.data as PostWishRequest;

describe('发心愿: the post form', () => {
  it('says no cash; sends the value in fen, the nearest station picked in one tap, with an Idempotency-Key; success opens the detail', async () => {
    const { container, server, nav } = await openForm();
    expect(screen.getByTestId('wish-forbidden').textContent).toBe(WISH_FORBIDDEN_NOTE);
    await fill(container);
    expect(screen.getByTestId('wish-value').textContent).toContain(WISH_FORM_TEXT.valuePreview('¥199.50'));
    expect(screen.getByTestId('wish-station-picked').textContent).toContain('中山路工会驿站');
    expect(queryOf(server.to('/api/stations/nearby')[0].url)).toMatchObject({ limit: '5' });
    fireEvent.click(screen.getByTestId('wish-anonymous'));
    fireEvent.click(screen.getByTestId('wish-submit'));
    await waitFor(() => expect(nav.redirect).toHaveBeenCalledWith({ url: '/pages/wish/detail?id=w42' }));
    const [req] = server.to('/api/wishes');
    expect(req.method).toBe('POST');
    expect(req.header['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(body(req)).toEqual({
      category: 'study',
      title: '给孩子买一个新书包',
      story: '孩子上三年级，书包背带断了，想给他换一个结实的。',
      valueFen: 19950,
      stationId: 's1',
      anonymous: true,
    });
    expect(loadDraft(WISH_FORM_ID)).toBeNull();
  });

  it('category, title, story, value and station are required; counters show; nothing is sent without them', async () => {
    const { container, server } = await openForm();
    fireEvent.click(screen.getByTestId('wish-submit'));
    await waitFor(() => expect(errorText('wish-category')).toBe(WISH_MESSAGES.category));
    expect(errorText('wish-title')).toBe(WISH_MESSAGES.title);
    expect(errorText('wish-story')).toBe(WISH_MESSAGES.story);
    expect(errorText('wish-value')).toBe(WISH_MESSAGES.value);
    expect(errorText('wish-station')).toBe(WISH_MESSAGES.station);
    expect(screen.getByTestId('wish-error').textContent).toContain(WISH_FORM_TEXT.fixFields);
    typeInto(container, 'wish-title', '一个书包');
    await waitFor(() => expect(screen.getByTestId('wish-title').textContent).toContain('4/20'));
    typeInto(container, 'wish-story', '书包坏了');
    expect(screen.getByTestId('wish-story').textContent).toContain('4/300');
    typeInto(container, 'wish-value', '1.234');
    await waitFor(() => expect(errorText('wish-value')).toBe(WISH_MESSAGES.valueFormat));
    expect(server.to('/api/wishes')).toHaveLength(0);
  });

  it('flags a mobile or ID number in the title or story as it is typed, before any submit, and blocks sending', async () => {
    const { container, server } = await openForm();
    typeInto(container, 'wish-story', '有意者请联系 138 1234 5678');
    await waitFor(() => expect(errorText('wish-story')).toBe(PERSONAL_DATA_MESSAGES.mobile));
    typeInto(container, 'wish-title', `证件${validIdNumber(3)}`);
    await waitFor(() => expect(errorText('wish-title')).toBe(PERSONAL_DATA_MESSAGES.id_number));
    await fill(container, { title: `证件${validIdNumber(3)}`, story: '有意者请联系 138 1234 5678' });
    fireEvent.click(screen.getByTestId('wish-submit'));
    await waitFor(() => expect(screen.getByTestId('wish-error')).toBeTruthy());
    expect(server.to('/api/wishes')).toHaveLength(0);
    typeInto(container, 'wish-story', '书包背带断了，想换一个结实的。');
    typeInto(container, 'wish-title', '一个书包');
    await waitFor(() => expect(errorText('wish-story')).toBeNull());
    expect(errorText('wish-title')).toBeNull();
  });

  it("the server's cap message shows under the value; a corrected submit is a new action (new key)", async () => {
    const cap = '心愿价值不能超过 ¥300';
    let calls = 0;
    const { container, server, nav } = await openForm({
      '/api/wishes': () => (++calls === 1 ? errorReply(400, 'VALIDATION_FAILED', ERROR_MESSAGES.VALIDATION_FAILED, [{ field: 'valueFen', message: cap }]) : json(201, created)),
    });
    await fill(container, { value: '450' });
    fireEvent.click(screen.getByTestId('wish-submit'));
    await waitFor(() => expect(errorText('wish-value')).toBe(cap));
    const firstKey = server.to('/api/wishes')[0].header['Idempotency-Key'];
    typeInto(container, 'wish-value', '280');
    await waitFor(() => expect(errorText('wish-value')).toBeNull());
    fireEvent.click(screen.getByTestId('wish-submit'));
    await waitFor(() => expect(nav.redirect).toHaveBeenCalled());
    expect(body(server.to('/api/wishes')[1]).valueFen).toBe(28000);
    expect(server.to('/api/wishes')[1].header['Idempotency-Key']).not.toBe(firstKey);
  });

  it('one open wish already: the server says so and 查看我的心愿 opens the list', async () => {
    const message = '你已有一个进行中的心愿，完成或撤回后才能再发';
    const { container, nav } = await openForm({ '/api/wishes': () => errorReply(409, 'WISH_OPEN_EXISTS', message) });
    await fill(container);
    fireEvent.click(screen.getByTestId('wish-submit'));
    await waitFor(() => expect(screen.getByTestId('wish-error').textContent).toContain(message));
    fireEvent.click(screen.getByTestId('wish-error-mine'));
    expect(nav.navigate).toHaveBeenCalledWith({ url: '/pages/wish/mine?tab=posted' });
  });

  it('a network failure keeps the draft; 重新提交 sends the same Idempotency-Key', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let calls = 0;
    const { container, server, nav } = await openForm({ '/api/wishes': () => (++calls <= 3 ? { networkError: 'net::ERR_CONNECTION_RESET' } : json(201, created)) });
    await fill(container);
    fireEvent.click(screen.getByTestId('wish-submit'));
    await act(() => vi.advanceTimersByTimeAsync(3000));
    await waitFor(() => expect(screen.getByTestId('wish-submit').textContent).toBe(WISH_FORM_TEXT.resubmit));
    expect(screen.getByTestId('wish-error').textContent).toContain(WISH_FORM_TEXT.retryNotice);
    fireEvent.click(screen.getByTestId('wish-submit'));
    await waitFor(() => expect(nav.redirect).toHaveBeenCalledWith({ url: '/pages/wish/detail?id=w42' }));
    const keys = new Set(server.to('/api/wishes').map((r) => r.header['Idempotency-Key']));
    expect(server.to('/api/wishes')).toHaveLength(4);
    expect(keys.size).toBe(1);
  });

  it('location refused: the station is found by search instead', async () => {
    const { container, server } = await openForm(
      { '/api/stations': () => json(200, { items: [summary({ id: 's9', name: '湖里万达驿站', distanceMeters: undefined })], nextAfter: null }) },
      { located: false },
    );
    await screen.findByTestId('wish-station-query');
    expect(screen.queryByTestId('wish-station-nearby')).toBeNull();
    typeInto(container, 'wish-station-query', '万达');
    fireEvent.click(screen.getByTestId('wish-station-search-button'));
    fireEvent.click(await screen.findByTestId('wish-station-result'));
    expect(queryOf(server.to('/api/stations')[0].url)).toEqual({ q: '万达' });
    expect(screen.getByTestId('wish-station-picked').textContent).toContain('湖里万达驿站');
  });
});

describe('发心愿: members only', () => {
  it('a non-member sees why and 去入会 leads to 扫码入会; no form', async () => {
    browserPosition(null);
    loggedIn();
    claimsApi({ '/api/wishes/rules': () => json(200, { ...RULES, member: false, canPost: false }) });
    const nav = navigation();
    render(<NewWishPage />);
    fireEvent.click(await screen.findByTestId('wish-join'));
    expect(nav.navigate).toHaveBeenCalledWith({ url: '/pages/join/index' });
    expect(screen.queryByTestId('wish-form')).toBeNull();
    expect(screen.getByTestId('wish-not-member').textContent).not.toContain('您');
  });

  it('the server refusing a non-member on submit switches to the join prompt', async () => {
    const { container } = await openForm({ '/api/wishes': () => errorReply(403, 'NOT_A_MEMBER', ERROR_MESSAGES.NOT_A_MEMBER) });
    await fill(container);
    fireEvent.click(screen.getByTestId('wish-submit'));
    await screen.findByTestId('wish-not-member');
  });

  it('an open wish already: no form, one tap to that wish', async () => {
    browserPosition(null);
    loggedIn();
    claimsApi({ '/api/wishes/rules': () => json(200, { ...RULES, openWishId: 'w7', canPost: false }) });
    const nav = navigation();
    render(<NewWishPage />);
    fireEvent.click(await screen.findByTestId('wish-open-see'));
    expect(nav.redirect).toHaveBeenCalledWith({ url: '/pages/wish/detail?id=w7' });
    expect(screen.queryByTestId('wish-form')).toBeNull();
  });

  it("this year's wishes used up: says so, no form", async () => {
    browserPosition(null);
    loggedIn();
    claimsApi({ '/api/wishes/rules': () => json(200, { ...RULES, usedThisYear: 2, canPost: false }) });
    render(<NewWishPage />);
    expect((await screen.findByTestId('wish-yearly-used')).textContent).toContain('每年最多发 2 个心愿');
    expect(screen.queryByTestId('wish-form')).toBeNull();
  });

  it("the org's cap is checked while typing", async () => {
    const { container, server } = await openForm({ '/api/wishes/rules': () => json(200, { ...RULES, valueCapFen: 30000 }) });
    expect(screen.getByTestId('wish-value').textContent).toContain('不超过 ¥300');
    typeInto(container, 'wish-value', '350');
    await waitFor(() => expect(errorText('wish-value')).toBe(WISH_MESSAGES.valueCap(30000)));
    expect(server.to('/api/wishes')).toHaveLength(0);
  });
});
