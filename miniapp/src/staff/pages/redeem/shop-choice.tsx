import { useEffect, useState } from 'react';
import type { MerchantDetail } from '@nuanxin/shared';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField } from '../../../components/form-field';
import { fetchMerchants } from '../../../services/benefits';

const TEXT = { shop: '核销门店' };

/**
 * A merchant user holding several shops says which till this is (the server needs `merchantId` then); with one shop
 * nothing shows and the server takes it. A failed lookup shows nothing either: the server then names the field.
 */
export function useShopChoice({ label = TEXT.shop, testId = 'redeem-shop', enabled = true }: { label?: string; testId?: string; enabled?: boolean } = {}) {
  const [shops, setShops] = useState<MerchantDetail[]>([]);
  const [shopId, setShopId] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!enabled) return;
    fetchMerchants()
      .then((page) => {
        const active = (page?.items ?? []).filter((m) => m.status === 'active');
        setShops(active);
        if (active.length > 1) setShopId(active[0].id);
      })
      .catch(() => undefined);
  }, [enabled]);
  const picker =
    enabled && shops.length > 1 ? (
      <FormField label={label} testId={testId}>
        <ChoiceChips options={shops.map((s) => s.name)} value={shops.find((s) => s.id === shopId)?.name ?? null} onChange={(name) => setShopId(shops.find((s) => s.name === name)?.id ?? shopId)} testId={`${testId}-choices`} />
      </FormField>
    ) : null;
  return { shopId, picker };
}
