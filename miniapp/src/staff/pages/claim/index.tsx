import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { TRANSFER_DEPARTMENTS, type ClaimAction, type TransferDepartment } from '@nuanxin/shared';
import { Button } from '../../../components/ui';
import { ChoiceChips } from '../../../components/choice-chips';
import { ClaimActionErrorBox } from '../../../components/claim-action-error';
import { ClaimFacts } from '../../../components/claim-facts';
import { ClaimPhotos } from '../../../components/claim-photos';
import { ClaimSummary } from '../../../components/claim-summary';
import { ClaimTextPanel } from '../../../components/claim-text-panel';
import { ClaimTimeline } from '../../../components/claim-timeline';
import { useClaimDetail } from '../../../components/claim-use-detail';
import { currentUser } from '../../../services/auth';
import { acceptClaim, addClaimNote, assignClaim, escalateClaim, referClaim, replyToClaim, resolveClaim, transferClaim, type Claim } from '../../../services/claims';
import { hasAnyRole } from '../../../utils/user-display';
import { useLoggedIn, usePageParams } from '../../../utils/use-session';
import { NoAccess } from '../../components/no-access';
import { CLAIM_STAFF_ROLES } from '../claims/claim-staff-roles';
import { AssignPanel } from './assign-panel';
import { ContactCard } from './contact-card';
import { ResolvePanel } from './resolve-panel';
import '../../staff-layout.scss';

const DEPARTMENT_LABELS = TRANSFER_DEPARTMENTS.map((d) => d.label);

export const STAFF_CLAIM_TEXT = {
  loading: '正在加载…',
  retry: '重试',
  photos: '证据照片',
  timeline: '办理记录（含内部备注）',
  accept: '受理',
  reply: '答复',
  replyHint: '答复职工可见，会发到职工的消息。',
  replyPlaceholder: '如：已联系站点负责人，约定本周五前答复',
  note: '内部备注',
  noteHint: '只有工会干部能看到，职工看不到。',
  escalate: '上报上级',
  escalateHint: '上报后由上级工会负责，并重新计算 1 个工作日的受理期限。',
  transfer: '转交',
  transferHint: '转交其他部门后视为已办结，职工可以评价。',
  department: '转交部门',
  pickDepartment: '请选择转交部门',
  resolve: '办结',
  recordOutcome: '记录仲裁结果',
  refer: '转联动调处中心',
  referTitle: '疑难案件，转联动调处中心',
  referHint: '标记为疑难，转联动调处中心调解（一般 20 个工作日内），职工会收到通知。请写明转交原因。',
  referPlaceholder: '如：双方分歧较大，需人社、司法部门联合调处',
  assign: '指定承办人',
  send: '提交',
  placeholderNote: '说明情况',
};

type Panel = 'reply' | 'note' | 'assign' | 'escalate' | 'refer' | 'transfer' | 'resolve' | null;

