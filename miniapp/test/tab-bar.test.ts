// The H5 tab bar is Taro's (WeUI classes): its labels were 10px. app.scss makes them readable and the tabs tappable.
import path from 'node:path';
import { compile } from 'sass';
import { describe, expect, it } from 'vitest';

const css = compile(path.resolve(__dirname, '../src/app.scss'), { loadPaths: [path.resolve(__dirname, '../src')] }).css.replace(/\s+/g, ' ');
/** The declarations of the rule whose selector ends with `selector` (the last one wins, as in the browser). */
function declarations(selector: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of css.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    if (!m[1].split(',').some((s) => s.trim().endsWith(selector))) continue;
    for (const d of m[2].split(';')) {
      const [k, v] = d.split(':').map((x) => x?.trim());
      if (k && v) out[k] = v;
    }
  }
  return out;
}
const px = (v: string | undefined) => Number(/^([\d.]+)px$/.exec(v ?? '')?.[1] ?? NaN);

describe('H5 tab bar', () => {
  it('labels are at least 12px (Taro/WeUI draw them at 10px), on a line that keeps the bar within its 50px', () => {
    const label = declarations('.weui-tabbar__item .weui-tabbar__label');
    expect(px(label['font-size'])).toBeGreaterThanOrEqual(12);
    // 5px padding + 27px icon + the label's line: Taro's --taro-tabbar-height is 50px.
    expect(5 + 27 + px(label['line-height'])).toBeLessThanOrEqual(50);
  });

  it('each tab is at least 44px tall', () => {
    expect(px(declarations('.weui-tabbar__item')['min-height'])).toBeGreaterThanOrEqual(44);
  });
});
