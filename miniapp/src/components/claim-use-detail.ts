import { fetchClaim } from '../services/claims';
import { useDetail } from '../utils/use-detail';
import { isStaleClaimError } from './claim-labels';

const TEXT = {
  missing: '缺少诉求编号，请从列表重新打开',
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
  refer: '已转联动调处中心',
  continue_mediation: '已确认继续调解',
  apply_arbitration: '已选择申请仲裁',
  payment: '已记录',
};

export type { ActionError as ClaimActionError } from '../utils/use-detail';

/** One claim on a detail page (worker or staff): `useDetail` with the claims' texts and stale errors. */
export function useClaimDetail(id: string | undefined) {
  const { item: claim, loadError, actionError, busy, run, refresh } = useDetail(id, {
    fetch: fetchClaim,
    missingText: TEXT.missing,
    doneText: CLAIM_DONE_TEXT,
    isStale: isStaleClaimError,
  });
  return { claim, loadError, actionError, busy, run, refresh };
}
