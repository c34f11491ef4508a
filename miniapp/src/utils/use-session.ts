import { useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { isLoggedIn, onSessionChange } from '../services/auth';
import { ROUTES } from '../routes';

/** Whether a session exists; follows login, logout and a lost session, and rechecks when the page shows. */
export function useLoggedIn(): boolean {
  const [loggedIn, setLoggedIn] = useState(() => isLoggedIn());
  useEffect(() => onSessionChange(() => setLoggedIn(isLoggedIn())), []);
  useDidShow(() => setLoggedIn(isLoggedIn()));
  return loggedIn;
}

export function goLogin(): void {
  Taro.navigateTo({ url: ROUTES.login });
}

/** Straight to the login page once when the page opens signed out; coming back still signed out stays on the page. */
export function useLoginOnce(loggedIn: boolean): void {
  const asked = useRef(false);
  useEffect(() => {
    if (!loggedIn && !asked.current) {
      asked.current = true;
      goLogin();
    }
  }, [loggedIn]);
}

/** Query parameters of the current page ({} outside a page, e.g. in tests). */
export function usePageParams(): Record<string, string | undefined> {
  const router = useRouter() as { params?: Record<string, string | undefined> } | null;
  return router?.params ?? {};
}
