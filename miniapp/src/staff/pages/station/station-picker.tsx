import { useCallback, useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Input } from '../../../components/ui';
import { FormField } from '../../../components/form-field';
import { fetchManagedStations, type ManagedStationSummary } from '../../../services/stations';
import { errorMessage } from '../../../utils/error-message';
import './station-picker.scss';

const TEXT = {
  intro: '选择要维护的驿站。这里列出你负责的驿站（站长：自己的驿站；干部：本组织及下级的驿站），已停用的也在其中。',
  query: '驿站名称或地址',
  placeholder: '例如：中山路',
  search: '搜索',
  searching: '加载中…',
  none: '没有找到你负责的驿站',
  noneFor: (q: string) => `你负责的驿站中没有“${q}”，换个关键词试试`,
  more: '加载更多',
  failed: '加载失败，请检查网络后重试',
  suspended: '已停用',
};

/**
 * The stations the caller keeps (suspended ones marked), narrowed by name or address, paged by code. With
 * `pickSole`, a caller who keeps exactly one station gets it at once (a master's usual case: no list to tap through);
 * `onPick` then hears `sole`, so the page offers no 换一个驿站 (there is no other).
 */
export function StationPicker({ onPick, pickSole = false }: { onPick: (station: ManagedStationSummary, sole?: boolean) => void; pickSole?: boolean }) {
  const [query, setQuery] = useState('');
  const [asked, setAsked] = useState('');
  const [items, setItems] = useState<ManagedStationSummary[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sole = useRef(pickSole);
  // The first load may pick by itself: it calls the latest onPick without reloading when the parent re-renders.
  const pickRef = useRef(onPick);
  pickRef.current = onPick;

  const search = useCallback(async (q: string, after: string | null) => {
    setBusy(true);
    setError(null);
    try {
      const page = await fetchManagedStations({ q: q || undefined, after });
      if (sole.current && !q && !after && page.items.length === 1 && !page.nextAfter) {
        sole.current = false;
        return pickRef.current(page.items[0], true);
      }
      sole.current = false;
      setItems((prev) => (after && prev ? [...prev, ...page.items] : page.items));
      setNext(page.nextAfter);
      setAsked(q);
    } catch (err) {
      setError(errorMessage(err, TEXT.failed));
    } finally {
      setBusy(false);
    }
  }, []);

  useEffect(() => {
    search('', null);
  }, [search]);

  return (
    <View data-testid='station-picker'>
      <Text className='nx-text station-picker__intro'>{TEXT.intro}</Text>
      <FormField label={TEXT.query} error={error} testId='station-picker-query'>
        <Input value={query} onChange={setQuery} placeholder={TEXT.placeholder} maxLength={50} />
      </FormField>
      <Button className='nx-big-button' type='primary' disabled={busy} onClick={() => search(query.trim(), null)} data-testid='station-picker-search'>
        {busy ? TEXT.searching : TEXT.search}
      </Button>
      {items && items.length === 0 && (
        <Text className='nx-text station-picker__intro' data-testid='station-picker-none'>
          {asked ? TEXT.noneFor(asked) : TEXT.none}
        </Text>
      )}
      {items && items.length > 0 && (
        <View className='station-picker__results'>
          {items.map((s) => (
            <View
              key={s.id}
              className='station-picker__row'
              hoverClass='station-picker__row--pressed'
              onClick={() => onPick(s)}
              data-testid='station-picker-item'
              data-status={s.status}
            >
              <View className='station-picker__text'>
                <View className='station-picker__title'>
                  <Text className='station-picker__name'>{s.name}</Text>
                  {s.status === 'suspended' && (
                    <Text className='station-picker__badge' data-testid='station-picker-suspended'>
                      {TEXT.suspended}
                    </Text>
                  )}
                </View>
                <Text className='station-picker__description'>{`${s.code} · ${s.address}`}</Text>
              </View>
              <View className='nx-chevron' />
            </View>
          ))}
        </View>
      )}
      {next && (
        <Button fill='outline' disabled={busy} onClick={() => search(asked, next)} data-testid='station-picker-more'>
          {TEXT.more}
        </Button>
      )}
    </View>
  );
}
