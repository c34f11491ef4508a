import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ErrorCode } from '@nuanxin/shared';
import { Button } from '../../components/ui';
import { OrgCard } from '../../components/org-card';
import { LoginPrompt } from '../../components/page-states';
import { loadDraft } from '../../services/drafts';
import { ApiError } from '../../services/http';
import { fetchCardIfMember, fetchJoinProfile, fetchOrg, type ApplyResult, type JoinProfile, type MemberCard, type OrgCard as Org } from '../../services/memberships';
import { ROUTES, withQuery } from '../../routes';
import { errorMessage } from '../../utils/error-message';
import { orgCodeFromParams } from '../../utils/join-code';
import { useLoggedIn, useLoginOnce, usePageParams } from '../../utils/use-session';
import { JoinForm, JOIN_FORM_ID } from './join-form';
import type { JoinDraftData } from './join-rules';
import { OrgSearch } from './org-search';
import './index.scss';

const TEXT = {
  loading: '正在查询工会信息…',
  loadFailed: '工会信息加载失败，请检查网络后重试',
  retry: '重试',
  change: '更换',
  loginTitle: '登录后填写入会申请',
  loginBody: '入会需要确认是你本人申请，审核结果也会发到你的账号。',
  login: '登录后申请',
  memberHere: (org: string) => `你已经是「${org}」的会员，不用再申请。`,
  memberElsewhere: (org: string) => `你已经是「${org}」的会员。`,
  transferHint: (to: string) => `一个人只能加入一个工会。换了平台或城市，可以把会员关系转到「${to}」，不用重新填写入会申请。`,
  transfer: '会员转移',
  toCard: '查看会员卡',
};

/** The org of a submit that failed on the network, so 重新提交 works even when opened from 我的. */
function retryDraftOrg(): string | null {
  const draft = loadDraft<JoinDraftData>(JOIN_FORM_ID);
  return draft?.lastError?.retryable && draft.data.orgCode ? draft.data.orgCode : null;
}

/** 扫码入会: opened by an org's join code (weapp `scene`, H5 `org`) or from 我的 with an org search. */
export default function JoinPage() {
  const params = usePageParams();
  const loggedIn = useLoggedIn();
  const [orgCode, setOrgCode] = useState<string | null>(() => orgCodeFromParams(params) ?? retryDraftOrg());
  const [org, setOrg] = useState<Org | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  // undefined while loading; null when there is none or it could not be read (the form then starts empty).
  const [profile, setProfile] = useState<JoinProfile | null | undefined>(undefined);
  // A member who scans a union's code is told at once (undefined while asking; null: not a member or unknown).
  const [card, setCard] = useState<MemberCard | null | undefined>(undefined);
  // Straight to login once; coming back without logging in leaves the org card and a 登录 button.
  useLoginOnce(loggedIn);

  // What the server remembers from the last application, so a second scan needs only consent and submit.
  useEffect(() => {
    if (!loggedIn) return;
    let alive = true;
    fetchJoinProfile().then(
      (p) => alive && setProfile(p),
      () => alive && setProfile(null),
    );
    fetchCardIfMember().then(
      (c) => alive && setCard(c && c.status === 'active' ? c : null),
      () => alive && setCard(null),
    );
    return () => {
      alive = false;
    };
  }, [loggedIn]);

  useEffect(() => {
    setOrg(null);
    setLoadError(null);
    if (!orgCode) return;
    let alive = true;
    fetchOrg(orgCode).then(
      (found) => {
        if (!alive) return;
        setOrg(found);
        setSearchError(null);
      },
      (err: unknown) => {
        if (!alive) return;
        const gone = err instanceof ApiError && (err.code === ErrorCode.ORG_NOT_FOUND || err.status === 404);
        if (gone) {
          // Back to the search, saying why.
          setSearchError(errorMessage(err, TEXT.loadFailed));
          setOrgCode(null);
        } else setLoadError(errorMessage(err, TEXT.loadFailed));
      },
    );
    return () => {
      alive = false;
    };
  }, [orgCode, attempt]);

  const onSubmitted = (result: ApplyResult) => {
    if (result.card) Taro.redirectTo({ url: ROUTES.card });
    else Taro.redirectTo({ url: withQuery(ROUTES.joinStatus, { id: result.application.id }) });
  };

  const changeOrg = () => {
    setSearchError(null);
    setOrgCode(null);
  };

  let body;
  if (!orgCode) {
    body = <OrgSearch onFound={setOrgCode} error={searchError} />;
  } else if (loadError) {
    body = (
      <View className='nx-card' data-testid='join-org-error'>
        <Text className='nx-text'>{loadError}</Text>
        <View className='join-page__row'>
          <Button type='primary' onClick={() => setAttempt((n) => n + 1)}>
            {TEXT.retry}
          </Button>
          <Button fill='outline' onClick={changeOrg}>
            {TEXT.change}
          </Button>
        </View>
      </View>
    );
  } else if (!org || (loggedIn && (profile === undefined || card === undefined))) {
    body = (
      <View className='nx-card' data-testid='join-org-loading'>
        <Text className='nx-text'>{TEXT.loading}</Text>
      </View>
    );
  } else {
    body = (
      <>
        <OrgCard
          org={org}
          testId='join-org'
          action={
            <Text className='join-page__change' onClick={changeOrg} data-testid='join-org-change'>
              {TEXT.change}
            </Text>
          }
        />
        {loggedIn && card ? (
          <MemberAlready card={card} org={org} />
        ) : loggedIn ? (
          <JoinForm key={org.code} org={org} profile={profile ?? null} onSubmitted={onSubmitted} />
        ) : (
          <LoginPrompt title={TEXT.loginTitle} body={TEXT.loginBody} button={TEXT.login} testId='join-login' />
        )}
      </>
    );
  }

  return <View className='nx-page join-page'>{body}</View>;
}

/** Already a member: of this union (its card), or of another one (会员转移 to this one, with the org filled in). */
function MemberAlready({ card, org }: { card: MemberCard; org: Org }) {
  const here = card.org.code === org.code;
  return (
    <View className='nx-card' data-testid='join-already-member'>
      <Text className='nx-title'>{here ? TEXT.memberHere(card.org.name) : TEXT.memberElsewhere(card.org.name)}</Text>
      {!here && <Text className='nx-text'>{TEXT.transferHint(org.name)}</Text>}
      {!here && (
        <Button className='nx-big-button' type='primary' onClick={() => Taro.navigateTo({ url: withQuery(ROUTES.transfer, { org: org.code }) })} data-testid='join-transfer'>
          {TEXT.transfer}
        </Button>
      )}
      <Button className='nx-big-button' type='primary' fill={here ? 'solid' : 'outline'} onClick={() => Taro.navigateTo({ url: ROUTES.card })} data-testid='join-to-card'>
        {TEXT.toCard}
      </Button>
    </View>
  );
}
