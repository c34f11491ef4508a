import { Text, View } from '@tarojs/components';
import './coming-soon.scss';

export interface ComingSoonProps {
  /** One plain sentence: what is not there yet. */
  headline: string;
  /** What the feature will do once it is live. */
  details: string[];
  testId: string;
}

/** Placeholder for a tab whose feature is not built yet: says so plainly, offers nothing to tap. */
export function ComingSoon({ headline, details, testId }: ComingSoonProps) {
  return (
    <View className='coming-soon nx-card' data-testid={testId}>
      <Text className='coming-soon__badge'>即将上线</Text>
      <Text className='nx-title'>{headline}</Text>
      {details.map((line) => (
        <Text key={line} className='nx-text'>
          {line}
        </Text>
      ))}
    </View>
  );
}
