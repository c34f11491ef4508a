import { Text, View } from '@tarojs/components';
import './toggle-row.scss';

export interface ToggleRowProps {
  label: string;
  hint?: string;
  on: boolean;
  onChange: (on: boolean) => void;
  testId: string;
}

/** A whole-row switch (≥ 44px): the label, a hint, and a drawn knob; one tap flips it. */
export function ToggleRow({ label, hint, on, onChange, testId }: ToggleRowProps) {
  return (
    <View className='toggle-row' role='switch' aria-checked={on} onClick={() => onChange(!on)} data-testid={testId} data-on={on ? 'true' : 'false'}>
      <View className='toggle-row__text'>
        <Text className='toggle-row__label'>{label}</Text>
        {hint && <Text className='toggle-row__hint'>{hint}</Text>}
      </View>
      <View className={`toggle-row__track${on ? ' toggle-row__track--on' : ''}`}>
        <View className='toggle-row__knob' />
      </View>
    </View>
  );
}
