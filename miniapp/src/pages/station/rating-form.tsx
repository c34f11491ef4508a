import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Input } from '../../components/ui';
import { ApiError, newIdempotencyKey } from '../../services/http';
import { rateStation } from '../../services/stations';
import { errorMessage } from '../../utils/error-message';
import { toastDone } from '../../utils/feedback';

const TEXT = {
  title: '评价这个驿站',
  words: ['很差', '较差', '一般', '不错', '很好'],
  pickScore: '请先点星星打分',
  comment: '说说你的体验（选填）',
  submit: '提交评价',
  submitting: '提交中…',
  thanks: '感谢你的评价！',
  rated: (score: number, word: string) => `你给了 ${score} 星（${word}）。评分已计入驿站，明天可以再评。`,
  failed: '提交失败，请检查网络后重试',
  login: '登录后评价',
};

export interface RatingFormProps {
  stationId: string;
  loggedIn: boolean;
  onLogin: () => void;
  onRated: (rating: { rating: number; ratingCount: number }) => void;
}

/** 1–5 stars and an optional comment; one rating per person, station and day (the server says so when it is a second one). */
export function RatingForm({ stationId, loggedIn, onLogin, onRated }: RatingFormProps) {
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  /** The score sent: the form closes into a thank-you in its place (one rating per person, station and day). */
  const [rated, setRated] = useState<number | null>(null);
  // Kept while an attempt's outcome is unknown, so 重试 cannot rate twice.
  const key = useRef<string | null>(null);

  const submit = async () => {
    if (!loggedIn) return onLogin();
    if (!score) return setMessage({ text: TEXT.pickScore, error: true });
    setBusy(true);
    key.current = key.current ?? newIdempotencyKey();
    try {
      const result = await rateStation(stationId, { score, ...(comment.trim() ? { comment: comment.trim() } : {}) }, key.current);
      key.current = null;
      setMessage(null);
      setComment('');
      setRated(score);
      toastDone(TEXT.thanks);
      onRated(result);
    } catch (err) {
      if (!(err instanceof ApiError && err.isNetworkError)) key.current = null;
      setMessage({ text: errorMessage(err, TEXT.failed), error: true });
    } finally {
      setBusy(false);
    }
  };

  if (rated) {
    return (
      <View className='nx-card rating-form' data-testid='station-rating-done'>
        <Text className='station-detail__heading'>{TEXT.thanks}</Text>
        <Text className='nx-text'>{TEXT.rated(rated, TEXT.words[rated - 1])}</Text>
      </View>
    );
  }

  return (
    <View className='nx-card rating-form' data-testid='station-rating'>
      <Text className='station-detail__heading'>{TEXT.title}</Text>
      <View className='rating-form__stars' role='radiogroup'>
        {TEXT.words.map((word, i) => (
          <View
            key={word}
            role='radio'
            aria-checked={score === i + 1}
            aria-label={`${i + 1} 分 ${word}`}
            className={`rating-form__star${score > i ? ' rating-form__star--on' : ''}`}
            data-testid='station-rating-star'
            onClick={() => {
              setScore(i + 1);
              setMessage(null);
            }}
          >
            <Text>★</Text>
          </View>
        ))}
        {score > 0 && <Text className='rating-form__word'>{TEXT.words[score - 1]}</Text>}
      </View>
      <View className='rating-form__comment' data-testid='station-rating-comment'>
        <Input value={comment} onChange={setComment} placeholder={TEXT.comment} maxLength={300} />
      </View>
      {message && (
        <Text className={`rating-form__message${message.error ? ' rating-form__message--error' : ''}`} data-testid='station-rating-message'>
          {message.text}
        </Text>
      )}
      <Button className='nx-big-button' type='primary' fill='outline' disabled={busy} onClick={submit} data-testid='station-rating-submit'>
        {!loggedIn ? TEXT.login : busy ? TEXT.submitting : TEXT.submit}
      </Button>
    </View>
  );
}
