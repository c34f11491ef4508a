import { useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { ClaimPanelActions } from './claim-panel-actions';
import { ClaimTextarea } from './claim-textarea';
import './claim-panel.scss';

const TEXT = {
  cancel: '取消',
  tooShort: (min: number) => `请至少填写 ${min} 个字`,
};

export interface ClaimTextPanelProps {
  title: string;
  hint?: string;
  placeholder?: string;
  submitLabel: string;
  min?: number;
  max: number;
  busy: boolean;
  /** Extra fields above the text (e.g. the department to transfer to). */
  children?: ReactNode;
  /** A problem with the extra fields that blocks sending, shown in red. */
  blocker?: string | null;
  onSubmit: (text: string) => Promise<boolean>;
  onCancel: () => void;
  testId: string;
}

/** A text to send with one action (补充说明, 答复, 内部备注, 上报, 转交): the text stays if sending fails. */
export function ClaimTextPanel({ title, hint, placeholder, submitLabel, min = 1, max, busy, children, blocker, onSubmit, onCancel, testId }: ClaimTextPanelProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (blocker) return setError(blocker);
    if (text.trim().length < min) return setError(TEXT.tooShort(min));
    setError(null);
    if (await onSubmit(text.trim())) setText('');
  };

  return (
    <View className='nx-card claim-panel' data-testid={testId}>
      <Text className='claim-panel__title'>{title}</Text>
      {hint && <Text className='claim-panel__hint'>{hint}</Text>}
      {children}
      <View className='claim-panel__text' data-testid={`${testId}-text`}>
        <ClaimTextarea
          name={testId}
          value={text}
          maxLength={max}
          rows={3}
          placeholder={placeholder}
          onChange={(v) => {
            setText(v);
            setError(null);
          }}
        />
      </View>
      <ClaimPanelActions
        error={error}
        errorTestId={`${testId}-error`}
        busy={busy}
        cancelLabel={TEXT.cancel}
        onCancel={onCancel}
        cancelTestId={`${testId}-cancel`}
        submitLabel={submitLabel}
        onSubmit={submit}
        submitTestId={`${testId}-submit`}
      />
    </View>
  );
}
