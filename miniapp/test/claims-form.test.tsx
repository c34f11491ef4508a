import Taro from '@tarojs/taro';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ERROR_MESSAGES } from '@nuanxin/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import NewClaimPage from '../src/pages/claims/new';
import { CLAIM_FORM_TEXT } from '../src/pages/claims/claim-form';
import { CLAIM_FORM_ID, CLAIM_MESSAGES } from '../src/pages/claims/claim-form-rules';
import { loadDraft, saveDraft } from '../src/services/drafts';
import type { CreateClaimRequest } from '../src/services/claims';
import { claimsApi, makeClaim, navigation } from './claims-fixtures';
import { errorReply, json, type Route } from './support/fake-server';
import { resetParams, typeInto } from './support/page';
import { loggedIn } from './support/session';

const created = makeClaim({ id: 'c42' });

async function openForm(routes: Record<string, Route> = {}) {
  loggedIn();
  const server = claimsApi({ '/api/claims': () => json(201, created), ...routes });
  const nav = navigation();
  const view = render(<NewClaimPage />);
  await screen.findByTestId('claim-form');
  return { server, nav, container: view.container };
}

function fillRequired(container: HTMLElement) {
  fireEvent.click(screen.getByText('欠薪'));
  typeInto(container, 'claim-description', '十月份工资 3500 元至今未发放，站长说平台没结算。');
  // The employer has no union: leave the union search for the name box.
  const noUnion = screen.queryByTestId('claim-employer-no-union');
  if (noUnion) fireEvent.click(noUnion);
  typeInto(container, 'claim-employer-name', '某某配送站');
}

const MEITUAN = { code: 'XM-MT', name: '美团厦门骑手联合工会', level: 'enterprise', parentName: '厦门市总工会', autoApprove: true };

const errorText = (testId: string) => screen.queryByTestId(`${testId}-error`)?.textContent ?? null;
const body = (req: { data: unknown }) => req.data as CreateClaimRequest;

afterEach(resetParams);

