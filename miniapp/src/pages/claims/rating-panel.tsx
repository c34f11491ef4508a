import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { ClaimPanelActions } from '../../components/claim-panel-actions';
import { Input } from '../../components/ui';

export const RATING_TEXT = {
  title: '评价办理结果',
  hint: '评价后诉求关闭。评 2 分及以下的，办结 7 天内可以申请重新办理一次。',
  comment: '说说你的看法（可选）',
  submit: '提交评价',
  cancel: '取消',
  pick: '请先选择星级',
  star: (n: number) => `${n} 星`,
  levels: ['', '很不满意', '不满意', '一般', '满意', '非常满意'],
};

/** The element id detail pages scroll to. */
export const RATING_PANEL_ID = 'claim-rating-panel';

export interface RatingPanelProps {
  /** A star already chosen (tapped in 我的诉求), 1–5; the worker can still change it. */
  initialScore?: number;
  busy: boolean;
  onSubmit: (score: number, comment: string) => Promise<boolean>;
  onCancel: () => void;
}

/** 1–5 big stars (each a 44px tap target) and an optional comment. */
export function RatingPanel({ initialScore = 0, busy, onSubmit, onCancel }: RatingPanelProps) {
  const [score, setScore] = useState(initialScore);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = () => {
    if (score < 1) return setError(RATING_TEXT.pick);
    setError(null);
    onSubmit(score, comment.trim());
  };

  return (
    <View id={RATING_PANEL_ID} className='nx-card claim-panel' data-testid='claim-rating-panel'>
      <Text className='claim-panel__title'>{RATING_TEXT.title}</Text>
      <Text className='claim-panel__hint'>{RATING_TEXT.hint}</Text>
      <View className='claim-stars' role='radiogroup'>
        {[1, 2, 3, 4, 5].map((n) => (
          <View
            key={n}
            role='radio'
            aria-checked={score === n}
            aria-label={RATING_TEXT.star(n)}
            className={`claim-stars__star${n <= score ? ' claim-stars__star--on' : ''}`}
            onClick={() => {
              setScore(n);
              setError(null);
            }}
            data-testid={`claim-star-${n}`}
          >
            <Text>★</Text>
          </View>
        ))}
      </View>
      {score > 0 && <Text className='claim-stars__level'>{RATING_TEXT.levels[score]}</Text>}
      <Input
        className='claim-panel__input'
        name='comment'
        value={comment}
        maxLength={500}
        placeholder={RATING_TEXT.comment}
        onChange={setComment}
      />
      <ClaimPanelActions
        error={error}
        errorTestId='claim-rating-error'
        busy={busy}
        cancelLabel={RATING_TEXT.cancel}
        onCancel={onCancel}
        submitLabel={RATING_TEXT.submit}
        onSubmit={submit}
        submitTestId='claim-rating-submit'
      />
    </View>
  );
}
