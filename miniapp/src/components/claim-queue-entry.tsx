import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { fetchClaimQueueCount } from '../services/claims';
import { useLoadOnShow } from '../utils/use-page-visible';
import './entry-row.scss';
import './claim-queue-entry.scss';

export const CLAIM_QUEUE_ENTRY_TEXT = {
  title: '诉求办理',
  hint: '受理、答复、办结职工诉求',
  waiting: (n: string) => `${n} 件待受理`,
};

/** What the badge says: nothing for 0, `99+` above 99. */
function badgeText(awaiting: number): string | null {
  if (awaiting <= 0) return null;
  return awaiting > 99 ? '99+' : String(awaiting);
}

export interface ClaimQueueEntryProps {
  onClick: () => void;
  testId: string;
}

/**
 * 诉求办理 straight from 我的 for officers, with how many claims assigned to them wait for 受理
 * (submitted, escalated, reopened: one count from the server, refreshed each time the page shows; a failed
 * count keeps the last badge).
 */
export function ClaimQueueEntry({ onClick, testId }: ClaimQueueEntryProps) {
  const [waiting, setWaiting] = useState<string | null>(null);

  useLoadOnShow(() => {
    fetchClaimQueueCount().then((n) => setWaiting(badgeText(n)), () => undefined);
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
