import { Text, View } from '@tarojs/components';
import './filter-chips.scss';

export interface FilterChip {
  key: string;
  label: string;
  on: boolean;
}

/** Toggles in one row: each chip filters on its own, any number may be on. */
export function FilterChips({ chips, onToggle, testId }: { chips: FilterChip[]; onToggle: (key: string) => void; testId: string }) {
  return (
    <View className='filter-chips' data-testid={testId}>
      {chips.map((chip) => (
        <View
          key={chip.key}
          role='checkbox'
          aria-checked={chip.on}
          className={`filter-chips__chip${chip.on ? ' filter-chips__chip--on' : ''}`}
          data-testid={`${testId}-${chip.key}`}
          onClick={() => onToggle(chip.key)}
        >
          <Text>{chip.label}</Text>
        </View>
      ))}
    </View>
  );
}
