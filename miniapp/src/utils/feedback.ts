import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';

/** The class FormField puts on a field that shows an error. */
export const FIELD_ERROR_CLASS = 'form-field--error';

// weapp's toast with the 'success' icon shows at most 7 Chinese characters; a longer answer goes as text (2 lines).
const ICON_TITLE_MAX = 7;

/** Says that a save, publish or submit worked, over the page wherever it is scrolled. */
export function toastDone(text: string): void {
  Taro.showToast({ title: text, icon: text.length <= ICON_TITLE_MAX ? 'success' : 'none', duration: 2000 }).catch(() => undefined);
}

/**
 * Scrolls the page to the first element a selector matches, after the render that shows it (a field
 * error, a notice). Scope the selector with the page's root class: H5 keeps earlier pages in the DOM.
 */
export function useScrollTo(): (selector: string) => void {
  // A fresh object per request, so asking twice for the same selector scrolls twice.
  const [target, setTarget] = useState<{ selector: string } | null>(null);
  useEffect(() => {
    if (!target) return;
    // nextTick: on weapp the rendered nodes reach the view layer after this commit.
    Taro.nextTick(() => {
      Taro.pageScrollTo({ selector: target.selector, duration: 200 }).catch(() => undefined);
    });
  }, [target]);
  return useCallback((selector: string) => setTarget({ selector }), []);
}

/** The selector of the first field error inside a page whose root has `pageClass`. */
export const firstFieldError = (pageClass: string) => `.${pageClass} .${FIELD_ERROR_CLASS}`;
