/** Mainland mobile number: 11 digits starting 13–19; an optional +86/86 prefix and spaces/dashes are accepted. */
export function normalizeMobile(raw: string): string {
  let s = raw.trim().replace(/[\s-]/g, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.length === 13 && s.startsWith('86')) s = s.slice(2);
  return s;
}

export function isValidMobile(raw: string): boolean {
  return /^1[3-9]\d{9}$/.test(normalizeMobile(raw));
}

export const MOBILE_MESSAGE = '手机号应为 11 位中国大陆手机号码';
