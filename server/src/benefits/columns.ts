import type { ValueTransformer } from 'typeorm';

/** DECIMAL comes back from MySQL as a string; the app works in numbers. */
export const decimal: ValueTransformer = { to: (v: number | null) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) };

/** Small structured values stored as JSON text (portable: no JSON column type needed). */
export const jsonText = <T>(): ValueTransformer => ({
  to: (v: T | null | undefined) => (v == null ? v : JSON.stringify(v)),
  from: (v: string | null) => (v == null ? null : (JSON.parse(v) as T)),
});
