import { useEffect, useState } from 'react';
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

/** Query parameters of the current page ({} outside a page, e.g. in tests). */
export function usePageParams(): Record<string, string | undefined> {
  const router = useRouter() as { params?: Record<string, string | undefined> } | null;
  return router?.params ?? {};
}
