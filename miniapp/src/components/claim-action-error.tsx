import { Text, View } from '@tarojs/components';
import { Button } from './ui';
import { CLAIM_TEXT } from './claim-labels';
import type { ClaimActionError } from './claim-use-detail';
import './claim-panel.scss';

/** A failed action said plainly; when the claim moved on (409), 刷新 loads what it is now. */
export function ClaimActionErrorBox({ error, onRefresh }: { error: ClaimActionError | null; onRefresh: () => void }) {
  if (!error) return null;
  return (
    <View className='claim-stale' data-testid='claim-action-error'>
      <Text className='claim-stale__text'>{error.message}</Text>
      {error.stale && (
        <Button fill='outline' onClick={onRefresh} data-testid='claim-action-refresh'>
          {CLAIM_TEXT.refresh}
        </Button>
      )}
    </View>
  );
}
