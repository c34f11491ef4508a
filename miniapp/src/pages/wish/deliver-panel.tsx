import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { WishHandover } from '@nuanxin/shared';
import { ChoiceChips } from '../../components/choice-chips';
import { ClaimPanelActions } from '../../components/claim-panel-actions';
import { ClaimPhotoPicker, usePhotoUploads } from '../../components/claim-photo-picker';
import { ClaimTextarea } from '../../components/claim-textarea';
import { loadWishPhoto, uploadWishPhoto, type DeliverWishRequest } from '../../services/wishes';
import '../../components/claim-panel.scss';

export const DELIVER_TEXT = {
  title: '标记已送达',
  handover: '怎么交的',
  handoverOptions: [
    { code: 'station', label: '送到了领取驿站' },
    { code: 'direct', label: '当面交给了心愿人' },
  ] as ReadonlyArray<{ code: WishHandover; label: string }>,
  hintStation: (station: string) => `把礼物交给「${station}」后，拍一张礼物在驿站的照片。驿站签收后，心愿人凭会员码领取。`,
  hintDirect: '当面交给心愿人后，拍一张交接的照片（不要拍到对方的脸）。',
  note: '留言（可选，最多 200 字）',
  notePlaceholder: '如：放在驿站前台，已和站长说过',
  needPhoto: '请先拍一张送达的照片',
  uploading: '照片还在上传，请稍候',
  cancel: '取消',
  submit: '确认送达',
};

const NOTE_MAX = 200;

/** 已送达: one photo (required) and a short note. */
export function DeliverPanel({ station, initial, busy, onSubmit, onCancel }: { station: string; initial: WishHandover; busy: boolean; onSubmit: (body: DeliverWishRequest) => void; onCancel: () => void }) {
  const [handover, setHandover] = useState<WishHandover>(initial);
  const direct = handover === 'direct';
  const photos = usePhotoUploads([], { upload: uploadWishPhoto, max: 1 });
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = () => {
    if (photos.uploading) return setError(DELIVER_TEXT.uploading);
    const photoId = photos.ids[0];
    if (!photoId) return setError(DELIVER_TEXT.needPhoto);
    setError(null);
    onSubmit(note.trim() ? { handover, photoId, note: note.trim() } : { handover, photoId });
  };

  return (
    <View className='nx-card claim-panel' data-testid='wish-deliver-panel'>
      <Text className='claim-panel__title'>{DELIVER_TEXT.title}</Text>
      <Text className='claim-panel__label'>{DELIVER_TEXT.handover}</Text>
      <ChoiceChips
        options={DELIVER_TEXT.handoverOptions.map((h) => h.label)}
        value={DELIVER_TEXT.handoverOptions.find((h) => h.code === handover)?.label ?? null}
        onChange={(label) => setHandover(DELIVER_TEXT.handoverOptions.find((h) => h.label === label)?.code ?? handover)}
        testId='wish-deliver-handover'
      />
      <Text className='claim-panel__hint'>{direct ? DELIVER_TEXT.hintDirect : DELIVER_TEXT.hintStation(station)}</Text>
      <ClaimPhotoPicker photos={photos} load={loadWishPhoto} testId='wish-deliver-photos' />
      {photos.error && <Text className='claim-panel__error'>{photos.error}</Text>}
      <Text className='claim-panel__label'>{DELIVER_TEXT.note}</Text>
      <View className='claim-panel__text' data-testid='wish-deliver-note'>
        <ClaimTextarea name='deliverNote' value={note} maxLength={NOTE_MAX} rows={2} placeholder={DELIVER_TEXT.notePlaceholder} onChange={setNote} />
      </View>
      <ClaimPanelActions
        error={error}
        errorTestId='wish-deliver-error'
        busy={busy}
        cancelLabel={DELIVER_TEXT.cancel}
        onCancel={onCancel}
        cancelTestId='wish-deliver-cancel'
        submitLabel={DELIVER_TEXT.submit}
        onSubmit={submit}
        submitTestId='wish-deliver-submit'
      />
    </View>
  );
}
