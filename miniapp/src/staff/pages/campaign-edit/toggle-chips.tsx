import { Text, View } from '@tarojs/components';

/** Several choices as chips, each tap toggling one (the single-choice ChoiceChips' sibling). */
export function ToggleChips({ options, chosen, onToggle, testId }: { options: ReadonlyArray<{ value: string; label: string }>; chosen: readonly string[]; onToggle: (value: string) => void; testId: string }) {
  return (
    <View className='campaign-edit__chips' data-testid={testId}>
      {options.map((o) => (
        <View key={o.value} role='checkbox' aria-checked={chosen.includes(o.value)} className={`campaign-edit__chip${chosen.includes(o.value) ? ' campaign-edit__chip--on' : ''}`} onClick={() => onToggle(o.value)} data-testid={`${testId}-option`}>
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  );
}
