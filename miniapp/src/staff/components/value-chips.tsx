import { ChoiceChips } from '../../components/choice-chips';

export interface ValueChipsProps<T> {
  options: ReadonlyArray<{ value: T; label: string }>;
  value: T | null;
  /** null: the chosen chip was tapped again (不限). */
  onChange: (value: T | null) => void;
  /** Without it a chip stays chosen (one of the options is always on). */
  clearable?: boolean;
  testId: string;
}

/** ChoiceChips over typed values: shows labels, hands back the value. */
export function ValueChips<T>({ options, value, onChange, clearable = true, testId }: ValueChipsProps<T>) {
  const chosen = options.find((o) => o.value === value)?.label ?? null;
  return (
    <ChoiceChips
      options={options.map((o) => o.label)}
      value={chosen}
      clearable={clearable}
      onChange={(label) => onChange(label === null ? null : (options.find((o) => o.label === label)?.value ?? null))}
      testId={testId}
    />
  );
}
