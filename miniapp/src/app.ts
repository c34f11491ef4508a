import type { PropsWithChildren } from 'react';
import Taro, { useLaunch } from '@tarojs/taro';
import { requestPrivacyConsent } from './services/privacy-consent';
import { preventJavascriptLinks } from './utils/javascript-links';
import './app.scss';

/**
 * H5: each Taro page is its own scrolling box. A keyboard or switch user can scroll it only if it takes focus,
 * and a page of plain text (a detail page before any action) has nothing else that does.
 */
function focusablePages(): void {
  const mark = (el: Node) => {
    if (el instanceof HTMLElement && el.classList.contains('taro_page') && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0');
  };
  document.querySelectorAll('.taro_page').forEach(mark);
  new MutationObserver((records) => records.forEach((r) => r.addedNodes.forEach(mark))).observe(document.body, { childList: true, subtree: true });
}

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'h5') {
      focusablePages();
      preventJavascriptLinks();
    }
    // WeChat pauses privacy APIs (location) until the user agrees; the current page shows PrivacyPrompt.
    if (process.env.TARO_ENV === 'weapp' && typeof Taro.onNeedPrivacyAuthorization === 'function') {
      Taro.onNeedPrivacyAuthorization((resolve) => requestPrivacyConsent(resolve));
    }
  });

  return children;
}

export default App;
