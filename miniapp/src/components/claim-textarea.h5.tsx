import { Text, View } from '@tarojs/components';
import type { ClaimTextareaProps } from './claim-textarea.types';
import './claim-textarea.scss';

/** H5: a plain <textarea> (Taro's H5 Textarea is a web component that tests cannot type into), with a counter. */
export function ClaimTextarea({ name, value, onChange, maxLength, placeholder, label, rows = 4 }: ClaimTextareaProps) {
  return (
    <View className='claim-textarea'>
      <textarea
        className='claim-textarea__input'
        name={name}
        value={value}
        maxLength={maxLength}
        rows={rows}
        placeholder={placeholder}
        aria-label={label ?? placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
      <Text className='claim-textarea__count'>{`${value.length}/${maxLength}`}</Text>
    </View>
  );
}
