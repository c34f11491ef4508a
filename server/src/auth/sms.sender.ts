import { Injectable, Logger } from '@nestjs/common';
import { maskMobile } from '@nuanxin/shared';

/**
 * A text message that is not a login code: the gateway owns the wording (carriers approve templates), we send the
 * template's name and its parameters. `staff_invited`: someone was given a staff role by mobile.
 */
export interface SmsNotice {
  template: 'staff_invited';
  params: { role: string; scopeName: string };
}

/** Where SMS codes and notices go. Production wires a carrier gateway behind the same interface. */
export abstract class SmsSender {
  abstract send(mobile: string, code: string): Promise<void>;
  abstract notify(mobile: string, notice: SmsNotice): Promise<void>;
}

/** Development: the code appears in the server log (mobile masked) so anyone can log in locally. */
@Injectable()
export class DevSmsSender extends SmsSender {
  private readonly logger = new Logger('SMS');
  async send(mobile: string, code: string): Promise<void> {
    this.logger.log(`验证码 ${code} 已发送至 ${maskMobile(mobile)}（开发模式，仅写入日志）`);
  }
  async notify(mobile: string, notice: SmsNotice): Promise<void> {
    this.logger.log(`短信通知 ${notice.template} 已发送至 ${maskMobile(mobile)}（开发模式，仅写入日志）`);
  }
}

/** Tests: keeps what was sent so a test (or a browser journey) can read the code. */
@Injectable()
export class TestSmsSender extends SmsSender {
  readonly outbox: Array<{ mobile: string; code: string; at: Date }> = [];
  async send(mobile: string, code: string): Promise<void> {
    this.outbox.push({ mobile, code, at: new Date() });
  }
  readonly notices: Array<{ mobile: string; notice: SmsNotice; at: Date }> = [];
  async notify(mobile: string, notice: SmsNotice): Promise<void> {
    this.notices.push({ mobile, notice, at: new Date() });
  }
  lastCodeFor(mobile: string): string | undefined {
    return [...this.outbox].reverse().find((m) => m.mobile === mobile)?.code;
  }
}

export interface HttpSmsOptions {
  url: string;
  token?: string;
  timeoutMs: number;
}

/**
 * Production: posts `{ mobile, code, template, ttlMinutes }` to the union's SMS gateway (its own service in
 * front of the carrier). Any non-2xx answer or a timeout is a failed send; the caller lets the rider retry.
 */
export class HttpSmsSender extends SmsSender {
  constructor(private readonly options: HttpSmsOptions) {
    super();
  }
  async send(mobile: string, code: string): Promise<void> {
    await this.post({ mobile, code, template: 'login', ttlMinutes: 5 });
  }
  /** `{ mobile, template, params }`: the gateway fills its approved template with the params. */
  async notify(mobile: string, notice: SmsNotice): Promise<void> {
    await this.post({ mobile, template: notice.template, params: notice.params });
  }
  private async post(body: Record<string, unknown>): Promise<void> {
    const res = await fetch(this.options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    // Drain the body so the connection can be reused.
    await res.arrayBuffer().catch(() => undefined);
    if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
  }
}

/** The sender the config asks for. */
export function smsSenderFor(config: { SMS_SENDER: 'dev' | 'test' | 'http'; SMS_HTTP_URL?: string; SMS_HTTP_TOKEN?: string; SMS_HTTP_TIMEOUT_MS: number }): SmsSender {
  if (config.SMS_SENDER === 'test') return new TestSmsSender();
  if (config.SMS_SENDER === 'http') return new HttpSmsSender({ url: config.SMS_HTTP_URL!, token: config.SMS_HTTP_TOKEN, timeoutMs: config.SMS_HTTP_TIMEOUT_MS });
  return new DevSmsSender();
}
