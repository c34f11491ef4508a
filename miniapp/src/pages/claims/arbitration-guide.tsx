import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { ARBITRATION_CHECKLIST, CLAIM_HOTLINES, CLAIM_LAW_TEXTS, type ArbitrationGuide } from '@nuanxin/shared';
import { fetchArbitrationGuide } from '../../services/claims';
import { errorMessage } from '../../utils/error-message';
import { CallRow } from './call-row';

export const GUIDE_TEXT = {
  title: '申请劳动仲裁',
  intro: '你已选择申请仲裁。工会会继续跟进，直到记录仲裁或诉讼结果。下面是去哪里、带什么、可以问谁。',
  commission: '受理仲裁的机构（用人单位所在地）',
  noCommission: '暂未登记该地区的仲裁委员会，可以拨打下方热线询问。',
  hotlines: '咨询热线',
  bring: '需要准备的材料',
  limitation: '申请时效',
  loading: '正在加载仲裁指引…',
  failed: '仲裁指引加载失败，下拉刷新重试',
};

/** Tier 3: the commission for the employer's district (one tap to call), hotlines, what to bring, the time limit. */
export function ArbitrationGuideCard({ claimId }: { claimId: string }) {
  const [guide, setGuide] = useState<ArbitrationGuide | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    fetchArbitrationGuide(claimId)
      .then((g) => alive && setGuide(g))
      .catch((err) => alive && setError(errorMessage(err, GUIDE_TEXT.failed)));
    return () => {
      alive = false;
    };
  }, [claimId]);

  // The hotlines, the checklist and the law are the same everywhere: shown even when the guide does not load.
  const hotlines = guide?.hotlines ?? CLAIM_HOTLINES;
  const checklist = guide?.checklist ?? ARBITRATION_CHECKLIST;
  const art27 = guide?.law.art27 ?? CLAIM_LAW_TEXTS.art27;

  return (
    <View className='nx-card claim-guide' data-testid='claim-arbitration-guide'>
      <Text className='claim-guide__title'>{GUIDE_TEXT.title}</Text>
      <Text className='claim-guide__text'>{GUIDE_TEXT.intro}</Text>

      <Text className='claim-guide__heading'>{GUIDE_TEXT.commission}</Text>
      {guide ? (
        guide.commission ? (
          <View data-testid='claim-guide-commission'>
            <Text className='claim-guide__name' data-testid='claim-guide-commission-name'>
              {guide.commission.name}
            </Text>
            <Text className='claim-guide__text' data-testid='claim-guide-commission-address'>
              {guide.commission.address}
            </Text>
            <CallRow label={guide.commission.name} phone={guide.commission.phone} testId='claim-guide-commission-call' />
          </View>
        ) : (
          <Text className='claim-guide__text' data-testid='claim-guide-no-commission'>
            {GUIDE_TEXT.noCommission}
          </Text>
        )
      ) : (
        <Text className='claim-guide__text' data-testid='claim-guide-status'>
          {error ?? GUIDE_TEXT.loading}
        </Text>
      )}

      <Text className='claim-guide__heading'>{GUIDE_TEXT.hotlines}</Text>
      {hotlines.map((h) => (
        <CallRow key={h.number} label={h.label} phone={h.number} testId={`claim-guide-hotline-${h.number}`} />
      ))}

      <Text className='claim-guide__heading'>{GUIDE_TEXT.bring}</Text>
      {checklist.map((item, i) => (
        <Text key={item} className='claim-guide__item'>
          {`${i + 1}. ${item}`}
        </Text>
      ))}

      <Text className='claim-guide__heading'>{GUIDE_TEXT.limitation}</Text>
      <Text className='claim-guide__text' data-testid='claim-guide-art27'>
        {art27}
      </Text>
    </View>
  );
}
