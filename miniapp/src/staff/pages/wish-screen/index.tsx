import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { findPersonalData, PERSONAL_DATA_MESSAGES, WISH_FORBIDDEN_NOTE, WISH_RULES, type PersonalDataHit } from '@nuanxin/shared';
import { Button, Input } from '../../../components/ui';
import { ClaimActionErrorBox } from '../../../components/claim-action-error';
import { ClaimTextPanel } from '../../../components/claim-text-panel';
import { ClaimTextarea } from '../../../components/claim-textarea';
import { FormField } from '../../../components/form-field';
import { WishFacts } from '../../../components/wish-facts';
import { WishTimeline } from '../../../components/wish-timeline';
import { useWishDetail } from '../../../components/wish-use-detail';
import { currentUser } from '../../../services/auth';
import { approveWish, rejectWish } from '../../../services/wishes';
import { hasAnyRole } from '../../../utils/user-display';
import { useLoggedIn, usePageParams } from '../../../utils/use-session';
import { NoAccess } from '../../components/no-access';
import { TOOL_ROLES } from '../../staff-roles';
import '../../staff-layout.scss';
import './index.scss';

export const SCREEN_TEXT = {
  loading: '正在加载…',
  retry: '重试',
  flagsTitle: '提交时发现可能的个人信息',
  checklist: `请核实：心愿真实、价值合理；${WISH_FORBIDDEN_NOTE}；标题和故事里没有姓名、电话、身份证号、住址。`,
  editTitle: `标题（可修改，最多 ${WISH_RULES.titleMax} 字）`,
  editStory: `故事（可修改，最多 ${WISH_RULES.storyMax} 字）`,
  editHint: '删去个人信息后再通过，心愿人会看到修改后的内容。',
  needText: '标题和故事都不能为空',
  approve: '通过并发布',
  reject: '不通过',
  rejectTitle: '不通过的原因',
  rejectHint: '心愿人会看到原因，请写清楚可以怎样修改。',
  rejectPlaceholder: '如：现金类心愿不能发布，可以改为具体物品',
  rejectSubmit: '确认不通过',
  notScreening: '这个心愿已经审核过了',
};

const flagText = (hits: readonly PersonalDataHit[]) => hits.map((h) => PERSONAL_DATA_MESSAGES[h]);

/** 心愿审核: the wish, personal-data flags, title and story editable before 通过, or 不通过 with a reason. */
export default function WishScreenPage() {
  const { id } = usePageParams();
  const loggedIn = useLoggedIn();
  const allowed = hasAnyRole(currentUser(), TOOL_ROLES.wishScreening);
  const { wish, loadError, actionError, busy, run, refresh } = useWishDetail(id, allowed);
  const [title, setTitle] = useState('');
  const [story, setStory] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // The editable copy starts from the text as submitted (once, when it first arrives).
  const [seeded, setSeeded] = useState(false);
  useEffect(() => {
    if (!wish || seeded) return;
    setTitle(wish.title);
    setStory(wish.story);
    setSeeded(true);
  }, [wish, seeded]);

  if (!allowed) return <NoAccess loggedIn={loggedIn} />;

  if (!wish) {
    return (
      <View className='nx-page staff-layout wish-screen' data-testid='wish-screen-loading'>
        {loadError ? (
          <View className='nx-card' data-testid='wish-screen-load-error'>
            <Text className='nx-text'>{loadError}</Text>
            <Button fill='outline' onClick={refresh}>
              {SCREEN_TEXT.retry}
            </Button>
          </View>
        ) : (
          <Text className='nx-text'>{SCREEN_TEXT.loading}</Text>
        )}
      </View>
    );
  }

  const canApprove = wish.actions.includes('approve');
  const canReject = wish.actions.includes('reject');
  const titleFlags = flagText(findPersonalData(title));
  const storyFlags = flagText(findPersonalData(story));

  const approve = async () => {
    if (!title.trim() || !story.trim()) return setError(SCREEN_TEXT.needText);
    setError(null);
    const edits: { title?: string; story?: string } = {};
    if (title.trim() !== wish.title) edits.title = title.trim();
    if (story.trim() !== wish.story) edits.story = story.trim();
    if (await run('approve', edits, (key) => approveWish(wish.id, edits, key))) Taro.navigateBack().catch(() => undefined);
  };

  return (
    <View className='nx-page staff-layout wish-screen' data-testid='wish-screen'>
      {(wish.personalData ?? []).length > 0 && (
        <View className='nx-card wish-screen__flags' data-testid='wish-screen-flags'>
          <Text className='wish-screen__flags-title'>{SCREEN_TEXT.flagsTitle}</Text>
          {flagText(wish.personalData ?? []).map((m) => (
            <Text key={m} className='wish-screen__flag'>
              {m}
            </Text>
          ))}
        </View>
      )}
      <WishFacts wish={wish} showNext={false} />
      <WishTimeline entries={wish.timeline} />
      {canApprove ? (
        // The fields mount once seeded, holding the submitted text from their first render: Taro's H5 input
        // throws (watchValue on an element not yet loaded) when its value changes right after it mounts.
        seeded && (
          <>
            <Text className='nx-text wish-screen__checklist'>{SCREEN_TEXT.checklist}</Text>
            <FormField label={SCREEN_TEXT.editTitle} error={titleFlags[0] ?? null} hint={SCREEN_TEXT.editHint} testId='wish-screen-title'>
              <Input name='title' value={title} maxLength={WISH_RULES.titleMax} onChange={setTitle} />
            </FormField>
            <FormField label={SCREEN_TEXT.editStory} error={storyFlags[0] ?? null} testId='wish-screen-story'>
              <ClaimTextarea name='story' value={story} maxLength={WISH_RULES.storyMax} label={SCREEN_TEXT.editStory} onChange={setStory} />
            </FormField>
          </>
        )
      ) : (
        <View className='nx-card'>
          <Text className='nx-text'>{SCREEN_TEXT.notScreening}</Text>
        </View>
      )}
      {error && (
        <Text className='wish-screen__error' data-testid='wish-screen-error'>
          {error}
        </Text>
      )}
      <ClaimActionErrorBox error={actionError} onRefresh={refresh} />
      {rejecting && canReject && (
        <ClaimTextPanel
          title={SCREEN_TEXT.rejectTitle}
          hint={SCREEN_TEXT.rejectHint}
          placeholder={SCREEN_TEXT.rejectPlaceholder}
          submitLabel={SCREEN_TEXT.rejectSubmit}
          min={2}
          max={200}
          busy={busy === 'reject'}
          onSubmit={async (reason) => {
            const ok = await run('reject', { reason }, (key) => rejectWish(wish.id, reason, key));
            if (ok) Taro.navigateBack().catch(() => undefined);
            return ok;
          }}
          onCancel={() => setRejecting(false)}
          testId='wish-reject-panel'
        />
      )}
      {(canApprove || canReject) && !rejecting && (
        <View className='claim-actions'>
          {canApprove && (
            <Button type='primary' loading={busy === 'approve'} disabled={Boolean(busy)} onClick={approve} data-testid='wish-screen-approve'>
              {SCREEN_TEXT.approve}
            </Button>
          )}
          {canReject && (
            <Button fill='outline' disabled={Boolean(busy)} onClick={() => setRejecting(true)} data-testid='wish-screen-reject'>
              {SCREEN_TEXT.reject}
            </Button>
          )}
        </View>
      )}
    </View>
  );
}