describe('我有事办: the new-claim form', () => {
  it('sends the amount in fen (parseYuan), the chosen district and contact, with an Idempotency-Key; success opens the detail', async () => {
    const { container, server, nav } = await openForm();
    fillRequired(container);
    typeInto(container, 'claim-amount', '3500.5');
    expect(screen.getByText(CLAIM_FORM_TEXT.amountPreview('¥3500.50'))).toBeTruthy();
    fireEvent.click(screen.getByText('电话联系'));
    typeInto(container, 'claim-contact-name', '王师傅');
    typeInto(container, 'claim-contact-mobile', '139 0000 1111');
    fireEvent.click(screen.getByText('思明区'));
    fireEvent.click(screen.getByTestId('claim-submit'));
    await waitFor(() => expect(nav.redirect).toHaveBeenCalledWith({ url: '/pages/claims/detail?id=c42' }));
    const [req] = server.to('/api/claims');
    expect(req.method).toBe('POST');
    expect(req.header['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(body(req)).toEqual({
      category: 'wages',
      employerName: '某某配送站',
      amountFen: 350050,
      description: '十月份工资 3500 元至今未发放，站长说平台没结算。',
      contactPreference: 'phone',
      districtCode: 'XM-SM',
      contactName: '王师傅',
      contactMobile: '13900001111',
    });
    expect(loadDraft(CLAIM_FORM_ID)).toBeNull();
  });

  it('whole yuan and thousands separators parse too; a blank amount is left out; a bad one blocks the submit', async () => {
    const { container, server } = await openForm();
    fillRequired(container);
    typeInto(container, 'claim-amount', '3.555');
    await waitFor(() => expect(errorText('claim-amount')).toBe(CLAIM_MESSAGES.amountFormat));
    fireEvent.click(screen.getByTestId('claim-submit'));
    await waitFor(() => expect(screen.getByTestId('claim-error').textContent).toContain(CLAIM_FORM_TEXT.fixFields));
    expect(server.to('/api/claims')).toHaveLength(0);

    typeInto(container, 'claim-amount', '0');
    await waitFor(() => expect(errorText('claim-amount')).toBe(CLAIM_MESSAGES.amountPositive));
    typeInto(container, 'claim-amount', '3,500');
    await waitFor(() => expect(errorText('claim-amount')).toBeNull());
    fireEvent.click(screen.getByTestId('claim-submit'));
    await waitFor(() => expect(server.to('/api/claims')).toHaveLength(1));
    expect(body(server.to('/api/claims')[0]).amountFen).toBe(350000);
  });

  it('category, employer and a description of 5+ characters are required; nothing is sent without them', async () => {
    const { container, server } = await openForm();
    fireEvent.click(screen.getByTestId('claim-submit'));
    await waitFor(() => expect(errorText('claim-category')).toBe(CLAIM_MESSAGES.category));
    expect(errorText('claim-employer')).toBe(CLAIM_MESSAGES.employerPick); // search first: pick a union or say there is none
    fireEvent.click(screen.getByTestId('claim-employer-no-union'));
    await waitFor(() => expect(errorText('claim-employer')).toBe(CLAIM_MESSAGES.employerName));
    expect(errorText('claim-description')).toBe(CLAIM_MESSAGES.description);
    expect(errorText('claim-amount')).toBeNull();
    expect(errorText('claim-district')).toBeNull(); // the server decides whether it is needed
    typeInto(container, 'claim-description', '没发');
    await waitFor(() => expect(errorText('claim-description')).toBe(CLAIM_MESSAGES.description));
    expect(server.to('/api/claims')).toHaveLength(0);

    fillRequired(container);
    await waitFor(() => expect(errorText('claim-description')).toBeNull());
    fireEvent.click(screen.getByTestId('claim-submit'));
    await waitFor(() => expect(server.to('/api/claims')).toHaveLength(1));
    const sent = body(server.to('/api/claims')[0]);
    expect(sent).not.toHaveProperty('amountFen');
    expect(sent).not.toHaveProperty('districtCode');
    expect(sent.contactPreference).toBe('message');
  });

  it('the server field error for districtCode shows under the district field and clears when a district is picked', async () => {
    const message = '你还不是会员且单位未建工会，请选择你所在的区';
    let calls = 0;
    const { container, server, nav } = await openForm({
      '/api/claims': () => (++calls === 1 ? errorReply(400, 'VALIDATION_FAILED', ERROR_MESSAGES.VALIDATION_FAILED, [{ field: 'districtCode', message }]) : json(201, created)),
    });
    fillRequired(container);
    fireEvent.click(screen.getByTestId('claim-submit'));
    await waitFor(() => expect(errorText('claim-district')).toBe(message));
    expect(screen.getByTestId('claim-error').textContent).toContain(CLAIM_FORM_TEXT.fixFields);
    const firstKey = server.to('/api/claims')[0].header['Idempotency-Key'];

    fireEvent.click(screen.getByText('湖里区'));
    await waitFor(() => expect(errorText('claim-district')).toBeNull());
    fireEvent.click(screen.getByTestId('claim-submit'));
    await waitFor(() => expect(nav.redirect).toHaveBeenCalled());
    const second = server.to('/api/claims')[1];
    expect(body(second).districtCode).toBe('XM-HL');
    // A definite refusal: the action did not happen, so the corrected one is a new action.
    expect(second.header['Idempotency-Key']).not.toBe(firstKey);
  });

  it('a network failure keeps the draft and its key; 重新提交 sends the same Idempotency-Key and clears the draft on success', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let calls = 0;
    const { container, server, nav } = await openForm({
      '/api/claims': () => (++calls <= 3 ? { networkError: 'net::ERR_CONNECTION_RESET' } : json(201, created)),
    });
    fillRequired(container);
    fireEvent.click(screen.getByText('思明区'));
    fireEvent.click(screen.getByTestId('claim-submit'));
    // The client retries twice by itself (500 ms, 1500 ms), then gives up.
    await act(() => vi.advanceTimersByTimeAsync(3000));
    await waitFor(() => expect(screen.getByTestId('claim-submit').textContent).toBe(CLAIM_FORM_TEXT.resubmit));
    expect(screen.getByTestId('claim-error').textContent).toContain(CLAIM_FORM_TEXT.retryNotice);
    const draft = loadDraft<{ description: string }>(CLAIM_FORM_ID);
    expect(draft?.lastError?.retryable).toBe(true);
    expect(draft?.data.description).toContain('十月份工资');

    fireEvent.click(screen.getByTestId('claim-submit'));
    await waitFor(() => expect(nav.redirect).toHaveBeenCalledWith({ url: '/pages/claims/detail?id=c42' }));
    const requests = server.to('/api/claims');
    expect(requests).toHaveLength(4);
    expect(new Set(requests.map((r) => r.header['Idempotency-Key'])).size).toBe(1);
    expect(requests[0].header['Idempotency-Key']).toBe(draft?.idempotencyKey);
    expect(loadDraft(CLAIM_FORM_ID)).toBeNull();
  });

  it('a draft left by a network failure comes back after the page is reopened, with 重新提交 and the same key', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const first = await openForm({ '/api/claims': () => ({ networkError: 'net::ERR_INTERNET_DISCONNECTED' }) });
    fillRequired(first.container);
    fireEvent.click(screen.getByTestId('claim-submit'));
    await act(() => vi.advanceTimersByTimeAsync(3000));
    await waitFor(() => expect(screen.getByTestId('claim-submit').textContent).toBe(CLAIM_FORM_TEXT.resubmit));
    const key = first.server.to('/api/claims')[0].header['Idempotency-Key'];
    vi.restoreAllMocks();
    first.container.remove();

    const again = await openForm();
    expect(screen.getAllByTestId('claim-submit').pop()!.textContent).toBe(CLAIM_FORM_TEXT.resubmit);
    fireEvent.click(screen.getAllByTestId('claim-submit').pop()!);
    await waitFor(() => expect(again.server.to('/api/claims')).toHaveLength(1));
    expect(again.server.to('/api/claims')[0].header['Idempotency-Key']).toBe(key);
  });

  it('the employer union is picked by search among enterprise unions; then the name is optional and left out', async () => {
    const { container, server } = await openForm({ '/api/orgs': () => json(200, { items: [MEITUAN] }) });
    fireEvent.click(screen.getByText('欠薪'));
    typeInto(container, 'claim-description', '平台单方面调整了配送费计算规则。');
    typeInto(container, 'claim-employer-org', '美团');
    fireEvent.click(await screen.findByTestId('claim-employer-org-item-XM-MT'));
    const search = new URL(server.to('/api/orgs')[0].url, 'http://x').searchParams;
    // employer=true: the server leaves out the district catch-all unions and the mediation centre it would refuse
    expect([search.get('q'), search.get('level'), search.get('employer')]).toEqual(['美团', 'enterprise', 'true']);
    expect(screen.getByTestId('claim-employer-org-name').textContent).toBe('美团厦门骑手联合工会');
    expect(screen.getByTestId('claim-employer').textContent).toContain('上级：厦门市总工会');

    fireEvent.click(screen.getByTestId('claim-submit'));
    await waitFor(() => expect(server.to('/api/claims')).toHaveLength(1));
    const sent = body(server.to('/api/claims')[0]);
    expect(sent.employerOrgCode).toBe('XM-MT');
    expect(sent).not.toHaveProperty('employerName');
  });

  it('the union search speaks of platforms and companies, and when nothing matches points to typing the name', async () => {
    const { container } = await openForm({ '/api/orgs': () => json(200, { items: [] }) });
    const picker = screen.getByTestId('claim-employer-org');
    expect(picker.textContent).toContain(CLAIM_FORM_TEXT.orgSearchHint);
    expect(picker.textContent).not.toContain('思明');
    typeInto(container, 'claim-employer-org', '某某快递');
    const empty = await screen.findByTestId('claim-employer-org-empty');
    expect(empty.textContent).toBe(CLAIM_FORM_TEXT.orgSearchEmpty('某某快递'));
    expect(empty.textContent).not.toContain('入会二维码');
    // the way out the text points to: the name box, keeping nothing of the search
    fireEvent.click(screen.getByTestId('claim-employer-no-union'));
    expect(container.querySelector('[data-testid=claim-employer-name] input')).toBeTruthy();
    expect(screen.queryByTestId('claim-employer-org')).toBeNull();
  });

  it('with a union picked, a station typed is sent too; the server refusing the union shows under the employer; 更换 searches again', async () => {
    const refusal = '请选择企业或平台的工会；单位没有工会可以不选，改选所在的区';
    let calls = 0;
    const { container, server, nav } = await openForm({
      '/api/orgs': () => json(200, { items: [MEITUAN] }),
      '/api/claims': () => (++calls === 1 ? errorReply(400, 'VALIDATION_FAILED', ERROR_MESSAGES.VALIDATION_FAILED, [{ field: 'employerOrgCode', message: refusal }]) : json(201, created)),
    });
    fireEvent.click(screen.getByText('欠薪'));
    typeInto(container, 'claim-description', '十月份工资 3500 元至今未发放。');
    typeInto(container, 'claim-employer-org', '美团');
    fireEvent.click(await screen.findByTestId('claim-employer-org-item-XM-MT'));
    typeInto(container, 'claim-employer-name', '美团湖里站');
    fireEvent.click(screen.getByTestId('claim-submit'));
    await waitFor(() => expect(errorText('claim-employer')).toBe(refusal));
    expect(body(server.to('/api/claims')[0])).toMatchObject({ employerOrgCode: 'XM-MT', employerName: '美团湖里站' });

    fireEvent.click(screen.getByTestId('claim-employer-org-change'));
    expect(errorText('claim-employer')).toBe(CLAIM_MESSAGES.employerPick); // the refusal went with the union it was about
    expect(screen.getByTestId('claim-employer-org')).toBeTruthy(); // the search again
    fireEvent.click(screen.getByTestId('claim-employer-no-union'));
    expect((container.querySelector('[data-testid=claim-employer-name] input') as HTMLInputElement).value).toBe('美团湖里站');
    fireEvent.click(screen.getByText('湖里区'));
    fireEvent.click(screen.getByTestId('claim-submit'));
    await waitFor(() => expect(nav.redirect).toHaveBeenCalled());
    const second = body(server.to('/api/claims')[1]);
    expect(second).not.toHaveProperty('employerOrgCode');
    expect(second).toMatchObject({ employerName: '美团湖里站', districtCode: 'XM-HL' });
  });

  it('the picked union is kept in the draft; a draft from before the picker (a name, no mode) reopens on the name box', async () => {
    const first = await openForm({ '/api/orgs': () => json(200, { items: [MEITUAN] }) });
    typeInto(first.container, 'claim-employer-org', '美团');
    fireEvent.click(await screen.findByTestId('claim-employer-org-item-XM-MT'));
    await waitFor(() => expect(loadDraft<{ employerOrg: { code: string } | null }>(CLAIM_FORM_ID)?.data.employerOrg?.code).toBe('XM-MT'));
    first.container.remove();
    cleanup();

    await openForm();
    expect(screen.getByTestId('claim-employer-org-name').textContent).toBe('美团厦门骑手联合工会');
    cleanup();

    saveDraft(CLAIM_FORM_ID, { category: 'wages', employerOrg: null, employerName: '某某配送站', amount: '', description: '十月份工资未发放', photoIds: [], contactPreference: 'message', districtCode: null });
    const old = await openForm();
    expect((old.container.querySelector('[data-testid=claim-employer-name] input') as HTMLInputElement).value).toBe('某某配送站');
    expect(screen.queryByTestId('claim-employer-org')).toBeNull();
  });

  it('photos upload as chosen (multipart field `file`, bearer token, progress) and go in as attachmentIds; a failed one can be retried', async () => {
    const { container, server } = await openForm();
    vi.spyOn(Taro, 'chooseImage').mockResolvedValue({
      tempFilePaths: ['blob:a', 'blob:b'],
      tempFiles: [
        { path: 'blob:a', size: 2048, type: 'image/png' },
        { path: 'blob:b', size: 4096, type: 'image/jpeg' },
      ],
      errMsg: 'chooseImage:ok',
    } as unknown as Taro.chooseImage.SuccessCallbackResult);
    const uploads: Taro.uploadFile.Option[] = [];
    let failB = true;
    vi.spyOn(Taro, 'uploadFile').mockImplementation(((option: Taro.uploadFile.Option) => {
      uploads.push(option);
      const fail = option.filePath === 'blob:b' && failB;
      const promise = (fail
        ? Promise.reject({ errMsg: 'uploadFile:fail net::ERR_CONNECTION_RESET' })
        : Promise.resolve({ statusCode: 201, data: JSON.stringify([{ id: option.filePath === 'blob:a' ? 'p-a' : 'p-b', mime: 'image/png', size: 10 }]), errMsg: 'uploadFile:ok' })) as Promise<unknown> & { progress: (cb: (p: { progress: number }) => void) => void };
      promise.progress = (cb) => cb({ progress: 40 });
      return promise;
    }) as unknown as typeof Taro.uploadFile);

    fillRequired(container);
    fireEvent.click(screen.getByTestId('claim-photos-add'));
    await waitFor(() => expect(screen.getAllByTestId('claim-photos-item').map((el) => el.getAttribute('data-state'))).toEqual(['done', 'failed']));
    expect(uploads[0]).toMatchObject({ url: '/api/claims/attachments', name: 'file', filePath: 'blob:a' });
    expect(uploads[0].header).toMatchObject({ Authorization: 'Bearer access-1' });
    // Each photo carries its own Idempotency-Key, so a photo sent twice is stored once.
    const keys = uploads.map((u) => (u.header as Record<string, string>)['Idempotency-Key']);
    expect(keys[0]).toMatch(/^[\w-]{8,}$/);
    expect(new Set(keys).size).toBe(keys.length);

    // Submitting with a failed photo is stopped with a plain message.
    fireEvent.click(screen.getByTestId('claim-submit'));
    await waitFor(() => expect(screen.getByTestId('claim-error').textContent).toContain(CLAIM_FORM_TEXT.photosFailed));
    expect(server.to('/api/claims')).toHaveLength(0);

    failB = false;
    fireEvent.click(screen.getByTestId('claim-photos-retry'));
    await waitFor(() => expect(screen.getAllByTestId('claim-photos-item').map((el) => el.getAttribute('data-state'))).toEqual(['done', 'done']));
    fireEvent.click(screen.getByTestId('claim-submit'));
    await waitFor(() => expect(server.to('/api/claims')).toHaveLength(1));
    expect(body(server.to('/api/claims')[0]).attachmentIds).toEqual(['p-a', 'p-b']);
  });

  it('logged out: goes to login first', async () => {
    claimsApi({});
    const { navigate } = navigation();
    render(<NewClaimPage />);
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/login/index' });
    expect(await screen.findByTestId('claim-login-needed')).toBeTruthy();
  });
});

