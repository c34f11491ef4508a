import Taro from '@tarojs/taro';

/** The 消息 page (app.config.ts registers it in the main package). */
export const MESSAGES_PAGE = '/pages/messages/index';

/** The tab pages (app.config.ts tabBar): navigateTo cannot open them, switchTab can (without a query). */
const TAB_PAGES: ReadonlySet<string> = new Set(['/pages/stations/index', '/pages/wishes/index', '/pages/benefits/index', '/pages/me/index']);

/**
 * Opens the page a message links to (`/pages/claims/detail?id=…`, `/staff/pages/claim/index?id=…`, a tab page);
 * resolves false when the platform could not open it (e.g. a page an older message names no longer exists).
 */
export async function openMessageLink(link: string): Promise<boolean> {
  const url = link.startsWith('/') ? link : `/${link}`;
  const path = url.split('?')[0];
  try {
    await (TAB_PAGES.has(path) ? Taro.switchTab({ url: path }) : Taro.navigateTo({ url }));
    return true;
  } catch {
    return false;
  }
}
