import { Text, View } from '@tarojs/components';
import { SERVICE_CATALOGUE, SERVICE_CATEGORIES } from '@nuanxin/shared';

const GROUPS = SERVICE_CATEGORIES.map((c) => ({ ...c, items: SERVICE_CATALOGUE.filter((s) => s.category === c.code) })).filter((g) => g.items.length > 0);

/** Every catalogue service as a toggle chip, grouped by category; the order of `selected` follows taps. */
export function ServiceChips({ selected, onChange }: { selected: readonly string[]; onChange: (next: string[]) => void }) {
  const toggle = (code: string) => onChange(selected.includes(code) ? selected.filter((c) => c !== code) : [...selected, code]);
  return (
    <View className='service-chips' data-testid='station-editor-service-chips'>
      {GROUPS.map((g) => (
        <View key={g.code} className='service-chips__group'>
          <Text className='service-chips__category'>{g.label}</Text>
          <View className='service-chips__items'>
            {g.items.map((s) => {
              const on = selected.includes(s.code);
              return (
                <View
                  key={s.code}
                  role='checkbox'
                  aria-checked={on}
                  className={`service-chips__chip${on ? ' service-chips__chip--on' : ''}`}
                  data-testid='station-editor-service'
                  data-code={s.code}
                  onClick={() => toggle(s.code)}
                >
                  <Text>{s.label}</Text>
                </View>
              );
            })}
          </View>
        </View>
      ))}
    </View>
  );
}
