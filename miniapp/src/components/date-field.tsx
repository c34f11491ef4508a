import { Picker, Text, View } from '@tarojs/components';
import './date-field.scss';

export interface DateFieldProps {
  /** `YYYY-MM-DD`, '' until picked. */
  value: string;
  /** The earliest date offered (`YYYY-MM-DD`). */
  start?: string;
  placeholder: string;
  onChange: (date: string) => void;
  testId: string;
}

/** A date chosen with the system date picker (WeChat's and H5's own), shown as one ≥ 44px row. */
export function DateField({ value, start, placeholder, onChange, testId }: DateFieldProps) {
  return (
    <Picker mode='date' value={value || start || ''} start={start} onChange={(e) => onChange(String(e.detail.value))}>
      <View className='date-field' data-testid={testId}>
        <Text className={value ? 'date-field__value' : 'date-field__placeholder'} data-testid={`${testId}-value`}>
          {value || placeholder}
        </Text>
      </View>
    </Picker>
  );
}
