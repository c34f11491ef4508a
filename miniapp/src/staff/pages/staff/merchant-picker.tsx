import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { MerchantDetail } from '@nuanxin/shared';
import { Button, Input } from '../../../components/ui';
import { FormField } from '../../../components/form-field';
import { fetchGrantableMerchants } from '../../../services/admin';
import { errorMessage } from '../../../utils/error-message';
import '../station/station-picker.scss';

export const MERCHANT_PICKER_TEXT = {
  intro: '选择商户：这里列出本组织及下级工会签约的合作商户。',
  query: '商户名称或地址',
  placeholder: '例如：骑手食堂',
  search: '搜索',
  searching: '加载中…',
  none: '本组织及下级还没有签约的商户',
  noneFor: (q: string) => `没有找到“${q}”，换个关键词试试`,
  more: '加载更多',
  failed: '加载失败，请检查网络后重试',
};
const T = MERCHANT_PICKER_TEXT;

/** The partner merchants an org (and its subtree) signed, narrowed by name or address, paged by name. */
export function MerchantPicker({ orgCode, onPick }: { orgCode: string; onPick: (merchant: MerchantDetail) => void }) {
  const [query, setQuery] = useState('');
  const [asked, setAsked] = useState('');
  const [items, setItems] = useState<MerchantDetail[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const search = useCallback(
    async (q: string, after: string | null) => {
      setBusy(true);
      setError(null);
      try {
        const page = await fetchGrantableMerchants(orgCode, q, after);
        setItems((prev) => (after && prev ? [...prev, ...page.items] : page.items));
        setNext(page.nextAfter);
        setAsked(q);
      } catch (err) {
        setError(errorMessage(err, T.failed));
      } finally {
        setBusy(false);
      }
    },
    [orgCode],
  );

  useEffect(() => {
    search('', null);
  }, [search]);

  return (
    <View data-testid='merchant-picker'>
      <Text className='nx-text station-picker__intro'>{T.intro}</Text>
      <FormField label={T.query} error={error} testId='merchant-picker-query'>
        <Input value={query} onChange={setQuery} placeholder={T.placeholder} maxLength={40} />
      </FormField>
      <Button className='nx-big-button' type='primary' disabled={busy} onClick={() => search(query.trim(), null)} data-testid='merchant-picker-search'>
        {busy ? T.searching : T.search}
      </Button>
      {items && items.length === 0 && (
        <Text className='nx-text station-picker__intro' data-testid='merchant-picker-none'>
          {asked ? T.noneFor(asked) : T.none}
        </Text>
      )}
      {items && items.length > 0 && (
        <View className='station-picker__results'>
          {items.map((m) => (
            <View key={m.id} className='station-picker__row' hoverClass='station-picker__row--pressed' onClick={() => onPick(m)} data-testid='merchant-picker-item'>
              <View className='station-picker__text'>
                <View className='station-picker__title'>
                  <Text className='station-picker__name'>{m.name}</Text>
                  {m.status !== 'active' && <Text className='station-picker__badge'>{m.statusLabel}</Text>}
                </View>
                <Text className='station-picker__description'>{`${m.org.name} · ${m.address}`}</Text>
              </View>
              <View className='nx-chevron' />
            </View>
          ))}
        </View>
      )}
      {next && (
        <Button fill='outline' disabled={busy} onClick={() => search(asked, next)} data-testid='merchant-picker-more'>
          {T.more}
        </Button>
      )}
    </View>
  );
}
