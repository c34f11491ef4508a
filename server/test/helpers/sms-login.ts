import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SmsSender, type TestSmsSender } from '../../src/auth/sms.sender';
import type { Session } from './test-app';

/** Signs in by SMS the way a person does: ask for a code, read it from the test sender, verify it. */
export async function smsLogin(app: NestFastifyApplication, mobile: string): Promise<Session> {
  const send = await app.inject({ method: 'POST', url: '/api/auth/sms/send', payload: { mobile } });
  if (send.statusCode >= 300) throw new Error(`sms send failed: ${send.statusCode} ${send.body}`);
  const code = (app.get(SmsSender) as TestSmsSender).lastCodeFor(mobile);
  const res = await app.inject({ method: 'POST', url: '/api/auth/sms/verify', payload: { mobile, code } });
  if (res.statusCode !== 200) throw new Error(`sms login failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as Omit<Session, 'auth'>;
  return { ...body, auth: { authorization: `Bearer ${body.accessToken}` } };
}
