import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { LoginPanel } from './login-panel';
import { PrivacyPrompt } from '../../components/privacy-prompt';
import './index.scss';

const TEXT = {
  title: '登录暖新',
  subtitle: '工会为快递员、外卖骑手和司机提供的服务',
  consentPrefix: '登录即表示你已阅读并同意',
  privacy: '《隐私政策》',
};

/** Back to where login was asked for; a direct visit lands on 我的. */
function leaveLogin(): void {
  if (Taro.getCurrentPages().length > 1) Taro.navigateBack();
  else Taro.switchTab({ url: '/pages/me/index' });
}

export default function LoginPage() {
  return (
    <View className='nx-page login-page'>
      <View className='login-page__header'>
        <Text className='nx-title'>{TEXT.title}</Text>
        <Text className='nx-text'>{TEXT.subtitle}</Text>
      </View>
      <LoginPanel onLoggedIn={leaveLogin} />
      <View className='login-page__consent'>
        <Text>{TEXT.consentPrefix}</Text>
        <Text
          className='login-page__link'
          data-testid='login-privacy-link'
          onClick={() => Taro.navigateTo({ url: '/pages/privacy/index' })}
        >
          {TEXT.privacy}
        </Text>
      </View>
      <PrivacyPrompt />
    </View>
  );
}
