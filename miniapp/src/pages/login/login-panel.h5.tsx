import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { isValidMobile, MOBILE_MESSAGE, normalizeMobile, ROLE_LABELS, type Role } from '@nuanxin/shared';
import { Button, Input } from '../../components/ui';
import { fetchDemoUsers, loginAsDemoUser, loginWithSms, sendSmsCode, type DemoUser, type Me } from '../../services/auth';
import { ApiError } from '../../services/http';
import { errorMessage } from '../../utils/error-message';
import type { LoginPanelProps } from './login-panel.types';

export const LOGIN_TEXT = {
  mobileLabel: '手机号',
  mobilePlaceholder: '请输入手机号',
  codeLabel: '验证码',
  codePlaceholder: '请输入 6 位验证码',
  codeMessage: '验证码为 6 位数字',
  sendCode: '获取验证码',
  sending: '发送中…',
  resendIn: (s: number) => `${s} 秒后重发`,
  sent: '验证码已发送，请查看短信',
  login: '登录',
  loggingIn: '正在登录…',
  failed: '登录失败，请检查网络后重试',
  sendFailed: '验证码发送失败，请检查网络后重试',
  demoTitle: '演示账号',
  demoHint: '仅测试环境提供，点一下即可登录对应角色。',
};

const CODE_PATTERN = /^\d{6}$/;
/** Fields that show their own error under them. */
const SHOWN_FIELDS = ['mobile', 'code'];
const DEFAULT_COOLDOWN = 60;

/**
 * 「label（roles）」, leaving out roles the label already names in full or by their last word
 * (「骑手 小李（职工）」, 「思明区总工会 干部」 for 工会干部 and 「中山路工会驿站 站长」 stay as they are).
 */
function demoUserTitle(u: Pick<DemoUser, 'label' | 'roles'>): string {
  const named = (role: string) => u.label.includes(role) || u.label.includes(role.slice(-2));
  const roles = u.roles.map((r) => ROLE_LABELS[r as Role] ?? r).filter((name) => !named(name));
  return roles.length > 0 ? `${u.label}（${roles.join('、')}）` : u.label;
}

/** Grouped demo users (e.g. the catch-all officers of six districts) by heading, in the server's order. */
function demoGroups(users: DemoUser[]): Array<[string, DemoUser[]]> {
  const groups = new Map<string, DemoUser[]>();
  for (const u of users) if (u.group) groups.set(u.group, [...(groups.get(u.group) ?? []), u]);
  return [...groups];
}

