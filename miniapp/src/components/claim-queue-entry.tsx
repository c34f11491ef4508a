import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { fetchMyQueueByStatus } from '../services/claims';
import { useLoadOnShow } from '../utils/use-page-visible';
import './entry-row.scss';
import './claim-queue-entry.scss';

export const CLAIM_QUEUE_ENTRY_TEXT = {
  title: '诉求办理',
  hint: '受理、答复、办结职工诉求',
  waiting: (n: string) => `${n} 件待受理`,
};

/** The first page holds 20: more than that shows as 20+. */
function badgeText(count: number, more: boolean): string {
  return more ? `${count}+` : String(count);
}

export interface ClaimQueueEntryProps {
  onClick: () => void;
  testId: string;
}

/**
 * 诉求办理 straight from 我的 for officers, with how many claims assigned to them wait for 受理
 * (one GET of the first page of submitted ones, refreshed each time the page shows; silent on failure).
 */
export function ClaimQueueEntry({ onClick, testId }: ClaimQueueEntryProps) {
  const [waiting, setWaiting] = useState<string | null>(null);

  useLoadOnShow(() => {
    fetchMyQueueByStatus('submitted').then(
      (page) => setWaiting(page.items.length > 0 ? badgeText(page.items.length, page.nextCursor !== null) : null),
      () => undefined,
    );
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