/** 诉求详情 for officers: the full timeline with internal notes, and the actions `actions` allows. */
export default function StaffClaimPage() {
  const { id } = usePageParams();
  const loggedIn = useLoggedIn();
  const allowed = hasAnyRole(currentUser(), CLAIM_STAFF_ROLES);
  const { claim, loadError, actionError, busy, run, refresh } = useClaimDetail(allowed ? id : undefined);
  const [panel, setPanel] = useState<Panel>(null);
  const [department, setDepartment] = useState<TransferDepartment | null>(null);

  if (!allowed) return <NoAccess loggedIn={loggedIn} />;
  if (!claim) {
    return (
      <View className='nx-page staff-layout' data-testid='staff-claim-loading'>
        {loadError ? (
          <View className='nx-card' data-testid='staff-claim-load-error'>
            <Text className='nx-text'>{loadError}</Text>
            {id && (
              <Button fill='outline' onClick={refresh}>
                {STAFF_CLAIM_TEXT.retry}
              </Button>
            )}
          </View>
        ) : (
          <Text className='nx-text'>{STAFF_CLAIM_TEXT.loading}</Text>
        )}
      </View>
    );
  }

  const can = (a: ClaimAction) => claim.actions.includes(a);
  const tier3 = claim.status === 'arbitration';
  const close = () => setPanel(null);
  const toggle = (p: Panel) => setPanel((open) => (open === p ? null : p));
  /** Runs an action and closes its panel when the server took it. */
  const act = async (action: string, body: unknown, send: (key: string) => Promise<Claim>) => {
    const ok = await run(action, body, send);
    if (ok) close();
    return ok;
  };

  const buttons: Array<{ action: ClaimAction; label: string; onClick: () => void; primary?: boolean }> = [
    { action: 'accept', label: STAFF_CLAIM_TEXT.accept, onClick: () => act('accept', {}, (key) => acceptClaim(claim.id, key)), primary: true },
    { action: 'resolve', label: tier3 ? STAFF_CLAIM_TEXT.recordOutcome : STAFF_CLAIM_TEXT.resolve, onClick: () => toggle('resolve'), primary: true },
    { action: 'reply', label: STAFF_CLAIM_TEXT.reply, onClick: () => toggle('reply'), primary: true },
    { action: 'note', label: STAFF_CLAIM_TEXT.note, onClick: () => toggle('note') },
    { action: 'assign', label: STAFF_CLAIM_TEXT.assign, onClick: () => toggle('assign') },
    { action: 'escalate', label: STAFF_CLAIM_TEXT.escalate, onClick: () => toggle('escalate') },
    { action: 'refer', label: STAFF_CLAIM_TEXT.refer, onClick: () => toggle('refer') },
    { action: 'transfer', label: STAFF_CLAIM_TEXT.transfer, onClick: () => toggle('transfer') },
  ];

  return (
    <View className='nx-page staff-layout staff-claim' data-testid='staff-claim'>
      <ClaimSummary claim={claim} testId='claim-summary' explainEstimate />
      {claim.contact && <ContactCard claimId={claim.id} contact={claim.contact} onRevealed={refresh} />}
      <ClaimFacts claim={claim} viewer='staff' />
      {claim.attachmentIds.length > 0 && (
        <View className='nx-card'>
          <Text className='claim-facts__section'>{STAFF_CLAIM_TEXT.photos}</Text>
          <ClaimPhotos ids={claim.attachmentIds} />
        </View>
      )}
      <Text className='claim-facts__section'>{STAFF_CLAIM_TEXT.timeline}</Text>
      <ClaimTimeline events={claim.timeline} viewer='staff' />

      <ClaimActionErrorBox error={actionError} onRefresh={refresh} />

      {panel === 'reply' && can('reply') && (
        <ClaimTextPanel
          title={STAFF_CLAIM_TEXT.reply}
          hint={STAFF_CLAIM_TEXT.replyHint}
          placeholder={STAFF_CLAIM_TEXT.replyPlaceholder}
          submitLabel={STAFF_CLAIM_TEXT.send}
          max={1000}
          busy={busy === 'reply'}
          onSubmit={(text) => act('reply', { text }, (key) => replyToClaim(claim.id, text, key))}
          onCancel={close}
          testId='staff-reply-panel'
        />
      )}
      {panel === 'note' && can('note') && (
        <ClaimTextPanel
          title={STAFF_CLAIM_TEXT.note}
          hint={STAFF_CLAIM_TEXT.noteHint}
          placeholder={STAFF_CLAIM_TEXT.placeholderNote}
          submitLabel={STAFF_CLAIM_TEXT.send}
          max={1000}
          busy={busy === 'note'}
          onSubmit={(text) => act('note', { text }, (key) => addClaimNote(claim.id, text, key))}
          onCancel={close}
          testId='staff-note-panel'
        />
      )}
      {panel === 'assign' && can('assign') && (
        <AssignPanel
          claimId={claim.id}
          currentAssigneeId={claim.assigneeId}
          busy={busy === 'assign'}
          onSubmit={(assigneeId) => act('assign', { assigneeId }, (key) => assignClaim(claim.id, assigneeId, key))}
          onCancel={close}
        />
      )}
      {panel === 'escalate' && can('escalate') && (
        <ClaimTextPanel
          title={STAFF_CLAIM_TEXT.escalate}
          hint={STAFF_CLAIM_TEXT.escalateHint}
          placeholder={STAFF_CLAIM_TEXT.placeholderNote}
          submitLabel={STAFF_CLAIM_TEXT.send}
          min={2}
          max={500}
          busy={busy === 'escalate'}
          onSubmit={(note) => act('escalate', { note }, (key) => escalateClaim(claim.id, note, key))}
          onCancel={close}
          testId='staff-escalate-panel'
        />
      )}
      {panel === 'refer' && can('refer') && (
        <ClaimTextPanel
          title={STAFF_CLAIM_TEXT.referTitle}
          hint={STAFF_CLAIM_TEXT.referHint}
          placeholder={STAFF_CLAIM_TEXT.referPlaceholder}
          submitLabel={STAFF_CLAIM_TEXT.send}
          min={2}
          max={500}
          busy={busy === 'refer'}
          onSubmit={(note) => act('refer', { note }, (key) => referClaim(claim.id, note, key))}
          onCancel={close}
          testId='staff-refer-panel'
        />
      )}
      {panel === 'transfer' && can('transfer') && (
        <ClaimTextPanel
          title={STAFF_CLAIM_TEXT.transfer}
          hint={STAFF_CLAIM_TEXT.transferHint}
          placeholder={STAFF_CLAIM_TEXT.placeholderNote}
          submitLabel={STAFF_CLAIM_TEXT.send}
          min={2}
          max={500}
          busy={busy === 'transfer'}
          blocker={department ? null : STAFF_CLAIM_TEXT.pickDepartment}
          onSubmit={(note) => {
            const body = { department: department as TransferDepartment, note };
            return act('transfer', body, (key) => transferClaim(claim.id, body, key));
          }}
          onCancel={close}
          testId='staff-transfer-panel'
        >
          <Text className='claim-panel__label'>{STAFF_CLAIM_TEXT.department}</Text>
          <ChoiceChips
            options={DEPARTMENT_LABELS}
            value={TRANSFER_DEPARTMENTS.find((d) => d.code === department)?.label ?? null}
            onChange={(label) => setDepartment(TRANSFER_DEPARTMENTS.find((d) => d.label === label)?.code ?? null)}
            testId='staff-transfer-departments'
          />
        </ClaimTextPanel>
      )}
      {panel === 'resolve' && can('resolve') && (
        <ResolvePanel tier3={tier3} busy={busy === 'resolve'} onSubmit={(body) => act('resolve', body, (key) => resolveClaim(claim.id, body, key))} onCancel={close} />
      )}

      <View className='claim-actions'>
        {buttons
          .filter((b) => can(b.action))
          .map((b) => (
            <Button
              key={b.action}
              type='primary'
              fill={b.primary ? 'solid' : 'outline'}
              loading={busy === b.action}
              disabled={Boolean(busy)}
              onClick={b.onClick}
              data-testid={`staff-action-${b.action}`}
            >
              {b.label}
            </Button>
          ))}
      </View>
    </View>
  );
}
