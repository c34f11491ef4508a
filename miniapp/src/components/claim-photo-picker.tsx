import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { CLAIM_RULES } from '@nuanxin/shared';
import { uploadClaimPhoto, type UploadedPhoto } from '../services/claims';
import { errorMessage } from '../utils/error-message';
import { ClaimPhotoThumb } from './claim-photos';
import './claim-photos.scss';

export const PHOTO_TEXT = {
  add: '添加照片',
  uploading: (p: number) => (p > 0 && p < 100 ? `上传中 ${p}%` : '上传中…'),
  failed: '上传失败，点此重试',
  tooBig: '超过 5 MB',
  uploadFailed: '照片上传失败，请检查网络后重试',
  remove: '删除照片',
};

export interface PhotoItem {
  key: string;
  /** Local path (weapp temp file, H5 blob URL); null for a photo restored from a draft. */
  path: string | null;
  id: string | null;
  state: 'uploading' | 'done' | 'failed';
  progress: number;
  /** False when retrying cannot help (too big): only 删除. */
  retryable: boolean;
}

let nextKey = 0;

export interface PhotoUploadOptions {
  /** Where the photos go (default: claim evidence). */
  upload?: (path: string, onProgress: (percent: number) => void) => Promise<UploadedPhoto>;
  /** How many photos (default: a claim's 9). */
  max?: number;
}

/** Chosen photos and their uploads; each photo uploads on its own and can be retried or removed. */
export function usePhotoUploads(initialIds: string[], options: PhotoUploadOptions = {}) {
  const max = options.max ?? CLAIM_RULES.photosMax;
  const send = options.upload ?? uploadClaimPhoto;
  const [items, setItems] = useState<PhotoItem[]>(() =>
    initialIds.map((id) => ({ key: `saved-${id}`, path: null, id, state: 'done', progress: 100, retryable: false })),
  );
  const [error, setError] = useState<string | null>(null);
  const count = useRef(items.length);
  count.current = items.length;

  const patch = (key: string, p: Partial<PhotoItem>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...p } : i)));

  const upload = (key: string, path: string) => {
    patch(key, { state: 'uploading', progress: 0 });
    send(path, (progress) => patch(key, { progress })).then(
      (photo) => patch(key, { state: 'done', id: photo.id, progress: 100 }),
      (err: unknown) => {
        patch(key, { state: 'failed', retryable: true });
        setError(errorMessage(err, PHOTO_TEXT.uploadFailed));
      },
    );
  };

  const add = async () => {
    const room = max - count.current;
    if (room <= 0) return;
    let chosen: Array<{ path: string; size: number }>;
    try {
      const res = await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      chosen = res.tempFiles?.length ? res.tempFiles.map((f) => ({ path: f.path, size: f.size })) : res.tempFilePaths.map((path) => ({ path, size: 0 }));
    } catch {
      return; // cancelled
    }
    setError(null);
    const fresh: PhotoItem[] = chosen.slice(0, room).map(({ path, size }) => {
      const tooBig = size > CLAIM_RULES.photoBytesMax;
      return { key: `photo-${++nextKey}`, path, id: null, state: tooBig ? 'failed' : 'uploading', progress: 0, retryable: !tooBig };
    });
    setItems((list) => [...list, ...fresh]);
    fresh.forEach((item) => {
      if (item.retryable && item.path) upload(item.key, item.path);
    });
  };

  const retry = (key: string) => {
    const item = items.find((i) => i.key === key);
    if (item?.path && item.retryable) upload(key, item.path);
  };

  const remove = (key: string) => setItems((list) => list.filter((i) => i.key !== key));

  return {
    items,
    max,
    error,
    add,
    retry,
    remove,
    /** Ids of the uploaded photos, in the order chosen. */
    ids: items.filter((i) => i.state === 'done' && i.id).map((i) => i.id as string),
    uploading: items.some((i) => i.state === 'uploading'),
    failed: items.some((i) => i.state === 'failed'),
  };
}

export type PhotoUploads = ReturnType<typeof usePhotoUploads>;

/** Up to `photos.max` photo tiles with their upload state, and a big 添加照片 tile; `load` fetches a restored photo. */
export function ClaimPhotoPicker({ photos, testId, load }: { photos: PhotoUploads; testId: string; load?: (id: string) => Promise<string> }) {
  return (
    <View className='claim-photos' data-testid={testId}>
      {photos.items.map((item) => (
        <View key={item.key} className='claim-photo' data-testid={`${testId}-item`} data-state={item.state}>
          <ClaimPhotoThumb id={item.path ? undefined : (item.id ?? undefined)} src={item.path ?? undefined} load={load} />
          {item.state === 'uploading' && <Text className='claim-photo__state'>{PHOTO_TEXT.uploading(item.progress)}</Text>}
          {item.state === 'failed' && (
            <Text
              className='claim-photo__state claim-photo__state--failed'
              onClick={() => photos.retry(item.key)}
              data-testid={`${testId}-retry`}
            >
              {item.retryable ? PHOTO_TEXT.failed : PHOTO_TEXT.tooBig}
            </Text>
          )}
          <Text className='claim-photo__remove' aria-label={PHOTO_TEXT.remove} onClick={() => photos.remove(item.key)} data-testid={`${testId}-remove`}>
            ×
          </Text>
        </View>
      ))}
      {photos.items.length < photos.max && (
        <View className='claim-photo claim-photo--add' hoverClass='claim-photo--pressed' onClick={photos.add} data-testid={`${testId}-add`}>
          <Text className='claim-photo__plus'>+</Text>
          <Text>{PHOTO_TEXT.add}</Text>
        </View>
      )}
    </View>
  );
}
