import { Text, View } from '@tarojs/components';
import { goLogin } from '../utils/use-session';
import { Button } from './ui-button';

const TEXT = { login: '登录', retry: '重试' };

/** A page that needs a login: says what it will show, and one big button to log in. */
export function LoginNeeded({ text, testId }: { text: string; testId: string }) {
  return (
    <View className='nx-page' data-testid={testId}>
      <View className='nx-card'>
        <Text className='nx-text'>{text}</Text>
      </View>
      <View className='nx-bottom-actions'>
        <Button className='nx-big-button' type='primary' onClick={goLogin}>
          {TEXT.login}
        </Button>
      </View>
    </View>
  );
}

/** A load that failed: the reason, and a retry within thumb reach. */
export function RetryCard({ message, onRetry, testId, className }: { message: string; onRetry: () => void; testId: string; className?: string }) {
  return (
    <View className={className ? `nx-card ${className}` : 'nx-card'} data-testid={testId}>
      <Text className='nx-text'>{message}</Text>
      <Button fill='outline' onClick={onRetry}>
        {TEXT.retry}
      </Button>
    </View>
  );
}
