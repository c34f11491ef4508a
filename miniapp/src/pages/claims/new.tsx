import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { Claim } from '../../services/claims';
import { withQuery } from '../../routes';
import { useLoggedIn, useLoginOnce } from '../../utils/use-session';
import { ClaimForm } from './claim-form';
// After the form's components: the shared stylesheets keep the order the other pages give them.
import { LoginPrompt } from '../../components/page-states';
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
  useLoginOnce(loggedIn);

  const onSubmitted = (claim: Claim) => {
    Taro.redirectTo({ url: withQuery(CLAIM_ROUTES.detail, { id: claim.id }) });
  };

  return (
    <View className='nx-page claims-page'>
      {loggedIn ? (
        <ClaimForm onSubmitted={onSubmitted} />
      ) : (
        <LoginPrompt title={TEXT.loginTitle} body={TEXT.loginBody} button={TEXT.login} testId='claim-login' />
      )}
      {/* chooseImage is a WeChat privacy API: its consent prompt must be on the page that calls it. */}
      <PrivacyPrompt purpose='photos' />
    </View>
  );
}
