import { Text, View } from '@tarojs/components';
import './choice-chips.scss';

export interface ChoiceChipsProps {
  options: readonly string[];
  value: string | null;
  /** Tapping the chosen chip again clears it when `clearable`. */
  onChange: (value: string | null) => void;
  clearable?: boolean;
  testId: string;
}

/** A single choice as big chips: one tap instead of opening a picker and confirming. */
export function ChoiceChips({ options, value, onChange, clearable, testId }: ChoiceChipsProps) {
  return (
    <View className='choice-chips' role='radiogroup' data-testid={testId}>
      {options.map((option) => {
        const selected = option === value;
        return (
          <View
            key={option}
            role='radio'
            aria-checked={selected}
            className={`choice-chips__chip${selected ? ' choice-chips__chip--selected' : ''}`}
            hoverClass='choice-chips__chip--pressed'
            data-testid={`${testId}-option`}
            onClick={() => onChange(selected && clearable ? null : option)}
          >
            <Text>{option}</Text>
          </View>
        );
      })}
    </View>
  );
}
