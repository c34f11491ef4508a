import { arbitrationPromptState, arbitrationRightAt, arbitrationRightDate } from '../src';

describe('art. 14: the day the worker may apply for arbitration', () => {
  it('is the 15th calendar day after the Beijing day the mediation body received it (holidays count)', () => {
    // received Wednesday Sep 30, 2026: the National Day holiday is counted like any other day
    expect(arbitrationRightDate(new Date('2026-09-30T02:00:00Z'))).toBe('2026-10-15');
    // 00:30 in Beijing on Dec 21 is still Dec 20 in UTC: the Beijing day counts
    expect(arbitrationRightDate(new Date('2026-12-20T16:30:00Z'))).toBe('2027-01-05');
    expect(arbitrationRightDate(new Date('2026-12-20T15:59:59Z'))).toBe('2027-01-04');
    expect(arbitrationRightDate(new Date('2028-02-14T04:00:00Z'))).toBe('2028-02-29');
    expect(arbitrationRightAt(new Date('2026-12-20T16:30:00Z')).toISOString()).toBe('2027-01-04T16:00:00.000Z');
  });

  it('asks the worker from that day while mediation runs, until they choose', () => {
    const right = new Date('2027-01-04T16:00:00Z');
    const base = { status: 'in_progress' as const, arbitrationRightAt: right, continuedMediationConsentAt: null };
    expect(arbitrationPromptState({ ...base, now: new Date('2027-01-04T15:59:59Z') })).toBe('not_yet');
    expect(arbitrationPromptState({ ...base, now: right })).toBe('pending');
    expect(arbitrationPromptState({ ...base, continuedMediationConsentAt: new Date('2027-01-05T01:00:00Z'), now: new Date('2027-01-06T00:00:00Z') })).toBe('consented');
    // a consent given before the current tier's day does not answer that day's question
    expect(arbitrationPromptState({ ...base, continuedMediationConsentAt: new Date('2027-01-01T00:00:00Z'), now: right })).toBe('pending');
    expect(arbitrationPromptState({ ...base, status: 'arbitration', now: right })).toBe('chosen');
    expect(arbitrationPromptState({ ...base, status: 'resolved', now: right })).toBe('none');
    expect(arbitrationPromptState({ ...base, arbitrationRightAt: null, now: right })).toBe('none');
  });
});
