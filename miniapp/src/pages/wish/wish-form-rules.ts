import { findPersonalData, formatYuan, parseYuan, PERSONAL_DATA_MESSAGES, WISH_RULES, type WishCategory } from '@nuanxin/shared';
import type { PostWishRequest } from '../../services/wishes';
import type { PickedStation } from './station-choice';

export const WISH_FORM_ID = 'wish';

/** What the form holds (and a failed submit's draft keeps). */
export interface WishDraftData {
  category: WishCategory | null;
  title: string;
  story: string;
  /** Yuan as typed, e.g. `200` or `199.5`. */
  value: string;
  station: PickedStation | null;
  photoIds: string[];
  anonymous: boolean;
}

export const EMPTY_WISH: WishDraftData = { category: null, title: '', story: '', value: '', station: null, photoIds: [], anonymous: false };

/** The server's lower bounds (characters after trimming; 1 yuan). */
export const TITLE_MIN = 2;
export const STORY_MIN = 10;
const VALUE_MIN_FEN = 100;

/** Fields that show their own error (the API's names). */
export const WISH_FIELDS = ['category', 'title', 'story', 'valueFen', 'stationId', 'photoId', 'anonymous'] as const;
export type WishField = (typeof WISH_FIELDS)[number];

export const WISH_MESSAGES = {
  category: '请选择心愿类别',
  title: '请用一句话写下你的心愿',
  titleShort: `心愿标题至少 ${TITLE_MIN} 个字`,
  story: '请说说为什么需要它',
  storyShort: `心愿故事至少 ${STORY_MIN} 个字，说说为什么需要它`,
  value: '请填写大约多少钱，如 200',
  valueFormat: '金额格式不对，最多两位小数，如 199.5',
  valuePositive: '心愿价值至少 1 元',
  valueCap: (capFen: number) => `心愿价值不能超过 ${formatYuan(capFen)}`,
  station: '请选择领取礼物的驿站',
};

/** The personal-data warning for a text (the first hit), or undefined. */
export function personalDataMessage(text: string): string | undefined {
  const [hit] = findPersonalData(text);
  return hit ? PERSONAL_DATA_MESSAGES[hit] : undefined;
}

/** Problems the form can tell before sending; `live` ones show while typing (the personal-data flag, a bad amount). */
export function wishProblems(d: WishDraftData, capFen: number | null = null): { all: Partial<Record<WishField, string>>; live: Partial<Record<WishField, string>> } {
  const live: Partial<Record<WishField, string>> = {};
  const all: Partial<Record<WishField, string>> = {};
  const titleData = personalDataMessage(d.title);
  const storyData = personalDataMessage(d.story);
  if (titleData) live.title = titleData;
  if (storyData) live.story = storyData;
  const fen = parseYuan(d.value);
  if (d.value.trim()) {
    if (fen === null) live.valueFen = WISH_MESSAGES.valueFormat;
    else if (fen < VALUE_MIN_FEN) live.valueFen = WISH_MESSAGES.valuePositive;
    else if (capFen !== null && fen > capFen) live.valueFen = WISH_MESSAGES.valueCap(capFen);
  }
  if (!d.category) all.category = WISH_MESSAGES.category;
  const titleLength = [...d.title.trim()].length;
  const storyLength = [...d.story.trim()].length;
  if (!titleLength) all.title = WISH_MESSAGES.title;
  else if (titleLength < TITLE_MIN) all.title = WISH_MESSAGES.titleShort;
  if (!storyLength) all.story = WISH_MESSAGES.story;
  else if (storyLength < STORY_MIN) all.story = WISH_MESSAGES.storyShort;
  if (!d.value.trim()) all.valueFen = WISH_MESSAGES.value;
  if (!d.station) all.stationId = WISH_MESSAGES.station;
  return { all: { ...all, ...live }, live };
}

export function toPostRequest(d: WishDraftData): PostWishRequest {
  return {
    category: d.category as WishCategory,
    title: d.title.trim().slice(0, WISH_RULES.titleMax),
    story: d.story.trim().slice(0, WISH_RULES.storyMax),
    valueFen: parseYuan(d.value) ?? 0,
    stationId: (d.station as PickedStation).id,
    ...(d.photoIds[0] ? { photoId: d.photoIds[0] } : {}),
    anonymous: d.anonymous,
  };
}
