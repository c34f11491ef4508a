/** The 12-digit till code as typed: digits only, at most 12. */
export function tillDigits(input: string): string {
  return input.replace(/\D/g, '').slice(0, 12);
}

/** `1234 5678 9012` (4-4-4), also for a partly typed code (`1234 56`). */
export function groupTillCode(input: string): string {
  return tillDigits(input).replace(/(\d{4})(?=\d)/g, '$1 ');
}
