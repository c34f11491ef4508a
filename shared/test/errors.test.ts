import { ERROR_MESSAGES } from '../src/errors';

describe('ERROR_MESSAGES', () => {
  it('address the rider as 你, never 您', () => {
    expect(Object.entries(ERROR_MESSAGES).filter(([, message]) => message.includes('您'))).toEqual([]);
    expect(ERROR_MESSAGES.ALREADY_MEMBER).toBe('你已是工会会员，如需更换所在工会请办理会员转移');
    expect(ERROR_MESSAGES.NOT_A_MEMBER).toBe('你还不是工会会员，请先申请入会');
  });
});
