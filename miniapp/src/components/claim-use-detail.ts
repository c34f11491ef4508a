import { useCallback, useRef, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { createActionKeys, fetchClaim, type Claim } from '../services/claims';
import { ApiError } from '../services/http';
import { errorMessage } from '../utils/error-message';
import { toastDone } from '../utils/feedback';
import { useLoadOnShow } from '../utils/use-page-visible';
import { isStaleClaimError } from './claim-labels';

const TEXT = {
  loadFailed: '加载失败，请检查网络后下拉刷新',
  actionFailed: '操作失败，请检查网络后重试',
  missing: '缺少诉求编号，请从列表重新打开',
  done: '已提交',
};

/** The toast after each action went through (the answer lands in the timeline, often out of sight). */
export const CLAIM_DONE_TEXT: Record<string, string> = {
  withdraw: '诉求已撤回',
  reopen: '已申请重新办理',
  message: '补充说明已发送',
  rate: '评价已提交',
  accept: '诉求已受理',
  reply: '答复已发送',
  note: '备注已保存',
  assign: '承办人已指定',
  escalate: '已上报上级',
  transfer: '已转交',
  resolve: '诉求已办结',
};

export interface ClaimActionError {
  message: string;
  /** The claim moved on (another officer, a second tap): the page offers 刷新. */
  stale: boolean;
}

/** A refusal with field errors says what was wrong (e.g. 承办人必须是…), not only 提交的信息有误. */
function actionErrorMessage(err: unknown): string {
  if (err instanceof ApiError && err.fieldErrors.length > 0) return err.fieldErrors.map((f) => f.message).join('；');
  return errorMessage(err, TEXT.actionFailed);
}

/**
 * One claim on a detail page (worker or staff): loaded on show and on pull-down, and `run` for its actions —
 * each with an Idempotency-Key that a retry after an unknown outcome reuses. The answer replaces the claim.
 */
export function useClaimDetail(id: string | undefined) {
  const [claim, setClaim] = useState<Claim | null>(null);
  const [loadError, setLoadError] = useState<string | null>(id ? null : TEXT.missing);
  const [actionError, setActionError] = useState<ClaimActionError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const keys = useRef(createActionKeys()).current;
  const busyRef = useRef(false);

  const load = useCallback(async () => {
    if (!id) return;
    try {
      setClaim(await fetchClaim(id));
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
  const run = async (action: string, body: unknown, send: (idempotencyKey: string) => Promise<Claim>): Promise<boolean> => {
    if (busyRef.current) return false;
    busyRef.current = true;
    setBusy(action);
    setActionError(null);
    try {
      const next = await send(keys.keyFor(action, body));
      keys.settle(action);
      setClaim(next);
      toastDone(CLAIM_DONE_TEXT[action] ?? TEXT.done);
      return true;
    } catch (err) {
      keys.settle(action, err);
      setActionError({ message: actionErrorMessage(err), stale: isStaleClaimError(err) });
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

  return { claim, loadError, actionError, busy, run, refresh };
}
