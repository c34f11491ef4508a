import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Input } from '../../../components/ui';
import { EntryRow } from '../../../components/entry-row';
import { FormField } from '../../../components/form-field';
import { searchStations, type StationSummary } from '../../../services/stations';
import { errorMessage } from '../../../utils/error-message';

const TEXT = {
  intro: '选择要维护的驿站。站长只能保存自己负责的驿站，干部可以维护本组织及下级的驿站。',
  query: '驿站名称或地址',
  placeholder: '例如：中山路',
  search: '搜索',
  searching: '搜索中…',
  none: '没有找到，换个关键词试试',
  more: '加载更多',
  failed: '搜索失败，请检查网络后重试',
};

/** Search stations by name or address and pick one (the server refuses stations outside the user's scope). */
export function StationPicker({ onPick }: { onPick: (station: StationSummary) => void }) {
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<StationSummary[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const search = async (after: string | null) => {
    setBusy(true);
    setError(null);
    try {
      const page = await searchStations({ q: query.trim() || undefined, after });
      setItems((prev) => (after && prev ? [...prev, ...page.items] : page.items));
      setNext(page.nextAfter);
    } catch (err) {
      setError(errorMessage(err, TEXT.failed));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View data-testid='station-picker'>
      <Text className='nx-text station-editor__intro'>{TEXT.intro}</Text>
      <FormField label={TEXT.query} error={error} testId='station-picker-query'>
        <Input value={query} onChange={setQuery} placeholder={TEXT.placeholder} maxLength={50} />
      </FormField>
      <Button className='nx-big-button' type='primary' disabled={busy} onClick={() => search(null)} data-testid='station-picker-search'>
        {busy ? TEXT.searching : TEXT.search}
      </Button>
      {items && items.length === 0 && <Text className='nx-text station-editor__intro'>{TEXT.none}</Text>}
      {items && items.length > 0 && (
        <View className='station-editor__results'>
          {items.map((s) => (
            <EntryRow key={s.id} title={s.name} description={`${s.code} · ${s.address}`} onClick={() => onPick(s)} testId='station-picker-item' />
          ))}
        </View>
      )}
      {next && (
        <Button fill='outline' disabled={busy} onClick={() => search(next)}>
          {TEXT.more}
        </Button>
      )}
    </View>
  );
}
