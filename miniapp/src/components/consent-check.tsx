import { Text, View } from '@tarojs/components';
import './consent-check.scss';

export interface ConsentCheckProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  prefix: string;
  linkText: string;
  onOpenLink: () => void;
  error?: string | null;
  testId: string;
}

/** 「我已阅读并同意《隐私政策》」: the box and the words toggle, the link opens the notice. */
export function ConsentCheck({ checked, onChange, prefix, linkText, onOpenLink, error, testId }: ConsentCheckProps) {
  return (
    <View className='consent-check' data-testid={testId}>
      <View className='consent-check__row'>
        <View
          className='consent-check__toggle'
          role='checkbox'
          aria-checked={checked}
          data-testid={`${testId}-box`}
          onClick={() => onChange(!checked)}
        >
          <View className={`consent-check__box${checked ? ' consent-check__box--checked' : ''}`} />
          <Text className='consent-check__text'>{prefix}</Text>
        </View>
        <Text
          className='consent-check__link'
          data-testid={`${testId}-link`}
          onClick={(e) => {
            e.stopPropagation();
            onOpenLink();
          }}
        >
          {linkText}
        </Text>
      </View>
      {error && (
        <Text className='consent-check__error' data-testid={`${testId}-error`}>
          {error}
        </Text>
      )}
    </View>
  );
}
