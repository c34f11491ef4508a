import { useEffect, useState } from 'react';

/** The callback WeChat hands to onNeedPrivacyAuthorization; the blocked privacy API waits for it. */
export type PrivacyResolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;

let pending: PrivacyResolve | null = null;
const listeners = new Set<(open: boolean) => void>();

function notify(): void {
  listeners.forEach((listener) => listener(pending !== null));
}

/** Registered in app.ts on weapp: remembers the request so the current page can show its prompt. */
export function requestPrivacyConsent(resolve: PrivacyResolve): void {
  pending = resolve;
  resolve({ event: 'exposureAuthorization' });
  notify();
}

export function answerPrivacyConsent(agreed: boolean, buttonId?: string): void {
  const resolve = pending;
  pending = null;
  resolve?.(agreed ? { event: 'agree', buttonId } : { event: 'disagree' });
  notify();
}

export function usePrivacyConsentOpen(): boolean {
  const [open, setOpen] = useState(pending !== null);
  useEffect(() => {
    listeners.add(setOpen);
    setOpen(pending !== null);
    return () => {
      listeners.delete(setOpen);
    };
  }, []);
  return open;
}
