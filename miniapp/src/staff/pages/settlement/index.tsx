import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { formatYuan, Role, type MerchantDetail, type SettlementPage } from '@nuanxin/shared';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField } from '../../../components/form-field';
import { Button } from '../../../components/ui';
import { RetryCard } from '../../../components/page-states';
import { currentUser } from '../../../services/auth';
import { fetchMerchants, fetchSettlement, settlementFileUrl } from '../../../services/benefits';
import { errorMessage } from '../../../utils/error-message';
import { toastDone } from '../../../utils/feedback';
import { hasAnyRole } from '../../../utils/user-display';
import { useLoggedIn } from '../../../utils/use-session';
import { NoAccess } from '../../components/no-access';
import { TOOL_ROLES } from '../../staff-roles';
import { downloadSettlement } from './settlement-download';
import { currentMonth, SETTLEMENT_TEXT, shiftMonth } from './month';
import '../../staff-layout.scss';
import './index.scss';

/** 优惠结算: per merchant and month, redemptions, order totals and what the union pays; the month as an Excel file. */
export default function SettlementPage() {
  const loggedIn = useLoggedIn();
  const me = currentUser();
  const allowed = hasAnyRole(me, TOOL_ROLES.settlement);
  // Officers and admin may narrow the month to one merchant; a merchant user sees only its own shop anyway.
  const staff = hasAnyRole(me, [Role.OFFICER, Role.ADMIN]);
  const [month, setMonth] = useState(() => currentMonth());
  const [merchants, setMerchants] = useState<MerchantDetail[]>([]);
  const [merchantId, setMerchantId] = useState<string | null>(null);
  const [page, setPage] = useState<SettlementPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);

  const load = useCallback(async () => {
    setPage(null);
    setError(null);
    try {
      setPage(await fetchSettlement(month, merchantId));
    } catch (err) {
      setError(errorMessage(err, SETTLEMENT_TEXT.failed));
    }
  }, [month, merchantId]);

  useEffect(() => {
    if (allowed) load();
  }, [allowed, load]);

  useEffect(() => {
    if (allowed && staff) fetchMerchants().then((p) => setMerchants(p.items), () => undefined);
  }, [allowed, staff]);

  const download = async () => {
    setDownloading(true);
    setError(null);
    try {
      await downloadSettlement(settlementFileUrl(month, merchantId), `优惠结算-${month}.xlsx`);
      toastDone(SETTLEMENT_TEXT.downloaded);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setDownloading(false);
    }
  };

  if (!allowed) return <NoAccess loggedIn={loggedIn} />;

  const isCurrent = month >= currentMonth();
  return (
    <View className='nx-page staff-layout settlement-page' data-testid='settlement-page'>
      <View className='settlement-page__months'>
        <Button fill='outline' onClick={() => setMonth(shiftMonth(month, -1))} data-testid='settlement-prev'>
          {SETTLEMENT_TEXT.prev}
        </Button>
        <Text className='settlement-page__month' data-testid='settlement-month'>
          {SETTLEMENT_TEXT.month(month)}
        </Text>
        <Button fill='outline' disabled={isCurrent} onClick={() => setMonth(shiftMonth(month, 1))} data-testid='settlement-next'>
          {SETTLEMENT_TEXT.next}
        </Button>
      </View>
      {staff && merchants.length > 1 && (
        <FormField label={SETTLEMENT_TEXT.merchant} testId='settlement-merchant-filter'>
          <ChoiceChips
            options={[SETTLEMENT_TEXT.allMerchants, ...merchants.map((m) => m.name)]}
            value={merchants.find((m) => m.id === merchantId)?.name ?? SETTLEMENT_TEXT.allMerchants}
            onChange={(name) => setMerchantId(merchants.find((m) => m.name === name)?.id ?? null)}
            testId='settlement-merchant-choices'
          />
        </FormField>
      )}
      {error && <RetryCard message={error} onRetry={load} testId='settlement-error' />}
      {!page && !error && <Text className='nx-text'>{SETTLEMENT_TEXT.loading}</Text>}
      {page && page.rows.length === 0 && (
        <View className='nx-card' data-testid='settlement-empty'>
          <Text className='nx-text'>{SETTLEMENT_TEXT.empty}</Text>
        </View>
      )}
      {page && page.rows.length > 0 && (
        <>
          <View className='nx-card settlement-page__total' data-testid='settlement-total'>
            <Text className='settlement-page__name'>{SETTLEMENT_TEXT.total}</Text>
            <Text className='settlement-page__meta'>{SETTLEMENT_TEXT.redemptions(page.totals.redemptions)}</Text>
            <Row label={SETTLEMENT_TEXT.orders} value={formatYuan(page.totals.orderTotalFen)} />
            <Row label={SETTLEMENT_TEXT.discounts} value={formatYuan(page.totals.discountTotalFen)} strong testId='settlement-total-discount' />
          </View>
          {page.rows.map((r) => (
            <View key={r.merchant.id} className='nx-card settlement-page__row' data-testid='settlement-row'>
              <Text className='settlement-page__name' data-testid='settlement-merchant'>
                {r.merchant.name}
              </Text>
              <Text className='settlement-page__meta' data-testid='settlement-count'>
                {`${r.org.name} · ${SETTLEMENT_TEXT.redemptions(r.redemptions)}`}
              </Text>
              <Row label={SETTLEMENT_TEXT.orders} value={formatYuan(r.orderTotalFen)} testId='settlement-orders' />
              <Row label={SETTLEMENT_TEXT.discounts} value={formatYuan(r.discountTotalFen)} strong testId='settlement-discounts' />
            </View>
          ))}
          <View className='nx-bottom-actions'>
            <Button className='nx-big-button' type='primary' loading={downloading} disabled={downloading} onClick={download} data-testid='settlement-download'>
              {downloading ? SETTLEMENT_TEXT.downloading : SETTLEMENT_TEXT.download}
            </Button>
          </View>
        </>
      )}
    </View>
  );
}

function Row({ label, value, strong, testId }: { label: string; value: string; strong?: boolean; testId?: string }) {
  return (
    <View className={`settlement-page__line${strong ? ' settlement-page__line--strong' : ''}`}>
      <Text>{label}</Text>
      <Text data-testid={testId}>{value}</Text>
    </View>
  );
}
