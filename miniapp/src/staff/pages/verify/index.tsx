import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Input } from '../../../components/ui';
import { FormField } from '../../../components/form-field';
import { ScanButton } from '../../../components/scan-button';
import { currentUser } from '../../../services/auth';
import { verifyCardToken, type VerifyResult } from '../../../services/memberships';
import { errorMessage } from '../../../utils/error-message';
import { formatDate } from '../../../utils/format';
import { hasAnyRole } from '../../../utils/user-display';
import { useLoggedIn } from '../../../utils/use-session';
import { NoAccess } from '../../components/no-access';
import { TOOL_ROLES } from '../../staff-roles';
import '../../staff-layout.scss';
import './index.scss';

const TEXT = {
  intro: '请会员打开「我的 → 会员卡」，扫描会员码；无法扫码时，可粘贴会员码内容核验。',
  scan: '扫描会员码',
  token: '会员码内容',
  tokenPlaceholder: '粘贴会员码内容',
  verify: '核验',
  verifying: '正在核验…',
  empty: '请先扫描或粘贴会员码',
  failed: '核验失败，请检查网络后重试',
  valid: '有效会员',
  ended: '会籍已结束',
  memberNo: '会员号',
  name: '姓名',
  org: '所属工会',
  since: '入会日期',
  again: '核验下一位',
};

/** 会员核验 for station masters, merchants and officers: scan (weapp) or paste a member's QR token. */
export default function VerifyPage() {
  const loggedIn = useLoggedIn();
  const allowed = hasAnyRole(currentUser(), TOOL_ROLES.verify);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const verify = async (raw: string) => {
    const value = raw.trim();
    if (!value) return setError(TEXT.empty);
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await verifyCardToken(value));
    } catch (err) {
      setError(errorMessage(err, TEXT.failed));
    } finally {
      setBusy(false);
    }
  };

  const reset = () => {
    setToken('');
    setResult(null);
    setError(null);
  };

  if (!allowed) return <NoAccess loggedIn={loggedIn} />;

  return (
    <View className='nx-page staff-layout verify-page' data-testid='verify-page'>
      <Text className='nx-text verify-page__intro'>{TEXT.intro}</Text>
      <ScanButton
        label={TEXT.scan}
        onScanned={(text) => {
          setToken(text);
          verify(text);
        }}
        onError={setError}
        testId='verify-scan'
      />
      <FormField label={TEXT.token} testId='verify-token'>
        <Input name='token' value={token} maxLength={1000} placeholder={TEXT.tokenPlaceholder} onChange={setToken} />
      </FormField>
      {error && (
        <View className='verify-page__error' data-testid='verify-error'>
          <Text>{error}</Text>
        </View>
      )}
      {result && (
        <View className={`nx-card verify-result verify-result--${result.valid ? 'valid' : 'ended'}`} data-testid='verify-result'>
          <Text className='verify-result__state' data-testid='verify-state'>
            {result.valid ? TEXT.valid : TEXT.ended}
          </Text>
          {(
            [
              [TEXT.memberNo, result.memberNo, 'verify-member-no'],
              [TEXT.name, result.nameMasked, 'verify-name'],
              [TEXT.org, result.org.name, 'verify-org'],
              [TEXT.since, formatDate(result.since), 'verify-since'],
            ] as const
          ).map(([key, value, testId]) => (
            <View key={key} className='verify-result__row'>
              <Text className='verify-result__key'>{key}</Text>
              <Text className='verify-result__value' data-testid={testId}>
                {value}
              </Text>
            </View>
          ))}
        </View>
      )}
      <View className='nx-bottom-actions'>
        {result ? (
          <Button className='nx-big-button' type='primary' onClick={reset} data-testid='verify-again'>
            {TEXT.again}
          </Button>
        ) : (
          <Button className='nx-big-button' type='primary' loading={busy} disabled={busy} onClick={() => verify(token)} data-testid='verify-submit'>
            {busy ? TEXT.verifying : TEXT.verify}
          </Button>
        )}
      </View>
    </View>
  );
}
