import { describe, expect, it } from 'vitest';
import { AGREEMENT_MESSAGES, toAgreement } from '../src/staff/pages/claim/agreement-rules';

const TODAY = '2026-12-02';

describe('the agreement as typed → AgreementInput', () => {
  it('instalments in fen, summing to the agreed amount; the due date is the last instalment', () => {
    const out = toAgreement(
      { amount: '3,000', dueDate: '', instalments: [{ amount: '1000.50', dueDate: '2026-12-15' }, { amount: '1999.5', dueDate: '2027-01-15' }] },
      TODAY,
    );
    expect(out).toEqual({
      agreement: { amountFen: 300000, dueDate: '2027-01-15', instalments: [{ amountFen: 100050, dueDate: '2026-12-15' }, { amountFen: 199950, dueDate: '2027-01-15' }] },
    });
  });

  it('refuses a sum that does not match, a past date, a missing date and a bad amount', () => {
    const two = (a: string, b: string) => [{ amount: a, dueDate: '2026-12-15' }, { amount: b, dueDate: '2027-01-15' }];
    expect(toAgreement({ amount: '3000', dueDate: '', instalments: two('1000', '1500') }, TODAY)).toEqual({ problem: AGREEMENT_MESSAGES.sum('¥2500', '¥3000') });
    expect(toAgreement({ amount: '3000', dueDate: '2026-12-01', instalments: [] }, TODAY)).toEqual({ problem: AGREEMENT_MESSAGES.pastDate });
    expect(toAgreement({ amount: '3000', dueDate: TODAY, instalments: [] }, TODAY)).toEqual({ agreement: { amountFen: 300000, dueDate: TODAY } });
    expect(toAgreement({ amount: '3000', dueDate: '', instalments: [{ amount: '3000', dueDate: '' }, { amount: '0', dueDate: '2027-01-15' }] }, TODAY)).toEqual({
      problem: AGREEMENT_MESSAGES.instalmentDate(1),
    });
    expect(toAgreement({ amount: '3000', dueDate: '', instalments: two('3000', '0') }, TODAY)).toEqual({ problem: AGREEMENT_MESSAGES.instalmentAmount(2) });
    expect(toAgreement({ amount: '30.001', dueDate: TODAY, instalments: [] }, TODAY)).toEqual({ problem: AGREEMENT_MESSAGES.amount });
  });
});
