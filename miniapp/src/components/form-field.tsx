import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './form-field.scss';

export interface FormFieldProps {
  label: string;
  /** Shown under the field in red; also used by tests (`${testId}-error`). */
  error?: string | null;
  hint?: string;
  testId: string;
  children: ReactNode;
}

/** A labelled white block holding one input, its hint and its error. */
export function FormField({ label, error, hint, testId, children }: FormFieldProps) {
  return (
    <View className={`form-field${error ? ' form-field--error' : ''}`} data-testid={testId}>
      <Text className='form-field__label'>{label}</Text>
      {children}
      {hint && !error && <Text className='form-field__hint'>{hint}</Text>}
      {error && (
        <Text className='form-field__error' data-testid={`${testId}-error`}>
          {error}
        </Text>
      )}
    </View>
  );
}
