import { Text, View } from '@tarojs/components';
import { formatYuan } from '@nuanxin/shared';
import { loadWishPhoto, type Wish } from '../services/wishes';
import { formatDate, formatDateTime } from '../utils/format';
import { ClaimPhotos } from './claim-photos';
import { categoryLabel, nextStep, statusLabel, WISH_CATEGORY_GLYPHS } from './wish-labels';
import './wish-card.scss';
import './wish-facts.scss';

export const FACTS_TEXT = {
  value: '价值',
  station: '领取驿站',
  handover: '交接方式',
  handoverLabels: { station: '送到驿站，凭会员码领取', direct: '爱心人士当面交给心愿人' } as Record<string, string>,
  wisher: '心愿人',
  donor: '认领人',
  posted: '提交时间',
  published: '上墙日期',
  wallUntil: '待认领至',
  holdUntil: '送达期限',
  screeningDue: '审核期限',
  overdue: '已超时',
  photo: '心愿照片',
  deliveryPhoto: '送达照片',
  thanks: '感谢的话',
  rejectReason: '未通过原因',
};

/** A wish as its parties see it: what, how much, where, who (alias only), what happens next, photos and the thank-you. */
export function WishFacts({ wish, showNext = true }: { wish: Wish; showNext?: boolean }) {
  const donor = wish.donor ?? null;
  const rows: Array<[string, string, string]> = [
    [FACTS_TEXT.value, formatYuan(wish.valueFen), 'wish-value'],
    [FACTS_TEXT.station, `${wish.station.name}（${wish.station.district}）`, 'wish-station'],
    [FACTS_TEXT.handover, FACTS_TEXT.handoverLabels[wish.handover] ?? wish.handover, 'wish-handover'],
    [FACTS_TEXT.wisher, wish.wisher, 'wish-alias'],
    ...(donor ? ([[FACTS_TEXT.donor, donor, 'wish-donor']] as Array<[string, string, string]>) : []),
    ...(wish.postedAt ? ([[FACTS_TEXT.posted, formatDateTime(wish.postedAt), 'wish-posted']] as Array<[string, string, string]>) : []),
    // the first day on the wall stays; a wish back on the wall gets a fresh 30 days (待认领至)
    ...(wish.publishedAt ? ([[FACTS_TEXT.published, formatDate(wish.publishedAt), 'wish-published']] as Array<[string, string, string]>) : []),
    ...(wish.status === 'published' && wish.wallUntil ? ([[FACTS_TEXT.wallUntil, formatDate(wish.wallUntil), 'wish-wall-until']] as Array<[string, string, string]>) : []),
    ...(wish.status === 'claimed' && wish.holdUntil ? ([[FACTS_TEXT.holdUntil, formatDate(wish.holdUntil), 'wish-hold']] as Array<[string, string, string]>) : []),
    ...(wish.status === 'screening' && wish.screeningDueAt
      ? ([[FACTS_TEXT.screeningDue, `${formatDateTime(wish.screeningDueAt)}${wish.overdue ? ` ${FACTS_TEXT.overdue}` : ''}`, 'wish-due']] as Array<[string, string, string]>)
      : []),
  ];
  return (
    <>
      <View className='nx-card wish-facts' data-testid='wish-facts'>
        <View className='wish-card__head'>
          <Text className={`wish-card__glyph wish-card__glyph--${wish.category}`} aria-hidden>
            {WISH_CATEGORY_GLYPHS[wish.category] ?? '愿'}
          </Text>
          <Text className='wish-card__category'>{wish.number ? `${categoryLabel(wish.category)} · ${wish.number}` : categoryLabel(wish.category)}</Text>
          <Text className={`wish-card__status wish-card__status--${wish.status}`} data-testid='wish-status'>
            {statusLabel(wish.status)}
          </Text>
        </View>
        <Text className='wish-facts__title' data-testid='wish-title'>
          {wish.title}
        </Text>
        <Text className='wish-facts__story' data-testid='wish-story'>
          {wish.story}
        </Text>
        {rows.map(([key, value, testId]) => (
          <View key={key} className='wish-facts__row'>
            <Text className='wish-facts__key'>{key}</Text>
            <Text className='wish-facts__value' data-testid={testId}>
              {value}
            </Text>
          </View>
        ))}
        {showNext && (
          <Text className='wish-facts__next' data-testid='wish-next'>
            {nextStep(wish)}
          </Text>
        )}
      </View>
      {wish.rejectReason && wish.status === 'rejected' && (
        <View className='nx-card wish-facts__notice' data-testid='wish-reject-reason'>
          <Text className='wish-facts__section'>{FACTS_TEXT.rejectReason}</Text>
          <Text className='nx-text'>{wish.rejectReason}</Text>
        </View>
      )}
      {wish.thanks && (
        <View className='nx-card wish-facts__thanks' data-testid='wish-thanks'>
          <Text className='wish-facts__section'>{FACTS_TEXT.thanks}</Text>
          <Text className='wish-facts__thanks-text'>{wish.thanks}</Text>
        </View>
      )}
      {wish.photoId && (
        <View className='nx-card'>
          <Text className='wish-facts__section'>{FACTS_TEXT.photo}</Text>
          <ClaimPhotos ids={[wish.photoId]} load={loadWishPhoto} />
        </View>
      )}
      {wish.deliveryPhotoId && (
        <View className='nx-card' data-testid='wish-delivery-photo'>
          <Text className='wish-facts__section'>{FACTS_TEXT.deliveryPhoto}</Text>
          <ClaimPhotos ids={[wish.deliveryPhotoId]} load={loadWishPhoto} />
        </View>
      )}
    </>
  );
}
