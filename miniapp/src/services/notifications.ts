import type { SubscribeMoment } from '@nuanxin/shared';
import { http } from './http';

export type { SubscribeMoment };

/** One inbox message (server/src/notifications/inbox.controller.ts); dates are ISO strings. */
export interface InboxMessage {
  id: string;
  /** What happened: a kind of the shared notice catalogue (`NOTICES`), e.g. `claim.reply`. */
  kind: string;
  title: string;
  body: string;
  /** The page it is about, e.g. `/pages/claims/detail?id=…`; null: nothing to open. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

/** GET /api/inbox: newest first, 20 a page. */
export interface InboxPage {
  unread: number;
  items: InboxMessage[];
  nextCursor: string | null;
}

/** GET /api/notifications/templates: the template ids to ask consent for, per moment (empty when WeChat is unconfigured). */
export interface SubscribeTemplates {
  enabled: boolean;
  moments: Record<SubscribeMoment, string[]>;
}

/** WeChat's answer per template id (the success result's keys, errMsg dropped). */
export type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter';

export async function fetchInbox(cursor?: string): Promise<InboxPage> {
  const page = await http.get<Partial<InboxPage>>('/api/inbox', { query: { cursor } });
  // Servers before paging answer without nextCursor: one page is all there is.
  return { unread: page.unread ?? 0, items: page.items ?? [], nextCursor: page.nextCursor ?? null };
}

/** The cheap count for badges; no retries: the next show asks again. */
export async function fetchUnreadCount(): Promise<number> {
  const { unread } = await http.get<{ unread: number }>('/api/inbox/unread-count', { retries: 0 });
  return unread;
}

export function markMessageRead(id: string): Promise<InboxMessage> {
  return http.post<InboxMessage>(`/api/inbox/${encodeURIComponent(id)}/read`);
}

export function markAllMessagesRead(): Promise<{ unread: number }> {
  return http.post<{ unread: number }>('/api/inbox/read-all');
}

export function fetchSubscribeTemplates(): Promise<SubscribeTemplates> {
  return http.get<SubscribeTemplates>('/api/notifications/templates', { auth: false });
}

export function reportSubscriptions(results: Record<string, SubscribeAnswer>): Promise<{ credits: Record<string, number> }> {
  return http.post<{ credits: Record<string, number> }>('/api/notifications/subscriptions', { results });
}
