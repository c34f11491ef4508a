import { useCallback, useRef, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { ErrorCode } from '@nuanxin/shared';
import { createActionKeys } from '../services/action-keys';
import { ApiError } from '../services/http';
import { fetchWish, type Wish } from '../services/wishes';
import { errorMessage } from '../utils/error-message';
import { toastDone } from '../utils/feedback';
import { useLoadOnShow } from '../utils/use-page-visible';
import type { ClaimActionError } from './claim-use-detail';

const TEXT = {
  loadFailed: '加载失败，请检查网络后下拉刷新',
  actionFailed: '操作失败，请检查网络后重试',
  missing: '缺少心愿编号，请从列表重新打开',
  done: '已提交',
};

/** The toast after each action went through. */
export const WISH_DONE_TEXT: Record<string, string> = {
  claim: '认领成功',
  cancel: '心愿已撤回',
  release: '已放弃认领',
  deliver: '已标记送达',
  receive: '已签收',
  pickup: '已确认领取',
  confirm: '已确认收到',
  thank: '感谢已送出',
  approve: '已通过并发布',
  reject: '已退回',
  close: '已关闭',
};

const STALE: ReadonlySet<string> = new Set([ErrorCode.WISH_TAKEN, ErrorCode.WISH_STATE_CHANGED, ErrorCode.WISH_ACTION_NOT_ALLOWED, ErrorCode.CONFLICT]);

/** The wish moved on (someone else claimed it, a second tap): the page offers 刷新. A limit or a wrong card is not that. */
export function isStaleWishError(err: unknown): boolean {
  return err instanceof ApiError && STALE.has(err.code);
}

function actionErrorMessage(err: unknown): string {
  if (err instanceof ApiError && err.fieldErrors.length > 0) return err.fieldErrors.map((f) => f.message).join('；');
  return errorMessage(err, TEXT.actionFailed);
}

/**
 * One wish on a page: loaded on show and on pull-down, and `run` for its actions — each with an Idempotency-Key
 * that a retry after an unknown outcome reuses. The answer replaces the wish.
 */
export function useWishDetail(id: string | undefined, enabled = true) {
  const [wish, setWish] = useState<Wish | null>(null);
  const [loadError, setLoadError] = useState<string | null>(id ? null : TEXT.missing);
  const [actionError, setActionError] = useState<ClaimActionError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const keys = useRef(createActionKeys()).current;
  const busyRef = useRef(false);
  const enabledRef = useRef(enabled);
  enabledRef.current = enabled;

  const load = useCallback(async () => {
    if (!id || !enabledRef.current) return;
    try {
      setWish(await fetchWish(id));
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
  const run = async (action: string, body: unknown, send: (idempotencyKey: string) => Promise<Wish>): Promise<boolean> => {
    if (busyRef.current) return false;
    busyRef.current = true;
    setBusy(action);
    setActionError(null);
    try {
      const next = await send(keys.keyFor(action, body));
      keys.settle(action);
      setWish(next);
      toastDone(WISH_DONE_TEXT[action] ?? TEXT.done);
      return true;
    } catch (err) {
      keys.settle(action, err);
      setActionError({ message: actionErrorMessage(err), stale: isStaleWishError(err) });
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

  return { wish, setWish, loadError, actionError, busy, run, refresh, load };
}
