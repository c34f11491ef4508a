import { Current } from '@tarojs/runtime';
import { idNumberCheckChar } from '@nuanxin/shared';
import { fireEvent } from '@testing-library/react';

/** Opens the page under test with these query parameters (what useRouter().params returns). */
export function withParams(params: Record<string, string>): void {
  Current.router = { params, path: '/test', onReady: '', onHide: '', onShow: '' } as unknown as typeof Current.router;
}

export function resetParams(): void {
  Current.router = null;
}

/** A valid ID number (Xiamen Siming, born 1990-01-01 + n days), built with the shared check char. */
export function validIdNumber(n = 1): string {
  const born = new Date(Date.UTC(1990, 0, 1) + n * 86400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `350203${born}123`;
  return first17 + idNumberCheckChar(first17);
}

/** The same number with a wrong check character. */
export function badChecksumIdNumber(n = 1): string {
  const good = validIdNumber(n);
  const wrong = good[17] === '0' ? '1' : '0';
  return good.slice(0, 17) + wrong;
}

/** Types into the input inside a data-testid wrapper (NutUI renders the real <input> inside). */
export function typeInto(container: HTMLElement, testId: string, value: string): void {
  const el = container.querySelector(`[data-testid=${testId}] input, [data-testid=${testId}] textarea`) as HTMLInputElement | null;
  if (!el) throw new Error(`no input in [data-testid=${testId}]`);
  fireEvent.input(el, { target: { value } });
}
