import { useCallback, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { errorMessage } from './error-message';

/** One page of a keyset-paginated list, as the server sends it. */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export interface CursorList<T> {
  /** null until the first page arrives (or after reset). */
  items: T[] | null;
  setItems: Dispatch<SetStateAction<T[] | null>>;
  /** Where 加载更多 goes on (null: no more pages). */
  cursor: string | null;
  loadingMore: boolean;
  error: string | null;
  /** Loads the first page again; an answer overtaken by a newer loadFirst or reset is dropped. */
  loadFirst: () => Promise<void>;
  /** 加载更多: appends the next page, skipping items already shown (the list may have moved under the cursor). */
  loadMore: () => Promise<void>;
  /** Back to "loading" (e.g. another tab); answers still on their way are dropped. */
  reset: () => void;
}

/**
 * A staff list paged with the server's cursor: first page, 加载更多, and pull-down refresh. `fetchPage` reads the
 * page's current filters itself (the latest one is used); the page decides when to call `loadFirst`.
 */
export function useCursorList<T extends { id: string }>(
  fetchPage: (cursor?: string) => Promise<CursorPage<T>>,
  failedText: string,
): CursorList<T> {
  const [items, setItems] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const latest = useRef({ fetchPage, failedText });
  latest.current = { fetchPage, failedText };

  const loadFirst = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const page = await latest.current.fetchPage();
      if (mine !== generation.current) return;
      setItems(page.items);
      setCursor(page.nextCursor);
      setError(null);
    } catch (err) {
      if (mine === generation.current) setError(errorMessage(err, latest.current.failedText));
    }
  }, []);

  const loadMore = async () => {
    if (!cursor || loadingMore) return;
    const mine = generation.current;
    setLoadingMore(true);
    try {
      const page = await latest.current.fetchPage(cursor);
      if (mine !== generation.current) return;
      setItems((list) => {
        const seen = new Set((list ?? []).map((x) => x.id));
        return [...(list ?? []), ...page.items.filter((x) => !seen.has(x.id))];
      });
      setCursor(page.nextCursor);
      setError(null);
    } catch (err) {
      setError(errorMessage(err, latest.current.failedText));
    } finally {
      setLoadingMore(false);
    }
  };

  const reset = useCallback(() => {
    generation.current++;
    setItems(null);
    setCursor(null);
    setError(null);
  }, []);

  usePullDownRefresh(() => {
    loadFirst().finally(() => Taro.stopPullDownRefresh());
  });

  return { items, setItems, cursor, loadingMore, error, loadFirst, loadMore, reset };
}
