import Taro from '@tarojs/taro';
import { ERROR_MESSAGES } from '@nuanxin/shared';
import { vi } from 'vitest';
import type { Claim, ClaimEvent } from '../src/services/claims';
import { errorReply, fakeServer, type Route } from './support/fake-server';
import { worker } from './support/session';

export const officer = { ...worker, id: 'o1', roles: [{ role: 'officer' as const, orgId: 'org-sm', orgCode: 'XM-SM', orgName: '思明区总工会' }] };

export function claimEvent(kind: string, o: Partial<ClaimEvent> = {}): ClaimEvent {
  return {
    id: `e-${kind}-${Math.random().toString(36).slice(2, 8)}`,
    at: '2026-11-23T06:00:00.000Z',
    actorRole: kind === 'submitted' || kind === 'message' || kind === 'rate' ? 'worker' : 'officer',
    kind,
    note: null,
    visibleToWorker: true,
    fromStatus: 'submitted',
    toStatus: 'submitted',
    data: null,
    ...o,
  };
}

/** A ClaimDto as the server sends it (JSON: dates as ISO strings). */
export function makeClaim(o: Partial<Claim> = {}): Claim {
  return {
    id: 'c1',
    number: 'SQ2026000123',
    category: 'wages',
    employerName: '某某配送站',
    employerOrg: null,
    amountFen: 350000,
    description: '十月份工资 3500 元至今未发放。',
    contactPreference: 'message',
    status: 'submitted',
    org: { code: 'XM-SM', name: '思明区总工会' },
    assigneeId: null,
    tier: 0,
    routedBy: 'district',
    firstResponseDueAt: '2026-11-24T15:59:59.000Z',
    firstResponseAt: null,
    mediationDueAt: null,
    deadlineEstimated: false,
    overdue: false,
    department: null,
    outcome: null,
    amountRecoveredFen: null,
    outcomeSummary: null,
    ratingScore: null,
    ratingComment: null,
    reopenCount: 0,
    canReopen: false,
    actions: ['message', 'withdraw'],
    attachmentIds: [],
    submittedAt: '2026-11-23T06:00:00.000Z',
    resolvedAt: null,
    closedAt: null,
    timeline: [claimEvent('submitted', { note: '已提交，由思明区总工会负责办理' })],
    ...o,
  };
}

/** Routes by path suffix (longest first, so `/api/claims/mine` is not taken for `/api/claims`). */
export function claimsApi(routes: Record<string, Route>) {
  const ordered = Object.entries(routes).sort(([a], [b]) => b.length - a.length);
  return fakeServer((req) => {
    const path = req.url.replace(/\?.*$/, '');
    const match = ordered.find(([p]) => path.endsWith(p));
    return match ? match[1](req) : errorReply(404, 'ROUTE_NOT_FOUND', ERROR_MESSAGES.ROUTE_NOT_FOUND);
  });
}

export function navigation() {
  return {
    navigate: vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' }),
    redirect: vi.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' }),
  };
}
