import Taro from '@tarojs/taro';
import { vi } from 'vitest';
import type { WallPage, WallWish, Wish } from '../src/services/wishes';

/** A WishDetail as the server sends it (JSON: dates as ISO strings); `viewer: 'public'` = a signed-in stranger. */
export function makeWish(o: Partial<Wish> = {}): Wish {
  return {
    id: 'w1',
    number: 'XY2026000123',
    category: 'study',
    title: '给孩子买一个新书包',
    story: '孩子上三年级，书包背带断了，想给他换一个结实的。',
    valueFen: 20000,
    district: '思明区',
    station: { id: 's1', code: 'ST-SM-01', name: '中山路工会驿站', district: '思明区' },
    distanceMeters: null,
    wisher: '王师傅',
    status: 'published',
    wall: 'open',
    publishedAt: '2026-11-21T02:00:00.000Z',
    wallUntil: '2026-12-21T02:00:00.000Z',
    donor: null,
    thanks: null,
    photoId: null,
    viewer: 'public',
    statusLabel: '待认领',
    handover: 'station',
    actions: ['claim'],
    timeline: [
      { at: '2026-11-20T02:00:00.000Z', kind: 'posted', by: 'wisher', from: 'screening', to: 'screening', note: null },
      { at: '2026-11-21T02:00:00.000Z', kind: 'approve', by: 'officer', from: 'screening', to: 'published', note: null },
    ],
    postedAt: '2026-11-20T02:00:00.000Z',
    claimedAt: null,
    holdUntil: null,
    deliveredAt: null,
    deliveryPhotoId: null,
    fulfilledAt: null,
    rejectReason: null,
    anonymous: null,
    screeningDueAt: null,
    overdue: null,
    personalData: null,
    org: null,
    ...o,
  };
}

export function wallWish(o: Partial<WallWish> = {}): WallWish {
  return {
    id: 'w1',
    category: 'study',
    title: '给孩子买一个新书包',
    story: '孩子上三年级，书包背带断了，想给他换一个结实的。',
    valueFen: 20000,
    district: '思明区',
    station: { id: 's1', code: 'ST-SM-01', name: '中山路工会驿站', district: '思明区' },
    distanceMeters: null,
    wisher: '王师傅',
    status: 'published',
    wall: 'open',
    publishedAt: '2026-11-21T02:00:00.000Z',
    wallUntil: '2026-12-21T02:00:00.000Z',
    donor: null,
    thanks: null,
    photoId: null,
    ...o,
  };
}

export function wallPage(items: WallWish[], o: Partial<WallPage> = {}): WallPage {
  return { counts: { open: 12, claimed: 3, fulfilled: 7 }, items, nextCursor: null, ...o };
}

/** The phone's photo picker and the upload route: one chosen photo uploads as `id`; the uploads are recorded. */
export function photoPicker(id = 'p1') {
  vi.spyOn(Taro, 'chooseImage').mockResolvedValue({
    tempFilePaths: ['blob:photo'],
    tempFiles: [{ path: 'blob:photo', size: 2048, type: 'image/png' }],
    errMsg: 'chooseImage:ok',
  } as unknown as Taro.chooseImage.SuccessCallbackResult);
  const uploads: Taro.uploadFile.Option[] = [];
  vi.spyOn(Taro, 'uploadFile').mockImplementation(((option: Taro.uploadFile.Option) => {
    uploads.push(option);
    const promise = Promise.resolve({ statusCode: 201, data: JSON.stringify({ id, mime: 'image/png', size: 10 }), errMsg: 'uploadFile:ok' }) as Promise<unknown> & {
      progress: (cb: (p: { progress: number }) => void) => void;
    };
    promise.progress = (cb) => cb({ progress: 50 });
    return promise;
  }) as unknown as typeof Taro.uploadFile);
  vi.spyOn(Taro, 'downloadFile').mockImplementation(((option: Taro.downloadFile.Option) =>
    Promise.resolve({ statusCode: 200, tempFilePath: `blob:${option.url}`, errMsg: 'downloadFile:ok' })) as unknown as typeof Taro.downloadFile);
  return uploads;
}
