import { pickerValue, type PickerFieldProps } from './picker-field.types';
import './picker-field.scss';

/** The browser's own date or time picker (a wheel on phones): nothing typed, nothing to parse. */
export function PickerField({ mode, value, onChange, start, end, label, testId }: PickerFieldProps) {
  return (
    <input
      className='picker-field'
      type={mode}
      value={pickerValue(mode, value)}
      min={start}
      max={end}
      // A cleared field keeps the last value: the form always holds a complete date and time.
      onChange={(e) => e.currentTarget.value && onChange(e.currentTarget.value)}
      aria-label={label}
      data-testid={testId}
    />
  );
}
