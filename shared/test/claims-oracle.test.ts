import fc from 'fast-check';
import {
  allowedClaimActions,
  CLAIM_ACTIONS,
  CLAIM_STATUSES,
  nextClaimStatus,
  OPEN_CLAIM_STATUSES,
  TERMINAL_CLAIM_STATUSES,
  type ClaimAction,
  type ClaimActor,
  type ClaimStatus,
} from '../src';

/**
 * An oracle written by hand from the issue (我有事办), not read from CLAIM_TRANSITIONS: every allowed
 * (status, action, actor) and where it leads. Anything not listed must be refused.
 */
const ALLOWED: Array<[ClaimStatus, ClaimAction, ClaimActor, ClaimStatus]> = [
  // the union accepts what is waiting for it: new, escalated to it, or reopened by the worker
  ['submitted', 'accept', 'officer', 'accepted'],
  ['escalated', 'accept', 'officer', 'accepted'],
  ['reopened', 'accept', 'officer', 'accepted'],
  // replies happen while the claim is being worked on
  ['accepted', 'reply', 'officer', 'in_progress'],
  ['in_progress', 'reply', 'officer', 'in_progress'],
  // internal notes: on anything the union still holds, also after resolution or transfer
  ['submitted', 'note', 'officer', 'submitted'],
  ['accepted', 'note', 'officer', 'accepted'],
  ['in_progress', 'note', 'officer', 'in_progress'],
  ['escalated', 'note', 'officer', 'escalated'],
  ['reopened', 'note', 'officer', 'reopened'],
  ['resolved', 'note', 'officer', 'resolved'],
  ['transferred', 'note', 'officer', 'transferred'],
  // assignment and escalation (代访代办) while open
  ['submitted', 'assign', 'officer', 'submitted'],
  ['accepted', 'assign', 'officer', 'accepted'],
  ['in_progress', 'assign', 'officer', 'in_progress'],
  ['escalated', 'assign', 'officer', 'escalated'],
  ['reopened', 'assign', 'officer', 'reopened'],
  ['submitted', 'escalate', 'officer', 'escalated'],
  ['accepted', 'escalate', 'officer', 'escalated'],
  ['in_progress', 'escalate', 'officer', 'escalated'],
  ['escalated', 'escalate', 'officer', 'escalated'],
  ['reopened', 'escalate', 'officer', 'escalated'],
  // only an accepted claim can be transferred or resolved
  ['accepted', 'transfer', 'officer', 'transferred'],
  ['in_progress', 'transfer', 'officer', 'transferred'],
  ['accepted', 'resolve', 'officer', 'resolved'],
  ['in_progress', 'resolve', 'officer', 'resolved'],
  // the worker adds information or withdraws while open
  ['submitted', 'message', 'worker', 'submitted'],
  ['accepted', 'message', 'worker', 'accepted'],
  ['in_progress', 'message', 'worker', 'in_progress'],
  ['escalated', 'message', 'worker', 'escalated'],
  ['reopened', 'message', 'worker', 'reopened'],
  ['submitted', 'withdraw', 'worker', 'withdrawn'],
  ['accepted', 'withdraw', 'worker', 'withdrawn'],
  ['in_progress', 'withdraw', 'worker', 'withdrawn'],
  ['escalated', 'withdraw', 'worker', 'withdrawn'],
  ['reopened', 'withdraw', 'worker', 'withdrawn'],
  // rating closes a resolved or transferred claim; so does the 7-day timer; a closed claim may be reopened
  ['resolved', 'rate', 'worker', 'closed'],
  ['transferred', 'rate', 'worker', 'closed'],
  ['resolved', 'auto_close', 'system', 'closed'],
  ['transferred', 'auto_close', 'system', 'closed'],
  ['closed', 'reopen', 'worker', 'reopened'],
  // issue 13 — tier 2: the linkage mediation centre accepts what is referred to it; meanwhile it is open work
  ['referred', 'accept', 'officer', 'accepted'],
  ['referred', 'note', 'officer', 'referred'],
  ['referred', 'assign', 'officer', 'referred'],
  ['referred', 'escalate', 'officer', 'escalated'],
  ['referred', 'message', 'worker', 'referred'],
  ['referred', 'withdraw', 'worker', 'withdrawn'],
  // an officer marks a case 疑难 and refers it, or the clock does when tier-1 mediation runs over
  ['accepted', 'refer', 'officer', 'referred'],
  ['in_progress', 'refer', 'officer', 'referred'],
  ['accepted', 'auto_refer', 'system', 'referred'],
  ['in_progress', 'auto_refer', 'system', 'referred'],
  // first response overdue by one more working day: the clock escalates what waits for acceptance
  ['submitted', 'auto_escalate', 'system', 'escalated'],
  ['escalated', 'auto_escalate', 'system', 'escalated'],
  ['reopened', 'auto_escalate', 'system', 'escalated'],
  ['referred', 'auto_escalate', 'system', 'escalated'],
  // art. 14, day 15: the worker consents to mediation going on while it is being mediated
  ['accepted', 'continue_mediation', 'worker', 'accepted'],
  ['in_progress', 'continue_mediation', 'worker', 'in_progress'],
  ['referred', 'continue_mediation', 'worker', 'referred'],
  // or goes to arbitration (tier 3) from any open claim
  ['submitted', 'apply_arbitration', 'worker', 'arbitration'],
  ['accepted', 'apply_arbitration', 'worker', 'arbitration'],
  ['in_progress', 'apply_arbitration', 'worker', 'arbitration'],
  ['escalated', 'apply_arbitration', 'worker', 'arbitration'],
  ['reopened', 'apply_arbitration', 'worker', 'arbitration'],
  ['referred', 'apply_arbitration', 'worker', 'arbitration'],
  // 已引导仲裁 stays the union's until the officer records the outcome
  ['arbitration', 'note', 'officer', 'arbitration'],
  ['arbitration', 'assign', 'officer', 'arbitration'],
  ['arbitration', 'resolve', 'officer', 'resolved'],
  ['arbitration', 'message', 'worker', 'arbitration'],
  ['arbitration', 'withdraw', 'worker', 'withdrawn'],
  // §3: an agreement's payment is confirmed (已收到) or not (未收到 reopens) after resolution, rated or not
  ['resolved', 'payment_received', 'worker', 'resolved'],
  ['closed', 'payment_received', 'worker', 'closed'],
  ['resolved', 'payment_missed', 'worker', 'reopened'],
  ['closed', 'payment_missed', 'worker', 'reopened'],
];

