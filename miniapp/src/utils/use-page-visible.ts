import { useEffect, useRef } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';

/**
 * Runs `load` once on mount and again each time the page comes back into view (not twice on the first
 * show); `onHide` lets a page stop its timers while another page covers it.
 */
export function useLoadOnShow(load: () => void, onHide?: () => void): void {
  const firstShow = useRef(true);
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    latest.current();
  }, []);
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false;
    else latest.current();
  });
  useDidHide(() => onHide?.());
}
