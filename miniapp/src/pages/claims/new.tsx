import { useEffect, useRef } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '../../components/ui';
import type { Claim } from '../../services/claims';
import { withQuery } from '../../routes';
import { goLogin, useLoggedIn } from '../../utils/use-session';
import { ClaimForm } from './claim-form';
// After the form's components: the shared stylesheets keep the order the other pages give them.
import { PrivacyPrompt } from '../../components/privacy-prompt';
import { CLAIM_ROUTES } from './claim-routes';
import './claims.scss';

const TEXT = {
  loginTitle: '登录后提交诉求',
  loginBody: '登录后工会才能联系你，办理进度也会发到你的账号。',
  login: '登录后提交',
};

/** 我有事办: file a claim; on success straight to its detail page. */
export default function NewClaimPage() {
  const loggedIn = useLoggedIn();
  const askedLogin = useRef(false);

  useEffect(() => {
    if (!loggedIn && !askedLogin.current) {
      askedLogin.current = true;
      goLogin();
    }
  }, [loggedIn]);

  const onSubmitted = (claim: Claim) => {
    Taro.redirectTo({ url: withQuery(CLAIM_ROUTES.detail, { id: claim.id }) });
  };

  return (
    <View className='nx-page claims-page'>
      {loggedIn ? (
        <ClaimForm onSubmitted={onSubmitted} />
      ) : (
        <>
          <View className='nx-card' data-testid='claim-login-needed'>
            <Text className='nx-title'>{TEXT.loginTitle}</Text>
            <Text className='nx-text'>{TEXT.loginBody}</Text>
          </View>
          <View className='nx-bottom-actions'>
            <Button className='nx-big-button' type='primary' onClick={goLogin} data-testid='claim-login'>
              {TEXT.login}
            </Button>
          </View>
        </>
      )}
      {/* chooseImage is a WeChat privacy API: its consent prompt must be on the page that calls it. */}
      <PrivacyPrompt purpose='photos' />
    </View>
  );
}
