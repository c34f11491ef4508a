import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { beijingDateTime, formatYuan } from '@nuanxin/shared';
import { RetryCard } from '../../components/page-states';
import { fetchPublicFigures, type PublicArea, type PublicFigures } from '../../services/claims-ledger';
import { errorMessage } from '../../utils/error-message';
import '../../components/claim-panel.scss';
import './claims.scss';

export const FIGURES_TEXT = {
  title: (year: number) => `${year} 年职工诉求办理情况`,
  note: '追回金额只计职工确认收到的款项。这里只有汇总数，不含任何个人信息。',
  asOf: (t: string) => `统计时间 ${t}`,
  received: '受理',
  closed: '办结',
  recovered: '追回金额',
  satisfaction: '满意率',
  noRating: '暂无评价',
  cases: (n: number) => `${n} 件`,
  byCategory: '按类别',
  loading: '正在加载…',
  failed: '加载失败，请检查网络后重试',
};

/** 工会数据 (no login): this year's city and district figures, aggregates only (the server folds small categories into 其他). */
export default function ClaimFiguresPage() {
  const [data, setData] = useState<PublicFigures | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    setError(null);
    try {
      setData(await fetchPublicFigures());
    } catch (err) {
      setError(errorMessage(err, FIGURES_TEXT.failed));
    }
  }, []);
  useEffect(() => {
    load();
  }, [load]);

  return (
    <View className='nx-page claims-page' data-testid='claim-figures'>
      {error && <RetryCard message={error} onRetry={load} testId='claim-figures-error' />}
      {!data && !error && <Text className='nx-text'>{FIGURES_TEXT.loading}</Text>}
      {data && (
        <>
          <View className='nx-card claim-figures__intro'>
            <Text className='claim-guide__title'>{FIGURES_TEXT.title(data.year)}</Text>
            <Text className='claim-panel__hint'>{FIGURES_TEXT.note}</Text>
            <Text className='claim-panel__hint'>{FIGURES_TEXT.asOf(beijingDateTime(new Date(data.asOf)))}</Text>
          </View>
          <Area area={data.city} testId='claim-figures-city' />
          {data.districts.map((d) => (
            <Area key={d.code ?? d.name} area={d} testId='claim-figures-district' />
          ))}
        </>
      )}
    </View>
  );
}

function Area({ area, testId }: { area: PublicArea; testId: string }) {
  const rows: Array<[string, string]> = [
    [FIGURES_TEXT.received, FIGURES_TEXT.cases(area.received)],
    [FIGURES_TEXT.closed, FIGURES_TEXT.cases(area.closed)],
    [FIGURES_TEXT.recovered, formatYuan(area.recoveredFen)],
    [FIGURES_TEXT.satisfaction, area.satisfactionPercent === null ? FIGURES_TEXT.noRating : `${area.satisfactionPercent}%`],
  ];
  return (
    <View className='nx-card claim-facts' data-testid={testId}>
      <Text className='claim-guide__heading'>{area.name}</Text>
      {rows.map(([k, v]) => (
        <View key={k} className='claim-facts__row'>
          <Text className='claim-facts__key'>{k}</Text>
          <Text className='claim-facts__value'>{v}</Text>
        </View>
      ))}
      {area.byCategory.length > 0 && (
        <Text className='claim-panel__hint'>{`${FIGURES_TEXT.byCategory}：${area.byCategory.map((c) => `${c.label} ${c.received}`).join('，')}`}</Text>
      )}
    </View>
  );
}