describe('我有事办: results never off-screen', () => {
  /** The element the form last asked pageScrollTo to bring into view (as H5 finds it: the first match). */
  async function scrolledTo(scroll: { mock: { calls: [Taro.pageScrollTo.Option][] } }): Promise<Element> {
    await waitFor(() => expect(scroll.mock.calls.length).toBeGreaterThan(0));
    const { selector } = scroll.mock.calls.at(-1)![0];
    const el = document.querySelector(selector ?? '');
    if (!el) throw new Error(`nothing matches ${selector}`);
    return el;
  }

  it('a failed submit scrolls to the first field error; a server field error too; success toasts 诉求已提交', async () => {
    // jsdom does not scroll: record where the form asked to go.
    const scroll = vi.spyOn(Taro, 'pageScrollTo').mockResolvedValue({ errMsg: 'pageScrollTo:ok' });
    const toast = vi.spyOn(Taro, 'showToast');
    let calls = 0;
    const { container, nav } = await openForm({
      '/api/claims': () =>
        ++calls === 1 ? errorReply(400, 'VALIDATION_FAILED', ERROR_MESSAGES.VALIDATION_FAILED, [{ field: 'districtCode', message: '请选择你所在的区' }]) : json(201, created),
    });
    fireEvent.click(screen.getByTestId('claim-submit'));
    expect((await scrolledTo(scroll)).getAttribute('data-testid')).toBe('claim-category');

    fillRequired(container);
    fireEvent.click(screen.getByTestId('claim-submit'));
    await waitFor(() => expect(scroll).toHaveBeenCalledTimes(2));
    expect((await scrolledTo(scroll)).getAttribute('data-testid')).toBe('claim-district');
    expect(toast).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('湖里区'));
    fireEvent.click(screen.getByTestId('claim-submit'));
    await waitFor(() => expect(nav.redirect).toHaveBeenCalled());
    expect(toast.mock.calls.map(([o]) => o?.title)).toEqual([CLAIM_FORM_TEXT.submittedToast]);
    expect(toast.mock.calls[0][0]).toMatchObject({ icon: 'success' });
  });
});
