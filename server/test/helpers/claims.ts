import { makeApplication } from './factories';
import { devLogin, type Session, type TestApp } from './test-app';

/** The officers the claims tests route to: the district (SM), its parent (HL), the Meituan union (MT), the street union above it (JL), an admin. */
export interface ClaimStaff {
  officerSM: Session;
  officerHL: Session;
  officerMT: Session;
  /** The street union above the Meituan union: supervisor of its claims, first stop of an escalation. */
  officerJL: Session;
  admin: Session;
}

/** Logs in the claim staff; `jlOpenid` names this file's own JL officer (the seed has none). */
export async function loginClaimStaff(t: TestApp, jlOpenid: string): Promise<ClaimStaff> {
  return {
    officerSM: await devLogin(t.app, 'demo-officer-sm'),
    officerHL: await devLogin(t.app, 'demo-officer-hl'),
    officerMT: await devLogin(t.app, 'demo-officer-mt'),
    officerJL: await devLogin(t.app, jlOpenid, ['officer'], 'XM-SM-JL'),
    admin: await devLogin(t.app, 'demo-admin'),
  };
}

/** A valid 我有事办 body (a wage claim in 思明区), with `o` overriding any field. */
export const claimBody = (o: Record<string, unknown> = {}) => ({
  category: 'wages',
  employerName: '某某配送站',
  amountFen: 350000,
  description: '十月份工资 3500 元至今未发放，站长说平台没结算。',
  contactPreference: 'message',
  districtCode: 'XM-SM',
  ...o,
});

/**
 * Request helpers bound to a test app that a `beforeAll` creates later (hence the getter). `workerPrefix` keeps each
 * file's new workers apart from other files' on a shared database.
 */
export function claimsHelpers(app: () => TestApp, workerPrefix: string) {
  let n = 0;
  const post = (s: Session, url: string, payload: object = {}, headers: Record<string, string> = {}) =>
    app().app.inject({ method: 'POST', url, headers: { ...s.auth, ...headers }, payload });
  const get = (s: Session, url: string) => app().app.inject({ method: 'GET', url, headers: s.auth });
  /** A new worker, not a member of any union. */
  const worker = () => devLogin(app().app, `${workerPrefix}-${++n}`);
  /** Files a claim (claimBody with `o`); throws unless it is created. */
  const file = async (s: Session, o: Record<string, unknown> = {}) => {
    const res = await post(s, '/api/claims', claimBody(o));
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json();
  };
  /** A new worker who has joined `orgCode` (the card is issued at once). */
  const member = async (orgCode: string) => {
    const w = await worker();
    expect((await post(w, '/api/memberships/applications', makeApplication(orgCode))).json().card).toBeTruthy();
    return w;
  };
  /** POSTs a claim action; throws unless it answers 200, and returns the body. */
  const ok = async (s: Session, url: string, payload: object = {}) => {
    const res = await post(s, url, payload);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  return { post, get, worker, file, member, ok };
}
