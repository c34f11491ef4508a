import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { WISH_DONOR_TYPES, type WishDonorType } from '@nuanxin/shared';
import { Input } from '../../components/ui';
import { ChoiceChips } from '../../components/choice-chips';
import { ClaimPanelActions } from '../../components/claim-panel-actions';
import { ToggleRow } from '../../components/toggle-row';
import type { ClaimWishRequest } from '../../services/wishes';
import '../../components/claim-panel.scss';

export const CLAIM_SHEET_TEXT = {
  title: '认领这个心愿',
  hint: '认领后请在 7 天内把礼物送到领取驿站（或当面交给心愿人），并拍照标记送达。',
  donorType: '你是',
  name: '显示的名字（可选，最多 20 字）',
  namePlaceholder: '如：张先生、某某公司',
  anonymous: '匿名认领',
  anonymousHint: '心愿墙上显示为「爱心人士」',
  cancel: '取消',
  submit: '确认认领',
};

const NAME_MAX = 20;
const TYPE_LABELS = WISH_DONOR_TYPES.map((d) => d.label);

/** The small sheet under 认领: who is giving (个人/企业/工会干部/志愿者), a display name or 匿名. */
export function ClaimSheet({ busy, onSubmit, onCancel }: { busy: boolean; onSubmit: (body: ClaimWishRequest) => void; onCancel: () => void }) {
  const [donorType, setDonorType] = useState<WishDonorType>('person');
  const [name, setName] = useState('');
  const [anonymous, setAnonymous] = useState(false);

  const submit = () => {
    const displayName = name.trim().slice(0, NAME_MAX);
    // No name given: shown as 爱心人士, the same as 匿名.
    const anon = anonymous || !displayName;
    onSubmit(anon ? { donorType, anonymous: true } : { donorType, displayName, anonymous: false });
  };

  return (
    <View className='nx-card claim-panel' data-testid='wish-claim-sheet'>
      <Text className='claim-panel__title'>{CLAIM_SHEET_TEXT.title}</Text>
      <Text className='claim-panel__hint'>{CLAIM_SHEET_TEXT.hint}</Text>
      <Text className='claim-panel__label'>{CLAIM_SHEET_TEXT.donorType}</Text>
      <ChoiceChips
        options={TYPE_LABELS}
        value={WISH_DONOR_TYPES.find((d) => d.code === donorType)?.label ?? null}
        onChange={(label) => setDonorType(WISH_DONOR_TYPES.find((d) => d.label === label)?.code ?? donorType)}
        testId='wish-claim-type'
      />
      <ToggleRow label={CLAIM_SHEET_TEXT.anonymous} hint={CLAIM_SHEET_TEXT.anonymousHint} on={anonymous} onChange={setAnonymous} testId='wish-claim-anonymous' />
      {!anonymous && (
        <>
          <Text className='claim-panel__label'>{CLAIM_SHEET_TEXT.name}</Text>
          <View data-testid='wish-claim-name'>
            <Input className='claim-panel__input' name='displayName' value={name} maxLength={NAME_MAX} placeholder={CLAIM_SHEET_TEXT.namePlaceholder} onChange={setName} />
          </View>
        </>
      )}
      <ClaimPanelActions
        error={null}
        errorTestId='wish-claim-sheet-error'
        busy={busy}
        cancelLabel={CLAIM_SHEET_TEXT.cancel}
        onCancel={onCancel}
        cancelTestId='wish-claim-cancel'
        submitLabel={CLAIM_SHEET_TEXT.submit}
        onSubmit={submit}
        submitTestId='wish-claim-submit'
      />
    </View>
  );
}
