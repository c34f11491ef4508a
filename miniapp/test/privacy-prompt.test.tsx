import type { ReactElement } from 'react';
import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRIVACY_PROMPT_TEXT, PrivacyPrompt } from '../src/components/privacy-prompt.weapp';
import { PrivacyPrompt as H5PrivacyPrompt } from '../src/components/privacy-prompt.h5';
import { answerPrivacyConsent, requestPrivacyConsent } from '../src/services/privacy-consent';

describe('PrivacyPrompt (weapp): says what the waiting privacy API is for', () => {
  beforeEach(() => {
    // WeChat-only props (openType, catchMove) are unknown to the DOM: React's warnings about them are noise here.
    const consoleError = console.error.bind(console);
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      if (typeof args[0] === 'string' && /React does not recognize|Unknown event handler property/.test(args[0])) return;
      consoleError(...args);
    });
  });
  afterEach(() => {
    act(() => answerPrivacyConsent(false)); // no request left open for the next test
    vi.restoreAllMocks();
  });

  const open = async (ui: ReactElement) => {
    render(ui);
    expect(screen.queryByText(PRIVACY_PROMPT_TEXT.title)).toBeNull();
    act(() => requestPrivacyConsent(vi.fn()));
    await screen.findByText(PRIVACY_PROMPT_TEXT.title);
    return screen.getByTestId('privacy-prompt-purpose').textContent;
  };

  it('on the claim form (photos): evidence only, seen by the worker and the officers handling the claim; no word of location', async () => {
    const text = await open(<PrivacyPrompt purpose='photos' />);
    expect(text).toBe(PRIVACY_PROMPT_TEXT.bodyEnd.photos);
    expect(text).toContain('证据');
    expect(text).toContain('工会干部');
    expect(text).not.toContain('位置');
  });

  it('on the stations tab (location): location only finds nearby stations', async () => {
    const text = await open(<PrivacyPrompt purpose='location' />);
    expect(text).toBe(PRIVACY_PROMPT_TEXT.bodyEnd.location);
    expect(text).toContain('驿站');
  });

  it('without a purpose (我的, login) the wording names neither location nor photos', async () => {
    const text = await open(<PrivacyPrompt />);
    expect(text).toBe(PRIVACY_PROMPT_TEXT.bodyEnd.general);
    expect(text).not.toMatch(/位置|驿站|照片/);
  });

  it('H5 renders nothing whatever the purpose', () => {
    const { container } = render(<H5PrivacyPrompt purpose='photos' />);
    act(() => requestPrivacyConsent(vi.fn()));
    expect(container.innerHTML).toBe('');
  });
});
