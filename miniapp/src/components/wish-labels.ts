import { WISH_CATEGORIES, WISH_STATUS_LABELS, type WishCategory, type WishStatus } from '@nuanxin/shared';
import type { WishActor } from '@nuanxin/shared';
import type { Wish } from '../services/wishes';
import { formatDate } from '../utils/format';

/** One character per category, drawn in a round badge beside its label. */
export const WISH_CATEGORY_GLYPHS: Record<WishCategory, string> = {
  daily: '生',
  study: '学',
  health: '医',
  festival: '节',
  skills: '技',
  other: '其',
};

export function categoryLabel(code: WishCategory): string {
  return WISH_CATEGORIES.find((c) => c.code === code)?.label ?? code;
}

export function statusLabel(status: WishStatus): string {
  return WISH_STATUS_LABELS[status] ?? status;
}

export const WISH_TEXT = {
  actor: { wisher: '心愿人', donor: '爱心人士', station: '驿站', officer: '工会', system: '系统' } satisfies Record<WishActor, string>,
  /** Each step on the timeline (a WishAction, or posted / thanks / remind). */
  step: {
    posted: '提交心愿',
    thanks: '写下感谢',
    remind: '提醒心愿人确认',
    thank: '写下感谢',
    approve: '审核通过，已发布到心愿墙',
    reject: '未通过审核',
    cancel: '撤回心愿',
    claim: '认领心愿',
    release: '放弃认领，心愿回到心愿墙',
    hold_expire: '认领超过 7 天未送达，心愿回到心愿墙',
    expire: '30 天无人认领，已过期',
    deliver: '已送达',
    receive: '驿站已签收',
    pickup: '心愿人已在驿站领取',
    confirm: '确认收到并致谢',
    close: '工会已关闭',
  } as Record<string, string>,
};

/** What happens next, said to whoever reads it (the wisher, the donor, anyone else). */
export function nextStep(wish: Wish): string {
  const atStation = wish.handover === 'station';
  const can = (a: string) => wish.actions.includes(a as never);
  if (wish.viewer === 'wisher') {
    switch (wish.status) {
      case 'screening': return '等待工会审核，一般 3 个工作日内完成';
      case 'rejected': return wish.rejectReason ? `未通过：${wish.rejectReason}` : '未通过审核';
      case 'published': return '已在心愿墙上，等待爱心人士认领';
      case 'claimed': return atStation ? `已有人认领，将送到「${wish.station.name}」` : '已有人认领，将当面交给你';
      case 'delivered': return can('confirm') ? '收到后请确认，并写一句感谢' : '礼物已送到驿站，等驿站签收';
      case 'received': return `礼物已在「${wish.station.name}」，带上会员码去领取`;
      case 'picked_up': return '已领取，请确认收到并写一句感谢';
      case 'fulfilled': return can('thank') ? '心愿已圆梦，写一句感谢吧' : '心愿已圆梦';
      default: return statusLabel(wish.status);
    }
  }
  if (wish.viewer === 'donor') {
    switch (wish.status) {
      case 'claimed': {
        const by = wish.holdUntil ? `${formatDate(wish.holdUntil)} 前` : '7 天内';
        return atStation ? `请在 ${by}送到「${wish.station.name}」，并拍照标记已送达` : `请在 ${by}当面交给心愿人，并拍照标记已送达`;
      }
      case 'delivered': return atStation ? '已送达，等驿站签收' : '已送达，等心愿人确认';
      case 'received': return '驿站已签收，等心愿人领取';
      case 'picked_up': return '心愿人已领取，等心愿人确认';
      case 'fulfilled': return '心愿已圆梦，谢谢你';
      default: return statusLabel(wish.status);
    }
  }
  if (can('claim')) return '可以认领这个心愿';
  return statusLabel(wish.status);
}
