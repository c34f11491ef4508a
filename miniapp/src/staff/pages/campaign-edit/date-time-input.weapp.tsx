import { Picker, Text, View } from '@tarojs/components';
import { DATE_TIME_TEXT, joinDateTime, splitDateTime, type DateTimeInputProps } from './date-time-input.types';
import './date-time-input.scss';

/** WeChat's date and time wheels, Beijing time as chosen. */
export function DateTimeInput({ value, onChange, mode, testId }: DateTimeInputProps) {
  const { date, time } = splitDateTime(value);
  return (
    <View className='date-time-input' data-testid={testId}>
      <Picker mode='date' value={date} onChange={(e) => onChange(mode === 'date' ? e.detail.value : joinDateTime(e.detail.value, time))}>
        <View className='date-time-input__part'>
          <Text>{date || DATE_TIME_TEXT.date}</Text>
        </View>
      </Picker>
      {mode === 'datetime' && (
        <Picker mode='time' value={time} onChange={(e) => onChange(joinDateTime(date, e.detail.value))}>
          <View className='date-time-input__part'>
            <Text>{time || DATE_TIME_TEXT.time}</Text>
          </View>
        </Picker>
      )}
    </View>
  );
}
