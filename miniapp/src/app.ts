import type { PropsWithChildren } from 'react';
import Taro, { useLaunch } from '@tarojs/taro';
import { requestPrivacyConsent } from './services/privacy-consent';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // WeChat pauses privacy APIs (location) until the user agrees; the current page shows PrivacyPrompt.
    if (process.env.TARO_ENV === 'weapp' && typeof Taro.onNeedPrivacyAuthorization === 'function') {
      Taro.onNeedPrivacyAuthorization((resolve) => requestPrivacyConsent(resolve));
    }
  });

  return children;
}

export default App;
