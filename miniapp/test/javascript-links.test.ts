// Taro's H5 tab bar items are <a href="javascript:;">: following one ran a javascript: URL that the CSP refuses (a
// console error on every tab tap, found walking the built app). The link's default is prevented; its handler still runs.
import { afterEach, describe, expect, it } from 'vitest';
import { preventJavascriptLinks } from '../src/utils/javascript-links';

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  document.body.innerHTML = '';
});

function tab(href: string) {
  document.body.innerHTML = `<a class="weui-tabbar__item" href="${href}"><span><img class="weui-tabbar__icon" alt=""></span><p class="weui-tabbar__label">心愿</p></a>`;
  const link = document.querySelector('a')!;
  let switched = 0;
  link.addEventListener('click', () => switched++);
  return { link, label: document.querySelector('p')!, switched: () => switched };
}

describe('javascript: links (Taro tab bar)', () => {
  it("a tap on the tab's label does not follow its javascript: URL, and the tab's own handler still switches", () => {
    stop = preventJavascriptLinks();
    const t = tab('javascript:;');
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    t.label.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(t.switched()).toBe(1);
  });

  it('other links keep their default', () => {
    stop = preventJavascriptLinks();
    const t = tab('#/pages/me/index');
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    t.link.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(false);
  });
});
