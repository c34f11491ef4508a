import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { isLoggedIn } from '../services/auth';
import { fetchUnreadCount } from '../services/notifications';
import { useLoadOnShow } from './use-page-visible';
import { useLoggedIn } from './use-session';

/** 我的 is the fourth tab (app.config.ts tabBar.list). */
const ME_TAB_INDEX = 3;

/** What the badge says: the count, `99+` above 99. */
export function unreadBadgeText(unread: number): string {
  return unread > 99 ? '99+' : String(unread);
}

/** A badge is decoration: a platform that refuses it (not on a tab page yet, H5 tab bar not ready) changes nothing. */
function showOnTabBar(unread: number): void {
  try {
    const done = unread > 0 ? Taro.setTabBarBadge({ index: ME_TAB_INDEX, text: unreadBadgeText(unread) }) : Taro.removeTabBarBadge({ index: ME_TAB_INDEX });
    Promise.resolve(done).catch(() => undefined);
  } catch {
    // ignored, see above
  }
}

/**
 * For each tab page: asks the server for the unread count each time the page shows (and on login or logout),
 * puts it on the 我的 tab as a badge and returns it (null while unknown or signed out). Failures keep the last count.
 */
export function useUnreadBadge(): number | null {
  const loggedIn = useLoggedIn();
  const [unread, setUnread] = useState<number | null>(null);

  const refresh = () => {
    if (!isLoggedIn()) {
      setUnread(null);
      showOnTabBar(0);
      return;
    }
    fetchUnreadCount().then(
      (n) => {
        // Logged out while the count was on its way: it is no longer anyone's.
        if (!isLoggedIn()) return;
        setUnread(n);
        showOnTabBar(n);
      },
      () => undefined,
    );
  };

  useLoadOnShow(refresh);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else refresh();
    // Only the session changing matters here; useLoadOnShow covers mount and shows.
  }, [loggedIn]);

  return unread;
}
