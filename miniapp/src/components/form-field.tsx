import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { FieldLabelContext } from './field-label';
import './form-field.scss';

export interface FormFieldProps {
  label: string;
  /** Shown under the field in red; also used by tests (`${testId}-error`). */
  error?: string | null;
  hint?: string;
  testId: string;
  children: ReactNode;
}

/** A labelled white block holding one input, its hint and its error; the input takes the label as its name. */
export function FormField({ label, error, hint, testId, children }: FormFieldProps) {
  return (
    <View className={`form-field${error ? ' form-field--error' : ''}`} data-testid={testId}>
      <Text className='form-field__label'>{label}</Text>
      <FieldLabelContext.Provider value={label}>{children}</FieldLabelContext.Provider>
      {hint && !error && <Text className='form-field__hint'>{hint}</Text>}
      {error && (
        <Text className='form-field__error' data-testid={`${testId}-error`}>
          {error}
        </Text>
      )}
    </View>
  );
}
