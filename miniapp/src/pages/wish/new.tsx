import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { fetchPostingRules, type Wish, type WishPostingRules } from '../../services/wishes';
import { errorMessage } from '../../utils/error-message';
import { ROUTES } from '../../routes';
import { WISH_ROUTES, wishUrl } from '../../components/wish-routes';
import { useLoggedIn, useLoginOnce } from '../../utils/use-session';
import { WishForm } from './wish-form';
// After the form's components: the shared stylesheets keep the order the other pages give them.
import { Button } from '../../components/ui';
import { LoginPrompt } from '../../components/page-states';
import { PrivacyPrompt } from '../../components/privacy-prompt';
import './wish.scss';

export const NEW_WISH_TEXT = {
  loginTitle: '登录后发心愿',
  loginBody: '微心愿面向工会会员，登录后才能提交，进度也会发到你的账号。',
  login: '登录后发心愿',
  checking: '正在确认你的会员身份…',
  notMemberTitle: '入会后就能发心愿',
  notMemberBody: '微心愿只面向工会会员。扫码入会或输入组织编码，填一张表即可申请，入会后再来发心愿。',
  join: '去入会',
  openTitle: '你已有一个进行中的心愿',
  openBody: '一次只能有一个心愿，圆梦或撤回后再发新的心愿。',
  openSee: '查看这个心愿',
  yearlyTitle: '今年的次数已用完',
  yearlyBody: (limit: number) => `每年最多发 ${limit} 个心愿，明年再来吧。`,
  failed: '加载失败，请检查网络后重试',
  retry: '重试',
};

/** 发心愿 (members only): a non-member is led to 扫码入会; on success straight to the wish's detail. */
export default function NewWishPage() {
  const loggedIn = useLoggedIn();
  useLoginOnce(loggedIn);
  // null: still asking the server whether this member may post, and the org's cap.
  const [rules, setRules] = useState<WishPostingRules | null>(null);
  const [rulesError, setRulesError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!loggedIn) return;
    let alive = true;
    setRulesError(null);
    fetchPostingRules().then(
      (r) => alive && setRules(r),
      (err: unknown) => alive && setRulesError(errorMessage(err, NEW_WISH_TEXT.failed)),
    );
    return () => {
      alive = false;
    };
  }, [loggedIn, attempt]);

  const onSubmitted = (wish: Wish) => {
    Taro.redirectTo({ url: wishUrl(WISH_ROUTES.detail, wish.id) });
  };

  let body;
  if (!loggedIn) body = <LoginPrompt title={NEW_WISH_TEXT.loginTitle} body={NEW_WISH_TEXT.loginBody} button={NEW_WISH_TEXT.login} testId='wish-login' />;
  else if (rulesError) {
    body = (
      <View className='nx-card' data-testid='wish-rules-error'>
        <Text className='nx-text'>{rulesError}</Text>
        <Button fill='outline' onClick={() => setAttempt((n) => n + 1)}>
          {NEW_WISH_TEXT.retry}
        </Button>
      </View>
    );
  } else if (!rules) body = <Text className='nx-text'>{NEW_WISH_TEXT.checking}</Text>;
  else if (!rules.member) {
    body = (
      <>
        <View className='nx-card' data-testid='wish-not-member'>
          <Text className='nx-title'>{NEW_WISH_TEXT.notMemberTitle}</Text>
          <Text className='nx-text'>{NEW_WISH_TEXT.notMemberBody}</Text>
        </View>
        <View className='nx-bottom-actions'>
          <Button className='nx-big-button' type='primary' onClick={() => Taro.navigateTo({ url: ROUTES.join })} data-testid='wish-join'>
            {NEW_WISH_TEXT.join}
          </Button>
        </View>
      </>
    );
  } else if (rules.openWishId) {
    const openId = rules.openWishId;
    body = (
      <>
        <View className='nx-card' data-testid='wish-open-exists'>
          <Text className='nx-title'>{NEW_WISH_TEXT.openTitle}</Text>
          <Text className='nx-text'>{NEW_WISH_TEXT.openBody}</Text>
        </View>
        <View className='nx-bottom-actions'>
          <Button className='nx-big-button' type='primary' onClick={() => Taro.redirectTo({ url: wishUrl(WISH_ROUTES.detail, openId) })} data-testid='wish-open-see'>
            {NEW_WISH_TEXT.openSee}
          </Button>
        </View>
      </>
    );
  } else if (!rules.canPost) {
    body = (
      <View className='nx-card' data-testid='wish-yearly-used'>
        <Text className='nx-title'>{NEW_WISH_TEXT.yearlyTitle}</Text>
        <Text className='nx-text'>{NEW_WISH_TEXT.yearlyBody(rules.yearlyLimit)}</Text>
      </View>
    );
  } else body = <WishForm valueCapFen={rules.valueCapFen} onSubmitted={onSubmitted} onNotMember={() => setRules({ ...rules, member: false, canPost: false })} />;

  return (
    <View className='nx-page wish-page'>
      {body}
      {/* chooseImage and getLocation are WeChat privacy APIs: the consent prompt must be on the page that calls them (the photos text speaks of claims). */}
      <PrivacyPrompt />
    </View>
  );
}