const ACTORS: ClaimActor[] = ['worker', 'officer', 'system'];
const key = (s: ClaimStatus, a: ClaimAction, r: ClaimActor) => `${s}/${a}/${r}`;
const ORACLE = new Map(ALLOWED.map(([s, a, r, to]) => [key(s, a, r), to]));
const oracle = (s: ClaimStatus, a: ClaimAction, r: ClaimActor): ClaimStatus | null => ORACLE.get(key(s, a, r)) ?? null;

const WORKER_ONLY: ClaimAction[] = ['message', 'withdraw', 'rate', 'reopen', 'continue_mediation', 'apply_arbitration', 'payment_received', 'payment_missed'];
const OFFICER_ONLY: ClaimAction[] = ['accept', 'reply', 'note', 'assign', 'escalate', 'transfer', 'resolve', 'refer'];
const SYSTEM_ONLY: ClaimAction[] = ['auto_close', 'auto_escalate', 'auto_refer'];

describe('claim state machine against a hand-written oracle', () => {
  it('the oracle lists no triple twice and names only real statuses and actions', () => {
    expect(ORACLE.size).toBe(ALLOWED.length);
    for (const [s, a, , to] of ALLOWED) {
      expect(CLAIM_STATUSES).toContain(s);
      expect(CLAIM_STATUSES).toContain(to);
      expect(CLAIM_ACTIONS).toContain(a);
    }
  });

  it('agrees on every (status, action, actor), allowed or refused', () => {
    const disagreements: string[] = [];
    for (const s of CLAIM_STATUSES)
      for (const a of CLAIM_ACTIONS)
        for (const r of ACTORS) {
          const got = nextClaimStatus(s, a, r);
          if (got !== oracle(s, a, r)) disagreements.push(`${key(s, a, r)}: machine ${got}, oracle ${oracle(s, a, r)}`);
        }
    expect(disagreements).toEqual([]);
  });

  it('property: random walks by random actors follow the oracle step by step', () => {
    const step = fc.record({ action: fc.constantFrom(...CLAIM_ACTIONS), actor: fc.constantFrom(...ACTORS) });
    fc.assert(
      fc.property(fc.constantFrom(...CLAIM_STATUSES), fc.array(step, { maxLength: 60 }), (start, steps) => {
        let s = start;
        for (const { action, actor } of steps) {
          const next = nextClaimStatus(s, action, actor);
          if (next !== oracle(s, action, actor)) return false;
          if (next) s = next;
        }
        return true;
      }),
      { numRuns: 1000 },
    );
  });

  describe('invariants', () => {
    const everyTriple = CLAIM_STATUSES.flatMap((s) => CLAIM_ACTIONS.flatMap((a) => ACTORS.map((r) => [s, a, r] as const)));
    const allowed = everyTriple.filter(([s, a, r]) => nextClaimStatus(s, a, r) !== null);

    it('withdrawn is final for everyone; closed only leads back through the worker (reopen, or a payment not received)', () => {
      for (const r of ACTORS) expect(allowedClaimActions('withdrawn', r)).toEqual([]);
      expect(allowed.filter(([s]) => s === 'closed')).toEqual([
        ['closed', 'reopen', 'worker'],
        ['closed', 'payment_received', 'worker'],
        ['closed', 'payment_missed', 'worker'],
      ]);
      expect(nextClaimStatus('closed', 'payment_received', 'worker')).toBe('closed');
      expect(nextClaimStatus('closed', 'reopen', 'worker')).toBe('reopened');
      expect([...TERMINAL_CLAIM_STATUSES].sort()).toEqual(['closed', 'withdrawn']);
    });

    it('each action has one actor: the worker\'s, the officers\' and the clock\'s (auto_*) never mix', () => {
      for (const [, a, r] of allowed) {
        if (WORKER_ONLY.includes(a)) expect([a, r]).toEqual([a, 'worker']);
        else if (OFFICER_ONLY.includes(a)) expect([a, r]).toEqual([a, 'officer']);
        else expect([SYSTEM_ONLY.includes(a), r]).toEqual([true, 'system']);
      }
      expect([...WORKER_ONLY, ...OFFICER_ONLY, ...SYSTEM_ONLY].sort()).toEqual([...CLAIM_ACTIONS].sort());
    });

    it('officers never close or withdraw a claim for the worker; nobody resolves or transfers before acceptance (or tier 3)', () => {
      for (const [s, a, r] of allowed) {
        const to = nextClaimStatus(s, a, r)!;
        if (r === 'officer') expect(['closed', 'withdrawn']).not.toContain(to);
        if (to !== s && to === 'resolved') expect(['accepted', 'in_progress', 'arbitration']).toContain(s);
        if (to !== s && to === 'transferred') expect(['accepted', 'in_progress']).toContain(s);
      }
    });

    it('closing needs a result first: only resolved or transferred claims close', () => {
      for (const [s, a, r] of allowed) if (s !== 'closed' && nextClaimStatus(s, a, r) === 'closed') expect(['resolved', 'transferred']).toContain(s);
    });

    it('open work is exactly where the worker can still add information or withdraw', () => {
      const open = CLAIM_STATUSES.filter((s) => nextClaimStatus(s, 'withdraw', 'worker') !== null);
      expect(open.sort()).toEqual(['accepted', 'arbitration', 'escalated', 'in_progress', 'referred', 'reopened', 'submitted']);
      expect([...OPEN_CLAIM_STATUSES].sort()).toEqual(open);
    });

    it('no dead ends: from every status but withdrawn, closed or withdrawn can be reached', () => {
      const reaches = (from: ClaimStatus): Set<ClaimStatus> => {
        const seen = new Set<ClaimStatus>([from]);
        const todo = [from];
        while (todo.length) {
          const s = todo.pop()!;
          for (const a of CLAIM_ACTIONS)
            for (const r of ACTORS) {
              const n = nextClaimStatus(s, a, r);
              if (n && !seen.has(n)) {
                seen.add(n);
                todo.push(n);
              }
            }
        }
        return seen;
      };
      for (const s of CLAIM_STATUSES) {
        if (s === 'withdrawn') continue;
        const r = reaches(s);
        expect([s, r.has('closed') || r.has('withdrawn')]).toEqual([s, true]);
      }
      expect([...reaches('submitted')].sort()).toEqual([...CLAIM_STATUSES].sort());
    });

    it('allowedClaimActions lists exactly the actions the machine accepts', () => {
      for (const s of CLAIM_STATUSES)
        for (const r of ACTORS) expect(allowedClaimActions(s, r)).toEqual(CLAIM_ACTIONS.filter((a) => oracle(s, a, r) !== null));
    });
  });
});
