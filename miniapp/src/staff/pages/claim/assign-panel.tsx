import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '../../../components/ui';
import { ClaimPanelActions } from '../../../components/claim-panel-actions';
import { fetchClaimAssignees, type ClaimAssignee } from '../../../services/claims';
import { errorMessage } from '../../../utils/error-message';
import './assign-panel.scss';

export const ASSIGN_TEXT = {
  title: '指定承办人',
  hint: '从负责该诉求的工会干部中选一位，在办件数少的优先；对方会收到消息。',
  loading: '正在加载本组织干部…',
  failed: '干部名单加载失败，请检查网络后重试',
  retry: '重试',
  none: '本组织暂无其他可以承办的干部',
  open: (n: number) => (n > 0 ? `在办 ${n} 件` : '暂无在办'),
  current: '当前承办人',
  pick: '请先选择承办人',
  submit: '确认指定',
  cancel: '取消',
};

export interface AssignPanelProps {
  claimId: string;
  currentAssigneeId: string | null;
  busy: boolean;
  onSubmit: (assigneeId: string) => Promise<boolean>;
  onCancel: () => void;
}

/** The officers who may take the claim (name and open claims), one picked, then confirmed. */
export function AssignPanel({ claimId, currentAssigneeId, busy, onSubmit, onCancel }: AssignPanelProps) {
  const [people, setPeople] = useState<ClaimAssignee[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setPeople(await fetchClaimAssignees(claimId));
    } catch (err) {
      setLoadError(errorMessage(err, ASSIGN_TEXT.failed));
    }
  }, [claimId]);

  useEffect(() => {
    load();
  }, [load]);

  const submit = () => {
    if (!picked) return setError(ASSIGN_TEXT.pick);
    setError(null);
    onSubmit(picked);
  };

  const choosable = (people ?? []).filter((p) => p.id !== currentAssigneeId);

  return (
    <View className='nx-card claim-panel' data-testid='staff-assign-panel'>
      <Text className='claim-panel__title'>{ASSIGN_TEXT.title}</Text>
      <Text className='claim-panel__hint'>{ASSIGN_TEXT.hint}</Text>
      {loadError && (
        <View data-testid='staff-assign-load-error'>
          <Text className='claim-panel__error'>{loadError}</Text>
          <Button fill='outline' onClick={load} data-testid='staff-assign-retry'>
            {ASSIGN_TEXT.retry}
          </Button>
        </View>
      )}
      {!people && !loadError && <Text className='claim-panel__hint'>{ASSIGN_TEXT.loading}</Text>}
      {people && choosable.length === 0 && (
        <Text className='claim-panel__hint' data-testid='staff-assign-none'>
          {ASSIGN_TEXT.none}
        </Text>
      )}
      {people && people.length > 0 && (
        <View className='claim-assignees' role='radiogroup'>
          {people.map((p) => {
            const current = p.id === currentAssigneeId;
            const selected = p.id === picked;
            return (
              <View
                key={p.id}
                role='radio'
                aria-checked={selected}
                aria-disabled={current}
                className={`claim-assignees__row${selected ? ' claim-assignees__row--selected' : ''}${current ? ' claim-assignees__row--current' : ''}`}
                hoverClass={current ? 'none' : 'claim-assignees__row--pressed'}
                onClick={() => {
                  if (current) return;
                  setPicked(p.id);
                  setError(null);
                }}
                data-testid='staff-assignee'
                data-id={p.id}
              >
                <Text className='claim-assignees__name'>{p.displayName}</Text>
                <Text className='claim-assignees__load' data-testid='staff-assignee-load'>
                  {current ? ASSIGN_TEXT.current : ASSIGN_TEXT.open(p.openClaims)}
                </Text>
              </View>
            );
          })}
        </View>
      )}
      <ClaimPanelActions
        error={error}
        errorTestId='staff-assign-error'
        busy={busy}
        cancelLabel={ASSIGN_TEXT.cancel}
        onCancel={onCancel}
        cancelTestId='staff-assign-cancel'
        submitLabel={ASSIGN_TEXT.submit}
        onSubmit={submit}
        submitTestId='staff-assign-submit'
        submitDisabled={choosable.length === 0}
      />
    </View>
  );
}
