import { Text, View } from '@tarojs/components';
import { Button } from './ui';
import './claim-panel.scss';

export interface ClaimPanelActionsProps {
  /** The panel's own check that failed, in Chinese (shown above the buttons). */
  error: string | null;
  errorTestId: string;
  busy: boolean;
  cancelLabel: string;
  onCancel: () => void;
  cancelTestId?: string;
  submitLabel: string;
  onSubmit: () => void;
  submitTestId: string;
  /** Besides `busy`: e.g. nothing to choose yet. */
  submitDisabled?: boolean;
}

/** The foot of a claim action panel: its error, then 取消 and the primary action (both off while busy). */
export function ClaimPanelActions({ error, errorTestId, busy, cancelLabel, onCancel, cancelTestId, submitLabel, onSubmit, submitTestId, submitDisabled = false }: ClaimPanelActionsProps) {
  return (
    <>
      {error && (
        <Text className='claim-panel__error' data-testid={errorTestId}>
          {error}
        </Text>
      )}
      <View className='claim-panel__actions'>
        <Button fill='outline' disabled={busy} onClick={onCancel} data-testid={cancelTestId}>
          {cancelLabel}
        </Button>
        <Button type='primary' loading={busy} disabled={busy || submitDisabled} onClick={onSubmit} data-testid={submitTestId}>
          {submitLabel}
        </Button>
      </View>
    </>
  );
}
