import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '../../components/ui';
import { loginWithWechat, type Me } from '../../services/auth';
import { errorMessage } from '../../utils/error-message';
import type { LoginPanelProps } from './login-panel.types';

const TEXT = {
  login: '微信一键登录',
  loggingIn: '正在登录…',
  hint: '只使用微信登录凭证识别你的账号，不会获取你的手机号和头像。',
  failed: '微信登录失败，请检查网络后重试',
};

/** weapp: wx.login code → POST /api/auth/wechat. */
export function LoginPanel({ onLoggedIn }: LoginPanelProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onLogin = async () => {
    setBusy(true);
    setError(null);
    let user: Me;
    try {
      user = await loginWithWechat();
    } catch (err) {
      setError(errorMessage(err, TEXT.failed));
      setBusy(false);
      return;
    }
    setBusy(false);
    onLoggedIn(user);
  };

  return (
    <View className='login-panel'>
      <Text className='nx-text'>{TEXT.hint}</Text>
      {error && (
        <Text className='login-panel__error' data-testid='login-error'>
          {error}
        </Text>
      )}
      <View className='nx-bottom-actions'>
        <Button className='nx-big-button' type='primary' loading={busy} disabled={busy} onClick={onLogin} data-testid='login-wechat'>
          {busy ? TEXT.loggingIn : TEXT.login}
        </Button>
      </View>
    </View>
  );
}
