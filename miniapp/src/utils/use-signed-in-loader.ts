import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { errorMessage } from './error-message';
import { useLoadOnShow } from './use-page-visible';
import { useLoggedIn } from './use-session';

export interface SignedInLoader<T> {
  loggedIn: boolean;
  /** null until the first load succeeds. */
  data: T | null;
  setData: Dispatch<SetStateAction<T | null>>;
  /** The last load's failure in Chinese (null once a load succeeds). */
  error: string | null;
  /** False while another page covers this one (for timers that should pause). */
  visible: boolean;
  /** Loads again; does nothing while signed out or while a load is still running. */
  load: () => Promise<void>;
}

/**
 * A signed-in user's own data for a page: loaded on mount, each time the page is shown again, as soon as
 * the session exists (back from the login page) and on pull-down refresh; one load at a time. A failed load
 * keeps the data already shown and sets `error` (the server's message, else `failedText`).
 */
export function useSignedInLoader<T>(fetch: () => Promise<T>, failedText: string): SignedInLoader<T> {
  const loggedIn = useLoggedIn();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [visible, setVisible] = useState(true);
  const inFlight = useRef(false);
  // The page's latest fetch (it may close over page params) without reloading on every render.
  const latest = useRef({ fetch, failedText });
  latest.current = { fetch, failedText };

  const load = useCallback(async () => {
    if (!loggedIn || inFlight.current) return;
    inFlight.current = true;
    try {
      setData(await latest.current.fetch());
      setError(null);
    } catch (err) {
      setError(errorMessage(err, latest.current.failedText));
    } finally {
      inFlight.current = false;
    }
  }, [loggedIn]);

  useLoadOnShow(
    () => {
      setVisible(true);
      load();
    },
    () => setVisible(false),
  );
  // Back from the login page: load as soon as the session exists.
  useEffect(() => {
    if (loggedIn) load();
  }, [loggedIn, load]);

  usePullDownRefresh(() => {
    load().finally(() => Taro.stopPullDownRefresh());
  });

  return { loggedIn, data, setData, error, visible, load };
}
