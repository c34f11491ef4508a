import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { PRIVACY_PROMPT_TEXT } from '../src/components/privacy-prompt.weapp';
import NewClaimPage from '../src/pages/claims/new';
import { requestPrivacyConsent } from '../src/services/privacy-consent';
import { claimsApi, makeClaim, navigation } from './claims-fixtures';
import { json } from './support/fake-server';
import { loggedIn } from './support/session';

// The page as the weapp build links it: the real WeChat consent prompt instead of the H5 no-op.
vi.mock('../src/components/privacy-prompt', () => import('../src/components/privacy-prompt.weapp'));

describe('我有事办 on weapp: the privacy prompt', () => {
  it('when chooseImage waits for consent, the form page shows the prompt; 不同意 answers WeChat and closes it', async () => {
    // WeChat-only props (openType, catchMove) are unknown to the DOM: React's warnings about them are noise here.
    const consoleError = console.error.bind(console);
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      if (typeof args[0] === 'string' && /React does not recognize|Unknown event handler property/.test(args[0])) return;
      consoleError(...args);
    });
    loggedIn();
    claimsApi({ '/api/claims': () => json(201, makeClaim()) });
    navigation();
    render(<NewClaimPage />);
    await screen.findByTestId('claim-form');
    expect(screen.queryByText('隐私保护提示')).toBeNull();

    // What app.ts does when wx.onNeedPrivacyAuthorization fires for the photo picker.
    const resolve = vi.fn();
    act(() => requestPrivacyConsent(resolve));
    expect(await screen.findByText('隐私保护提示')).toBeTruthy();
    expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' });
    // the trigger here is choosing photos: the prompt says what they are for, not what location is for
    const purpose = screen.getByTestId('privacy-prompt-purpose').textContent;
    expect(purpose).toBe(PRIVACY_PROMPT_TEXT.bodyEnd.photos);
    expect(purpose).not.toContain('位置');

    fireEvent.click(screen.getByText('不同意'));
    await waitFor(() => expect(screen.queryByText('隐私保护提示')).toBeNull());
    expect(resolve).toHaveBeenLastCalledWith({ event: 'disagree' });
  });
});
