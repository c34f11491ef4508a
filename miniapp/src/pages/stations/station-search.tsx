import { useEffect, useRef, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { StationCard } from '../../components/station-card';
import { searchStations, type StationSummary } from '../../services/stations';
import { errorMessage } from '../../utils/error-message';

export const SEARCH_TEXT = {
  label: '搜索驿站',
  placeholder: '搜索驿站名称或地址',
  clear: '取消',
  searching: '正在搜索…',
  none: (q: string) => `没有找到名称或地址含「${q}」的驿站`,
  failed: '搜索失败，请检查网络后重试',
};
/** Waits this long after the last keystroke before asking the server. */
export const SEARCH_DEBOUNCE_MS = 300;

/**
 * The search box of the 驿站 tab: stations by name or address (GET /api/stations?q=). While it holds text,
 * its results replace the nearby list (`onActive`); 取消 empties it and the nearby list is back.
 */
export function StationSearch({ onOpen, onActive }: { onOpen: (id: string) => void; onActive: (active: boolean) => void }) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<StationSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const q = query.trim();

  useEffect(() => {
    onActive(q.length > 0);
    const mine = ++seq.current;
    setResults(null);
    setError(null);
    if (!q) return;
    const timer = setTimeout(() => {
      searchStations({ q }).then(
        (page) => mine === seq.current && setResults(page.items),
        (err) => mine === seq.current && setError(errorMessage(err, SEARCH_TEXT.failed)),
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [q, onActive]);

  return (
    <View className='station-search' data-testid='stations-search'>
      <View className='station-search__box' role='search'>
        <Input
          className='station-search__input'
          type='text'
          confirmType='search'
          value={query}
          maxlength={50}
          placeholder={SEARCH_TEXT.placeholder}
          aria-label={SEARCH_TEXT.label}
          onInput={(e) => setQuery(e.detail.value)}
          data-testid='stations-search-input'
        />
        {query && (
          <Text className='station-search__clear' onClick={() => setQuery('')} data-testid='stations-search-clear'>
            {SEARCH_TEXT.clear}
          </Text>
        )}
      </View>
      {q && (
        <View className='station-search__results' data-testid='stations-search-results'>
          {error && <Text className='nx-text'>{error}</Text>}
          {!error && !results && <Text className='nx-text'>{SEARCH_TEXT.searching}</Text>}
          {results?.length === 0 && (
            <Text className='nx-text' data-testid='stations-search-none'>
              {SEARCH_TEXT.none(q)}
            </Text>
          )}
          {results?.map((s) => <StationCard key={s.id} station={s} onOpen={onOpen} />)}
        </View>
      )}
    </View>
  );
}
