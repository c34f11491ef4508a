import { Text, View } from '@tarojs/components';
import { goLogin } from '../utils/use-session';
import { Button } from './ui-button';

const TEXT = { login: '登录', retry: '重试', loading: '正在加载…' };

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

/**
 * Inside a page that works without a login up to its form: what logging in is for, and a big button to log in.
 * `testId` is the button's; the card is `${testId}-needed`.
 */
export function LoginPrompt({ title, body, button, testId }: { title: string; body: string; button: string; testId: string }) {
  return (
    <>
      <View className='nx-card' data-testid={`${testId}-needed`}>
        <Text className='nx-title'>{title}</Text>
        <Text className='nx-text'>{body}</Text>
      </View>
      <View className='nx-bottom-actions'>
        <Button className='nx-big-button' type='primary' onClick={goLogin} data-testid={testId}>
          {button}
        </Button>
      </View>
    </>
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

/**
 * A detail page before its object arrived: 正在加载…, or the load error with a retry when there is something to
 * retry (an id). `testId` names the page (`<testId>-loading`, `<testId>-load-error`).
 */
export function DetailPending({ loadError, canRetry, onRetry, testId, className }: { loadError: string | null; canRetry: boolean; onRetry: () => void; testId: string; className: string }) {
  return (
    <View className={`nx-page ${className}`} data-testid={`${testId}-detail-loading`}>
      {loadError && canRetry ? (
        <RetryCard message={loadError} onRetry={onRetry} testId={`${testId}-load-error`} />
      ) : loadError ? (
        <View className='nx-card' data-testid={`${testId}-load-error`}>
          <Text className='nx-text'>{loadError}</Text>
        </View>
      ) : (
        <Text className='nx-text'>{TEXT.loading}</Text>
      )}
    </View>
  );
}
