export interface PickerFieldProps {
  /** `date`: YYYY-MM-DD; `time`: HH:mm (24-hour, Beijing time where the form says so). */
  mode: 'date' | 'time';
  value: string;
  onChange: (value: string) => void;
  /** Earliest and latest choosable value, same format as `value`. */
  start?: string;
  end?: string;
  /** What a screen reader says for the field (the visible label sits beside it). */
  label: string;
  testId: string;
}

/** A time picker knows 00:00–23:59: a stored closing time of 24:00 is the same midnight as 00:00 the next day. */
export const pickerValue = (mode: PickerFieldProps['mode'], value: string) => (mode === 'time' && value === '24:00' ? '00:00' : value);
