import { Text, Textarea, View } from '@tarojs/components';
import type { ClaimTextareaProps } from './claim-textarea.types';
import './claim-textarea.scss';

/** weapp: the native textarea, with a counter. */
export function ClaimTextarea({ name, value, onChange, maxLength, placeholder, rows = 4 }: ClaimTextareaProps) {
  return (
    <View className='claim-textarea'>
      <Textarea
        className='claim-textarea__input'
        name={name}
        value={value}
        maxlength={maxLength}
        placeholder={placeholder}
        style={{ height: `${rows * 1.6 * 16}px` }}
        onInput={(e) => onChange(e.detail.value)}
      />
      <Text className='claim-textarea__count'>{`${value.length}/${maxLength}`}</Text>
    </View>
  );
}
