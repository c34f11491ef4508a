import { Fragment } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '../../components/ui';
import { LoginNeeded, RetryCard } from '../../components/page-states';
import { ClaimSummary } from '../../components/claim-summary';
import { fetchMyClaims, type Claim } from '../../services/claims';
import { withQuery } from '../../routes';
import { useSignedInLoader } from '../../utils/use-signed-in-loader';
import { CLAIM_ROUTES } from './claim-routes';
import { RateStrip } from './rate-strip';
import './claims.scss';

const TEXT = {
  empty: '你还没有提交过诉求',
  emptyHint: '欠薪、工伤、合同、平台规则等问题，都可以找工会。',
  create: '我有事办',
  createAnother: '再提一件',
  loading: '正在加载…',
  failed: '加载失败，请检查网络后下拉刷新',
  loginNeeded: '登录后查看我的诉求',
};

/** 我的诉求: every claim with its status, the union handling it and the deadline that applies now; resolved ones offer their stars here. */
export default function MyClaimsPage() {
  const { loggedIn, data: claims, error, load } = useSignedInLoader<Claim[]>(fetchMyClaims, TEXT.failed);

  const create = () => Taro.navigateTo({ url: CLAIM_ROUTES.create });

  if (!loggedIn) {
    return <LoginNeeded text={TEXT.loginNeeded} testId='claims-login-needed' />;
  }

  return (
    <View className='nx-page claims-page' data-testid='claims-page'>
      {error && (
        <RetryCard message={error} onRetry={load} testId='claims-error' />
      )}
      {!claims && !error && <Text className='nx-text'>{TEXT.loading}</Text>}
      {claims && claims.length === 0 && (
        <View className='nx-card' data-testid='claims-empty'>
          <Text className='nx-title'>{TEXT.empty}</Text>
          <Text className='nx-text'>{TEXT.emptyHint}</Text>
        </View>
      )}
      {claims?.map((c) => (
        <Fragment key={c.id}>
          <ClaimSummary claim={c} testId='claims-item' onClick={() => Taro.navigateTo({ url: withQuery(CLAIM_ROUTES.detail, { id: c.id }) })} />
          {c.actions.includes('rate') && (
            <RateStrip testId='claims-item-rate' onRate={(score) => Taro.navigateTo({ url: withQuery(CLAIM_ROUTES.detail, { id: c.id, rate: String(score) }) })} />
          )}
        </Fragment>
      ))}
      {claims && (
        <View className='nx-bottom-actions'>
          <Button className='nx-big-button' type='primary' fill={claims.length ? 'outline' : 'solid'} onClick={create} data-testid='claims-create'>
            {claims.length ? TEXT.createAnother : TEXT.create}
          </Button>
        </View>
      )}
    </View>
  );
}
