import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { fetchSubscribeTemplates, reportSubscriptions, type SubscribeAnswer, type SubscribeTemplates } from '../services/notifications';
import type { AskSubscribeConsent, UseSubscribeTemplates } from './subscribe-consent.types';

/** WeChat takes up to 3 template ids per request. */
const MAX_PER_REQUEST = 3;
const ANSWERS: ReadonlySet<string> = new Set<SubscribeAnswer>(['accept', 'reject', 'ban', 'filter']);

// The last answer from the server, kept for the whole app: the tap handler must not wait for it.
let templates: SubscribeTemplates | null = null;
let loading = false;

function loadTemplates(): void {
  if (loading) return;
  loading = true;
  fetchSubscribeTemplates()
    .then((t) => {
      templates = t;
    })
    .catch(() => undefined)
    .finally(() => {
      loading = false;
    });
}

/** Refreshes the template ids each time a page that asks for consent opens; a failure keeps the last ones. */
export const useSubscribeTemplates: UseSubscribeTemplates = () => {
  useEffect(loadTemplates, []);
};

/** The per-template answers WeChat's success result carries (errMsg and anything unknown dropped). */
function answersOf(result: Record<string, unknown>, ids: string[]): Record<string, SubscribeAnswer> {
  const answers: Record<string, SubscribeAnswer> = {};
  for (const id of ids) {
    const answer = result[id];
    if (typeof answer === 'string' && ANSWERS.has(answer)) answers[id] = answer as SubscribeAnswer;
  }
  return answers;
}

export const askSubscribeConsent: AskSubscribeConsent = (moment) => {
  // A moment the server does not list (an older server without wishes) asks nothing.
  const listed = (templates?.moments as Partial<Record<string, string[]>> | undefined)?.[moment];
  const ids = templates?.enabled && Array.isArray(listed) ? listed.slice(0, MAX_PER_REQUEST) : [];
  if (ids.length === 0) return Promise.resolve();
  let asked: Promise<unknown>;
  try {
    // Taro calls wx.requestSubscribeMessage synchronously here, still inside the tap.
    asked = Promise.resolve(Taro.requestSubscribeMessage({ tmplIds: ids } as Taro.requestSubscribeMessage.Option));
  } catch {
    return Promise.resolve();
  }
  return asked.then(
    (result) => {
      const answers = answersOf((result ?? {}) as Record<string, unknown>, ids);
      // Reported in the background: a lost report only costs a notice, never the user's action.
      if (Object.keys(answers).length > 0) reportSubscriptions(answers).catch(() => undefined);
    },
    () => undefined,
  );
};