/** H5: mobile + SMS code; outside production the server also offers demo accounts. */
export function LoginPanel({ onLoggedIn }: LoginPanelProps) {
  const [mobile, setMobile] = useState('');
  const [mobileBlurred, setMobileBlurred] = useState(false);
  const [code, setCode] = useState('');
  // A deadline rather than a decrementing counter: stays right when timers are throttled in the background.
  const [cooldownUntil, setCooldownUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const [sending, setSending] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [demoUsers, setDemoUsers] = useState<DemoUser[] | null>(null);

  useEffect(() => {
    let alive = true;
    fetchDemoUsers().then(
      (users) => alive && setDemoUsers(users),
      () => alive && setDemoUsers(null),
    );
    return () => {
      alive = false;
    };
  }, []);

  useEffect(() => {
    if (cooldownUntil <= Date.now()) return;
    const timer = setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (t >= cooldownUntil) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [cooldownUntil]);

  const cooldown = Math.max(0, Math.ceil((cooldownUntil - now) / 1000));

  const mobileValid = isValidMobile(mobile);
  // Judge the number once it is complete (or the field is left), not while the first digits go in.
  const mobileJudged = mobileBlurred || normalizeMobile(mobile).length >= 11;
  const mobileError = mobile !== '' && mobileJudged && !mobileValid ? MOBILE_MESSAGE : fieldErrors.mobile;
  const codeError = code !== '' && code.length >= 6 && !CODE_PATTERN.test(code) ? LOGIN_TEXT.codeMessage : fieldErrors.code;

  const showError = (err: unknown, fallback: string) => {
    setNotice(null);
    const message = errorMessage(err, fallback);
    const fields: Record<string, string> = {};
    if (err instanceof ApiError) err.fieldErrors.forEach((f) => (fields[f.field] = f.message));
    setFieldErrors(fields);
    // Said once: under the field it is about (「请先获取验证码」 came as both message and code error).
    const underField = SHOWN_FIELDS.some((f) => fields[f] === message);
    setError(underField ? null : message);
  };

  const clearErrors = () => {
    setError(null);
    setFieldErrors({});
  };

  const onSend = async () => {
    if (!mobileValid || sending || cooldown > 0) return;
    setSending(true);
    clearErrors();
    try {
      const { cooldownSeconds } = await sendSmsCode(mobile);
      const t = Date.now();
      setNow(t);
      setCooldownUntil(t + (cooldownSeconds > 0 ? cooldownSeconds : DEFAULT_COOLDOWN) * 1000);
      setNotice(LOGIN_TEXT.sent);
    } catch (err) {
      showError(err, LOGIN_TEXT.sendFailed);
    } finally {
      setSending(false);
    }
  };

  const finishLogin = async (attempt: () => Promise<Me>) => {
    setBusy(true);
    clearErrors();
    let user: Me;
    try {
      user = await attempt();
    } catch (err) {
      showError(err, LOGIN_TEXT.failed);
      setBusy(false);
      return;
    }
    setBusy(false);
    onLoggedIn(user);
  };

  const canLogin = mobileValid && CODE_PATTERN.test(code) && !busy;

  return (
    <View className='login-panel'>
      <View className='login-panel__field'>
        <Text className='login-panel__label'>{LOGIN_TEXT.mobileLabel}</Text>
        <View className='login-panel__row'>
          <Input
            className='login-panel__input'
            type='tel'
            name='mobile'
            value={mobile}
            maxLength={16}
            placeholder={LOGIN_TEXT.mobilePlaceholder}
            onChange={(value) => {
              setMobile(value);
              setFieldErrors(({ mobile: _dropped, ...rest }) => rest);
            }}
            onBlur={() => setMobileBlurred(true)}
          />
          <Button
            className='login-panel__send'
            type='primary'
            fill='outline'
            disabled={!mobileValid || sending || cooldown > 0}
            onClick={onSend}
            data-testid='login-send-code'
          >
            {sending ? LOGIN_TEXT.sending : cooldown > 0 ? LOGIN_TEXT.resendIn(cooldown) : LOGIN_TEXT.sendCode}
          </Button>
        </View>
        {mobileError && (
          <Text className='login-panel__field-error' data-testid='login-mobile-error'>
            {mobileError}
          </Text>
        )}
      </View>

      <View className='login-panel__field'>
        <Text className='login-panel__label'>{LOGIN_TEXT.codeLabel}</Text>
        <Input
          className='login-panel__input'
          type='number'
          name='code'
          value={code}
          maxLength={6}
          placeholder={LOGIN_TEXT.codePlaceholder}
          onChange={(value) => {
            setCode(value.replace(/\D/g, '').slice(0, 6));
            setFieldErrors(({ code: _dropped, ...rest }) => rest);
          }}
        />
        {codeError && (
          <Text className='login-panel__field-error' data-testid='login-code-error'>
            {codeError}
          </Text>
        )}
      </View>

      {notice && (
        <Text className='login-panel__notice' data-testid='login-notice'>
          {notice}
        </Text>
      )}
      {error && (
        <Text className='login-panel__error' data-testid='login-error'>
          {error}
        </Text>
      )}

      <Button
        className='nx-big-button login-panel__submit'
        type='primary'
        loading={busy}
        disabled={!canLogin}
        onClick={() => finishLogin(() => loginWithSms(mobile, code))}
        data-testid='login-submit'
      >
        {busy ? LOGIN_TEXT.loggingIn : LOGIN_TEXT.login}
      </Button>

      {demoUsers && demoUsers.length > 0 && (
        <View className='login-panel__demo' data-testid='login-demo-users'>
          <Text className='login-panel__label'>{LOGIN_TEXT.demoTitle}</Text>
          <Text className='nx-text'>{LOGIN_TEXT.demoHint}</Text>
          {demoUsers
            .filter((u) => !u.group)
            .map((u) => (
              <Button
                key={u.openid}
                className='login-panel__demo-user'
                fill='outline'
                disabled={busy}
                onClick={() => finishLogin(() => loginAsDemoUser(u.openid))}
              >
                {demoUserTitle(u)}
              </Button>
            ))}
          {demoGroups(demoUsers).map(([group, users]) => (
            <View key={group} className='login-panel__demo-group' data-testid='login-demo-group'>
              <Text className='login-panel__label'>{group}</Text>
              <View className='login-panel__demo-grid'>
                {users.map((u) => (
                  <Button
                    key={u.openid}
                    className='login-panel__demo-chip'
                    fill='outline'
                    disabled={busy}
                    aria-label={u.label}
                    onClick={() => finishLogin(() => loginAsDemoUser(u.openid))}
                  >
                    {u.short || u.label}
                  </Button>
                ))}
              </View>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
