import { useCallback, useRef, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { createActionKeys } from '../services/action-keys';
import { ApiError } from '../services/http';
import { errorMessage } from './error-message';
import { toastDone } from './feedback';
import { useLoadOnShow } from './use-page-visible';

const TEXT = {
  loadFailed: '加载失败，请检查网络后下拉刷新',
  actionFailed: '操作失败，请检查网络后重试',
  done: '已提交',
};

export interface ActionError {
  message: string;
  /** The object moved on (someone else acted, a second tap): the page offers 刷新. */
  stale: boolean;
}

export interface DetailOptions<T> {
  fetch: (id: string) => Promise<T>;
  /** Said when the page was opened without an id. */
  missingText: string;
  /** The toast after each action went through, by action (the answer often lands out of sight). */
  doneText: Record<string, string>;
  isStale: (err: unknown) => boolean;
  /** False: nothing loads (e.g. until the page knows it may ask). */
  enabled?: boolean;
}

/** A refusal with field errors says what was wrong, not only 提交的信息有误. */
function actionErrorMessage(err: unknown): string {
  if (err instanceof ApiError && err.fieldErrors.length > 0) return err.fieldErrors.map((f) => f.message).join('；');
  return errorMessage(err, TEXT.actionFailed);
}

/**
 * One object on a detail page (a claim, a wish): loaded on show and on pull-down, and `run` for its actions — each
 * with an Idempotency-Key that a retry after an unknown outcome reuses. The answer replaces the object.
 */
export function useDetail<T>(id: string | undefined, options: DetailOptions<T>) {
  const [item, setItem] = useState<T | null>(null);
  const [loadError, setLoadError] = useState<string | null>(id ? null : options.missingText);
  const [actionError, setActionError] = useState<ActionError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const keys = useRef(createActionKeys()).current;
  const busyRef = useRef(false);
  const opts = useRef(options);
  opts.current = options;

  const load = useCallback(async () => {
    if (!id || opts.current.enabled === false) return;
    try {
      setItem(await opts.current.fetch(id));
      setLoadError(null);
    } catch (err) {
      setLoadError(errorMessage(err, TEXT.loadFailed));
    }
  }, [id]);

  useLoadOnShow(() => {
    load();
  });
  usePullDownRefresh(() => {
    load().finally(() => Taro.stopPullDownRefresh());
  });

  /** Runs one action; true when the server accepted it. */
  const run = async (action: string, body: unknown, send: (idempotencyKey: string) => Promise<T>): Promise<boolean> => {
    if (busyRef.current) return false;
    busyRef.current = true;
    setBusy(action);
    setActionError(null);
    try {
      const next = await send(keys.keyFor(action, body));
      keys.settle(action);
      setItem(next);
      toastDone(opts.current.doneText[action] ?? TEXT.done);
      return true;
    } catch (err) {
      keys.settle(action, err);
      setActionError({ message: actionErrorMessage(err), stale: opts.current.isStale(err) });
      return false;
    } finally {
      busyRef.current = false;
      setBusy(null);
    }
  };

  const refresh = async () => {
    setActionError(null);
    await load();
  };

  return { item, setItem, loadError, actionError, busy, run, refresh, load };
}
