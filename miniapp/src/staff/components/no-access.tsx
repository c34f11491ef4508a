import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '../../components/ui';
import { ROUTES } from '../../routes';

const TEXT = {
  noAccess: '你的账号没有使用这个工具的工作身份，如有需要请联系所在工会。',
  login: '去登录',
};

/** A staff tool opened by someone without the role (or logged out). */
export function NoAccess({ loggedIn }: { loggedIn: boolean }) {
  return (
    <View className='nx-page staff-layout' data-testid='staff-no-access'>
      <View className='nx-card'>
        <Text className='nx-text'>{TEXT.noAccess}</Text>
      </View>
      {!loggedIn && (
        <View className='nx-bottom-actions'>
          <Button className='nx-big-button' type='primary' onClick={() => Taro.navigateTo({ url: ROUTES.login })}>
            {TEXT.login}
          </Button>
        </View>
      )}
    </View>
  );
}
