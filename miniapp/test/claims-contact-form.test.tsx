import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ERROR_MESSAGES, MOBILE_MESSAGE, type ClaimContactDefaults } from '@nuanxin/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import NewClaimPage from '../src/pages/claims/new';
import { CLAIM_FORM_TEXT } from '../src/pages/claims/claim-form';
import { CLAIM_FORM_ID, CLAIM_MESSAGES, type ClaimDraftData } from '../src/pages/claims/claim-form-rules';
import { loadDraft } from '../src/services/drafts';
import type { CreateClaimRequest } from '../src/services/claims';
import { claimsApi, makeClaim, navigation } from './claims-fixtures';
import { errorReply, json, type Route } from './support/fake-server';
import { resetParams, typeInto } from './support/page';
import { loggedIn } from './support/session';

const created = makeClaim({ id: 'c42' });
const MEMBER_WITH_LOGIN: ClaimContactDefaults = { name: '王小明', nameSource: 'membership', mobileMasked: '139****1111', mobileSource: 'login' };
const NOTHING_SAVED: ClaimContactDefaults = { name: null, nameSource: null, mobileMasked: null, mobileSource: null };

async function openForm(defaults: ClaimContactDefaults, routes: Record<string, Route> = {}) {
  loggedIn();
  const server = claimsApi({ '/api/claims': () => json(201, created), '/api/claims/contact-defaults': () => json(200, defaults), ...routes });
  const nav = navigation();
  const view = render(<NewClaimPage />);
  await screen.findByTestId('claim-form');
  await waitFor(() => expect(server.to('/api/claims/contact-defaults')).toHaveLength(1));
  return { server, nav, container: view.container };
}

function fillRequired(container: HTMLElement) {
  fireEvent.click(screen.getByText('欠薪'));
  typeInto(container, 'claim-description', '十月份工资 3500 元至今未发放。');
  fireEvent.click(screen.getByTestId('claim-employer-no-union'));
  typeInto(container, 'claim-employer-name', '某某配送站');
}

const nameInput = (container: HTMLElement) => container.querySelector('[data-testid=claim-contact-name] input') as HTMLInputElement;
const errorText = (testId: string) => screen.queryByTestId(`${testId}-error`)?.textContent ?? null;
const posted = (server: { to: (p: string) => Array<{ method: string; data: unknown }> }) =>
  server
    .to('/api/claims')
    .filter((r) => r.method === 'POST')
    .map((r) => r.data as CreateClaimRequest);

afterEach(resetParams);

