import { View } from '@tarojs/components';
import { DATE_TIME_TEXT, joinDateTime, splitDateTime, type DateTimeInputProps } from './date-time-input.types';
import './date-time-input.scss';

/** The browser's own date and time pickers (a phone shows its wheels), Beijing time as typed; seconds may be given (`step` 1). */
export function DateTimeInput({ value, onChange, mode, testId, label }: DateTimeInputProps) {
  const { date, time } = splitDateTime(value);
  const named = (part: string) => (label ? `${label}：${part}` : part);
  return (
    <View className='date-time-input' data-testid={testId}>
      <input className='date-time-input__part' type='date' aria-label={named(DATE_TIME_TEXT.date)} value={date} onChange={(e) => onChange(mode === 'date' ? e.target.value : joinDateTime(e.target.value, time))} data-testid={`${testId}-date`} />
      {mode === 'datetime' && <input className='date-time-input__part' type='time' step={1} aria-label={named(DATE_TIME_TEXT.time)} value={time} onChange={(e) => onChange(joinDateTime(date, e.target.value))} data-testid={`${testId}-time`} />}
    </View>
  );
}
