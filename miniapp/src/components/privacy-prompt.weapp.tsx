import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { answerPrivacyConsent, usePrivacyConsentOpen } from '../services/privacy-consent';
import './privacy-prompt.scss';

const TEXT = {
  title: '隐私保护提示',
  body: '使用该功能前，请阅读并同意',
  contract: '《暖新小程序隐私保护指引》',
  bodyEnd: '。位置只用于查找附近驿站，不会被保存。',
  disagree: '不同意',
  agree: '同意并继续',
};

const AGREE_BUTTON_ID = 'privacy-agree';

/** Shown when a WeChat privacy API (e.g. getLocation) waits for consent; every page that may call one renders it. */
export function PrivacyPrompt() {
  const open = usePrivacyConsentOpen();
  if (!open) return null;
  return (
    <View className='privacy-prompt' catchMove>
      <View className='privacy-prompt__card'>
        <Text className='privacy-prompt__title'>{TEXT.title}</Text>
        <View className='privacy-prompt__body'>
          <Text>{TEXT.body}</Text>
          <Text className='privacy-prompt__link' onClick={() => Taro.openPrivacyContract()}>
            {TEXT.contract}
          </Text>
          <Text>{TEXT.bodyEnd}</Text>
        </View>
        <View className='privacy-prompt__actions'>
          <Button className='privacy-prompt__button' onClick={() => answerPrivacyConsent(false)}>
            {TEXT.disagree}
          </Button>
          <Button
            id={AGREE_BUTTON_ID}
            className='privacy-prompt__button privacy-prompt__button--primary'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={() => answerPrivacyConsent(true, AGREE_BUTTON_ID)}
          >
            {TEXT.agree}
          </Button>
        </View>
      </View>
    </View>
  );
}
