import { Picker, Text, View } from '@tarojs/components';
import { pickerValue, type PickerFieldProps } from './picker-field.types';
import './picker-field.scss';

/** WeChat's own date or time picker, opened by tapping the value. */
export function PickerField({ mode, value, onChange, start, end, label, testId }: PickerFieldProps) {
  return (
    <Picker mode={mode} value={pickerValue(mode, value)} start={start} end={end} onChange={(e) => onChange(String(e.detail.value))}>
      <View className='picker-field' aria-label={label} data-testid={testId}>
        <Text>{value}</Text>
      </View>
    </Picker>
  );
}
