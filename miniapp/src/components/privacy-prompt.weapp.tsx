import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { answerPrivacyConsent, usePrivacyConsentOpen } from '../services/privacy-consent';
import './privacy-prompt.scss';

/** What the page's privacy API collects; without one the prompt says nothing specific. */
export type PrivacyPurpose = 'location' | 'photos';

export const PRIVACY_PROMPT_TEXT = {
  title: '隐私保护提示',
  body: '使用该功能前，请阅读并同意',
  contract: '《暖新小程序隐私保护指引》',
  bodyEnd: {
    general: '。我们只获取该功能必需的信息，不会用于其他用途。',
    location: '。位置只用于查找附近驿站，不会被保存。',
    photos: '。所选照片只作为本次诉求的证据，只有你本人和办理该诉求的工会干部可以查看。',
  } satisfies Record<PrivacyPurpose | 'general', string>,
  disagree: '不同意',
  agree: '同意并继续',
};
const TEXT = PRIVACY_PROMPT_TEXT;

export interface PrivacyPromptProps {
  /** Says what the data is used for: `location` on the stations tab, `photos` on the claim form. */
  purpose?: PrivacyPurpose;
}

const AGREE_BUTTON_ID = 'privacy-agree';

/** Shown when a WeChat privacy API (e.g. getLocation) waits for consent; every page that may call one renders it. */
export function PrivacyPrompt({ purpose }: PrivacyPromptProps = {}) {
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
          <Text data-testid='privacy-prompt-purpose'>{TEXT.bodyEnd[purpose ?? 'general']}</Text>
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
