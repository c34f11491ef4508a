export interface DateTimeInputProps {
  /** `YYYY-MM-DD HH:mm[:ss]` (mode `datetime`) or `YYYY-MM-DD` (mode `date`), Beijing time; '' when not chosen. */
  value: string;
  onChange: (value: string) => void;
  mode: 'datetime' | 'date';
  testId: string;
  /** The field's label, for screen readers on each part (e.g. 开抢时间（北京时间）: 日期 / 时间). */
  label?: string;
}

export const DATE_TIME_TEXT = { date: '选择日期', time: '选择时间' };

/** Splits `YYYY-MM-DD HH:mm` into its date and time ('' for a missing part). */
export function splitDateTime(value: string): { date: string; time: string } {
  const [date = '', time = ''] = value.trim().split(/\s+/);
  return { date, time };
}

/** Joins the parts back; the time defaults to 10:00 (a usual opening moment) until one is chosen. */
export function joinDateTime(date: string, time: string): string {
  return date ? `${date} ${time || '10:00'}` : '';
}
