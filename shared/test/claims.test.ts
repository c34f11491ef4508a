import {
  allowedClaimActions,
  canReopen,
  CLAIM_ACTIONS,
  CLAIM_STATUSES,
  formatClaimNumber,
  nextClaimStatus,
  TERMINAL_CLAIM_STATUSES,
  type ClaimActor,
  type ClaimStatus,
} from '../src';

const ACTORS: ClaimActor[] = ['worker', 'officer', 'system'];

describe('claim state machine', () => {
  it('follows the happy path: submitted → accepted → in progress → resolved → closed', () => {
    let s: ClaimStatus = 'submitted';
    s = nextClaimStatus(s, 'accept', 'officer')!;
    s = nextClaimStatus(s, 'reply', 'officer')!;
    s = nextClaimStatus(s, 'resolve', 'officer')!;
    expect(s).toBe('resolved');
    expect(nextClaimStatus(s, 'rate', 'worker')).toBe('closed');
  });

  it('refuses actions by the wrong actor or from the wrong status', () => {
    expect(nextClaimStatus('submitted', 'accept', 'worker')).toBeNull();
    expect(nextClaimStatus('submitted', 'resolve', 'officer')).toBeNull();
    expect(nextClaimStatus('resolved', 'withdraw', 'worker')).toBeNull();
    expect(nextClaimStatus('closed', 'accept', 'officer')).toBeNull();
    expect(nextClaimStatus('withdrawn', 'reopen', 'worker')).toBeNull();
  });

  it('withdrawn is final; closed only leads back through a reopen or an agreement\'s payment not received', () => {
    expect(allowedClaimActions('withdrawn', 'worker')).toEqual([]);
    expect(allowedClaimActions('withdrawn', 'officer')).toEqual([]);
    expect(allowedClaimActions('closed', 'worker')).toEqual(['reopen', 'payment_received', 'payment_missed']);
    expect(allowedClaimActions('closed', 'officer')).toEqual([]);
  });

  it('every status is reachable from submitted, and terminal ones have no officer exits', () => {
    const seen = new Set<ClaimStatus>(['submitted']);
    let frontier: ClaimStatus[] = ['submitted'];
    while (frontier.length) {
      const next: ClaimStatus[] = [];
      for (const s of frontier)
        for (const a of CLAIM_ACTIONS)
          for (const actor of ACTORS) {
            const n = nextClaimStatus(s, a, actor);
            if (n && !seen.has(n)) {
              seen.add(n);
              next.push(n);
            }
          }
      frontier = next;
    }
    expect([...seen].sort()).toEqual([...CLAIM_STATUSES].sort());
    for (const t of TERMINAL_CLAIM_STATUSES) expect(allowedClaimActions(t, 'officer')).toEqual([]);
  });
});

describe('reopen rule', () => {
  const resolvedAt = new Date('2026-11-01T00:00:00Z');
  const base = { status: 'closed' as ClaimStatus, ratingScore: 2, resolvedAt, reopenCount: 0, now: new Date('2026-11-05T00:00:00Z') };
  it('a score ≤ 2 within 7 days reopens once', () => {
    expect(canReopen(base)).toBe(true);
    expect(canReopen({ ...base, ratingScore: 3 })).toBe(false);
    expect(canReopen({ ...base, reopenCount: 1 })).toBe(false);
    expect(canReopen({ ...base, now: new Date('2026-11-08T00:00:01Z') })).toBe(false);
    expect(canReopen({ ...base, ratingScore: null })).toBe(false);
    expect(canReopen({ ...base, status: 'withdrawn' })).toBe(false);
  });
});

it('claim numbers read SQ + year + six digits', () => {
  expect(formatClaimNumber(2026, 123)).toBe('SQ2026000123');
});
