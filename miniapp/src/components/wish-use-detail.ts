import { ErrorCode } from '@nuanxin/shared';
import { ApiError } from '../services/http';
import { fetchWish } from '../services/wishes';
import { useDetail } from '../utils/use-detail';

const TEXT = {
  missing: '缺少心愿编号，请从列表重新打开',
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

/** One wish on a page: `useDetail` with the wishes' texts and stale errors; `enabled` false loads nothing. */
export function useWishDetail(id: string | undefined, enabled = true) {
  const { item: wish, setItem: setWish, loadError, actionError, busy, run, refresh, load } = useDetail(id, {
    fetch: fetchWish,
    missingText: TEXT.missing,
    doneText: WISH_DONE_TEXT,
    isStale: isStaleWishError,
    enabled,
  });
  return { wish, setWish, loadError, actionError, busy, run, refresh, load };
}
