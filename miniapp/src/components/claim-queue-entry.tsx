import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { CLAIM_TRANSITIONS } from '@nuanxin/shared';
import { fetchMyQueueByStatus } from '../services/claims';
import { useLoadOnShow } from '../utils/use-page-visible';
import './entry-row.scss';
import './claim-queue-entry.scss';

export const CLAIM_QUEUE_ENTRY_TEXT = {
  title: '诉求办理',
  hint: '受理、答复、办结职工诉求',
  waiting: (n: string) => `${n} 件待受理`,
};

/** Submitted, escalated from below, reopened by the worker: every status 受理 applies to. */
const AWAITING_ACCEPT = CLAIM_TRANSITIONS.accept.from;

/** Counts first pages (20 each): when any has more, the total shows as N+. */
async function countWaiting(): Promise<string | null> {
  const pages = await Promise.all(AWAITING_ACCEPT.map((status) => fetchMyQueueByStatus(status)));
  const count = pages.reduce((n, p) => n + p.items.length, 0);
  if (count === 0) return null;
  return pages.some((p) => p.nextCursor !== null) ? `${count}+` : String(count);
}

export interface ClaimQueueEntryProps {
  onClick: () => void;
  testId: string;
}

/**
 * 诉求办理 straight from 我的 for officers, with how many claims assigned to them wait for 受理
 * (the first page per awaiting status, refreshed each time the page shows; no badge when a count fails).
 */
export function ClaimQueueEntry({ onClick, testId }: ClaimQueueEntryProps) {
  const [waiting, setWaiting] = useState<string | null>(null);

  useLoadOnShow(() => {
    countWaiting().then(setWaiting, () => undefined);
  });

  return (
    <View className='entry-row' hoverClass='entry-row--pressed' onClick={onClick} data-testid={testId}>
      <View className='entry-row__text'>
        <Text className='entry-row__title'>{CLAIM_QUEUE_ENTRY_TEXT.title}</Text>
        <Text className='entry-row__description'>{CLAIM_QUEUE_ENTRY_TEXT.hint}</Text>
      </View>
      {waiting && (
        <Text className='claim-queue-entry__badge' aria-label={CLAIM_QUEUE_ENTRY_TEXT.waiting(waiting)} data-testid={`${testId}-waiting`}>
          {waiting}
        </Text>
      )}
      <View className='nx-chevron' />
    </View>
  );
}
