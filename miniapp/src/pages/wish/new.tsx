import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { fetchCardIfMember } from '../../services/memberships';
import type { Wish } from '../../services/wishes';
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
};

/** 发心愿 (members only): a non-member is led to 扫码入会; on success straight to the wish's detail. */
export default function NewWishPage() {
  const loggedIn = useLoggedIn();
  useLoginOnce(loggedIn);
  // null: checking; a failed check lets the form through (the server decides on submit).
  const [member, setMember] = useState<boolean | null>(null);

  useEffect(() => {
    if (!loggedIn) return;
    let alive = true;
    fetchCardIfMember().then(
      (card) => alive && setMember(card !== null),
      () => alive && setMember(true),
    );
    return () => {
      alive = false;
    };
  }, [loggedIn]);

  const onSubmitted = (wish: Wish) => {
    Taro.redirectTo({ url: wishUrl(WISH_ROUTES.detail, wish.id) });
  };

  let body;
  if (!loggedIn) body = <LoginPrompt title={NEW_WISH_TEXT.loginTitle} body={NEW_WISH_TEXT.loginBody} button={NEW_WISH_TEXT.login} testId='wish-login' />;
  else if (member === null) body = <Text className='nx-text'>{NEW_WISH_TEXT.checking}</Text>;
  else if (!member) {
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
  } else body = <WishForm onSubmitted={onSubmitted} onNotMember={() => setMember(false)} />;

  return (
    <View className='nx-page wish-page'>
      {body}
      {/* chooseImage and getLocation are WeChat privacy APIs: the consent prompt must be on the page that calls them (the photos text speaks of claims). */}
      <PrivacyPrompt />
    </View>
  );
}
