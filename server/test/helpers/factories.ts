import { idNumberCheckChar } from '@nuanxin/shared';

let seq = 0;

/** A valid, unique mainland ID number (Xiamen Siming region, born 1990-01-01 + n days). */
export function makeIdNumber(n = ++seq): string {
  const born = new Date(Date.UTC(1990, 0, 1) + (n % 9000) * 86400_000);
  const date = born.toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `350203${date}${String(Math.floor(n / 9000) * 100 + (n % 100)).padStart(3, '0').slice(-3)}`;
  return first17 + idNumberCheckChar(first17);
}

/** A unique mobile number. */
export function makeMobile(n = ++seq): string {
  return `139${String(n).padStart(8, '0')}`;
}

export function makeApplication(orgCode: string, overrides: Record<string, unknown> = {}) {
  const n = ++seq;
  return {
    orgCode,
    name: '李明',
    mobile: makeMobile(n),
    idNumber: makeIdNumber(n),
    employer: '美团',
    occupation: '外卖配送员',
    city: '厦门市',
    consent: true,
    ...overrides,
  };
}
