import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { ClaimPanelActions } from '../../components/claim-panel-actions';
import { ClaimPhotoPicker, usePhotoUploads } from '../../components/claim-photo-picker';
import { ClaimTextarea } from '../../components/claim-textarea';
import { loadWishPhoto, uploadWishPhoto } from '../../services/wishes';
import '../../components/claim-panel.scss';

export const DELIVER_TEXT = {
  title: '标记已送达',
  hintStation: (station: string) => `把礼物交给「${station}」后，拍一张礼物在驿站的照片。驿站签收后，心愿人凭会员码领取。`,
  hintDirect: '当面交给心愿人后，拍一张交接的照片（不要拍到对方的脸）。',
  note: '留言（可选，最多 100 字）',
  notePlaceholder: '如：放在驿站前台，已和站长说过',
  needPhoto: '请先拍一张送达的照片',
  uploading: '照片还在上传，请稍候',
  cancel: '取消',
  submit: '确认送达',
};

const NOTE_MAX = 100;

/** 已送达: one photo (required) and a short note. */
export function DeliverPanel({ station, direct, busy, onSubmit, onCancel }: { station: string; direct: boolean; busy: boolean; onSubmit: (body: { photoId: string; note?: string }) => void; onCancel: () => void }) {
  const photos = usePhotoUploads([], { upload: uploadWishPhoto, max: 1 });
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = () => {
    if (photos.uploading) return setError(DELIVER_TEXT.uploading);
    const photoId = photos.ids[0];
    if (!photoId) return setError(DELIVER_TEXT.needPhoto);
    setError(null);
    onSubmit(note.trim() ? { photoId, note: note.trim() } : { photoId });
  };

  return (
    <View className='nx-card claim-panel' data-testid='wish-deliver-panel'>
      <Text className='claim-panel__title'>{DELIVER_TEXT.title}</Text>
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