describe('我有事办: who the union calls (称呼 and 电话联系)', () => {
  it('prefills the member name and, for 电话联系, the SMS-login mobile (masked); both are sent as the saved ones', async () => {
    const { container, server, nav } = await openForm(MEMBER_WITH_LOGIN);
    await waitFor(() => expect(nameInput(container).value).toBe('王小明'));
    expect(screen.getByTestId('claim-contact-name').textContent).toContain(CLAIM_FORM_TEXT.contactNameFromMembership);
    // 消息通知 (the default) asks for no number.
    expect(screen.queryByTestId('claim-contact-mobile')).toBeNull();
    expect(screen.getByTestId('claim-contact').textContent).toContain(CLAIM_FORM_TEXT.contactMessageHint);

    fillRequired(container);
    fireEvent.click(screen.getByText('电话联系'));
    expect(screen.getByTestId('claim-contact-mobile-saved').textContent).toBe('139****1111');
    expect(screen.getByTestId('claim-contact-mobile').textContent).toContain('来自你的短信验证登录');
    fireEvent.click(screen.getByTestId('claim-submit'));
    await waitFor(() => expect(nav.redirect).toHaveBeenCalled());
    expect(posted(server)[0]).toMatchObject({ contactPreference: 'phone', contactName: '王小明', useSavedMobile: true });
    expect(posted(server)[0]).not.toHaveProperty('contactMobile');
  });

  it('换一个号码: the mobile is checked as it is typed (once 11 digits are in) and sent normalised', async () => {
    const { container, server, nav } = await openForm(MEMBER_WITH_LOGIN);
    await waitFor(() => expect(nameInput(container).value).toBe('王小明'));
    fillRequired(container);
    fireEvent.click(screen.getByText('电话联系'));
    fireEvent.click(screen.getByTestId('claim-contact-mobile-change'));
    typeInto(container, 'claim-contact-mobile', '1290000');
    expect(errorText('claim-contact-mobile')).toBeNull(); // still typing
    typeInto(container, 'claim-contact-mobile', '12900001111');
    expect(errorText('claim-contact-mobile')).toBe(MOBILE_MESSAGE);
    fireEvent.click(screen.getByTestId('claim-submit'));
    expect(posted(server)).toHaveLength(0);
    typeInto(container, 'claim-contact-mobile', '+86 138-0013-8000');
    expect(errorText('claim-contact-mobile')).toBeNull();
    typeInto(container, 'claim-contact-name', ' 李师傅 ');
    fireEvent.click(screen.getByTestId('claim-submit'));
    await waitFor(() => expect(nav.redirect).toHaveBeenCalled());
    expect(posted(server)[0]).toMatchObject({ contactName: '李师傅', contactMobile: '13800138000' });
    expect(posted(server)[0]).not.toHaveProperty('useSavedMobile');
  });

  it('电话联系 with nothing saved: 称呼 and 手机号 are required at their fields and the page scrolls to the first', async () => {
    const scroll = vi.spyOn(Taro, 'pageScrollTo').mockResolvedValue({ errMsg: 'pageScrollTo:ok' });
    const { container, server } = await openForm(NOTHING_SAVED);
    fillRequired(container);
    fireEvent.click(screen.getByText('电话联系'));
    expect(nameInput(container).value).toBe('');
    fireEvent.click(screen.getByTestId('claim-submit'));
    expect(errorText('claim-contact-name')).toBe(CLAIM_MESSAGES.contactName);
    expect(errorText('claim-contact-mobile')).toBe(CLAIM_MESSAGES.contactMobile);
    await waitFor(() => expect(scroll).toHaveBeenCalled());
    const selector = scroll.mock.calls.at(-1)![0].selector ?? '';
    expect(document.querySelector(selector)?.getAttribute('data-testid')).toBe('claim-contact-name');
    expect(posted(server)).toHaveLength(0);
  });

  it('消息通知 sends no number even when one was typed before switching; the name stays optional', async () => {
    const { container, server, nav } = await openForm(NOTHING_SAVED);
    fillRequired(container);
    fireEvent.click(screen.getByText('电话联系'));
    typeInto(container, 'claim-contact-mobile', '13800138000');
    fireEvent.click(screen.getByText('消息通知'));
    expect(screen.queryByTestId('claim-contact-mobile')).toBeNull();
    fireEvent.click(screen.getByTestId('claim-submit'));
    await waitFor(() => expect(nav.redirect).toHaveBeenCalled());
    const [body] = posted(server);
    expect(body.contactPreference).toBe('message');
    expect(body).not.toHaveProperty('contactMobile');
    expect(body).not.toHaveProperty('useSavedMobile');
    expect(body).not.toHaveProperty('contactName');
  });

  it("the server's refusal of the mobile shows at the field; the typed mobile is never kept in the typing draft", async () => {
    const { container, server } = await openForm(NOTHING_SAVED, {
      '/api/claims': () => errorReply(400, 'VALIDATION_FAILED', ERROR_MESSAGES.VALIDATION_FAILED, [{ field: 'contactMobile', message: '手机号应为 11 位中国大陆手机号码' }]),
    });
    fillRequired(container);
    fireEvent.click(screen.getByText('电话联系'));
    typeInto(container, 'claim-contact-name', '王师傅');
    typeInto(container, 'claim-contact-mobile', '13800138000');
    await waitFor(() => expect(loadDraft<ClaimDraftData>(CLAIM_FORM_ID)?.data.contactName).toBe('王师傅'));
    expect(loadDraft<ClaimDraftData>(CLAIM_FORM_ID)?.data.contactMobile).toBe('');
    fireEvent.click(screen.getByTestId('claim-submit'));
    await waitFor(() => expect(errorText('claim-contact-mobile')).toBe('手机号应为 11 位中国大陆手机号码'));
    expect(posted(server)).toHaveLength(1);
    // A definite refusal is no pending retry: the number leaves storage again on the next edit.
    typeInto(container, 'claim-contact-mobile', '13800138001');
    await waitFor(() => expect(loadDraft<ClaimDraftData>(CLAIM_FORM_ID)?.data.contactMobile).toBe(''));
  });
});
