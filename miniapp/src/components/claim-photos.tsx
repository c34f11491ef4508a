import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { loadClaimPhoto } from '../services/claims';
import './claim-photos.scss';

const TEXT = {
  loading: '加载中',
  failed: '加载失败',
  alt: '照片，点按查看大图',
};

type LoadPhoto = (id: string) => Promise<string>;

/** One attachment, fetched with the auth header (`load`: another feature's photo route); tap to view it full screen. */
export function ClaimPhotoThumb({ id, src: given, onOpen, load = loadClaimPhoto }: { id?: string; src?: string; onOpen?: (src: string) => void; load?: LoadPhoto }) {
  const [src, setSrc] = useState<string | null>(given ?? null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (given) {
      setSrc(given);
      return;
    }
    if (!id) return;
    let alive = true;
    load(id).then(
      (url) => alive && setSrc(url),
      () => alive && setFailed(true),
    );
    return () => {
      alive = false;
    };
  }, [id, given, load]);

  if (!src) return <Text className='claim-photo__placeholder'>{failed ? TEXT.failed : TEXT.loading}</Text>;
  return <Image className='claim-photo__image' src={src} mode='aspectFill' nativeProps={{ alt: TEXT.alt }} onClick={() => onOpen?.(src)} data-testid='claim-photo-image' />;
}

/** The claim's photos in a grid. */
export function ClaimPhotos({ ids, load }: { ids: string[]; load?: LoadPhoto }) {
  const [loaded, setLoaded] = useState<Record<string, string>>({});
  if (ids.length === 0) return null;
  const open = (id: string, src: string) => {
    setLoaded((l) => ({ ...l, [id]: src }));
    const urls = ids.map((i) => (i === id ? src : loaded[i])).filter((u): u is string => Boolean(u));
    Taro.previewImage({ urls, current: src }).catch(() => undefined);
  };
  return (
    <View className='claim-photos' data-testid='claim-photos'>
      {ids.map((id) => (
        <View key={id} className='claim-photo' data-testid='claim-photo'>
          <ClaimPhotoThumb id={id} load={load} onOpen={(src) => open(id, src)} />
        </View>
      ))}
    </View>
  );
}
