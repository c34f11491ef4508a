import { Injectable, Logger } from '@nestjs/common';
import { maskMobile } from '@nuanxin/shared';

/** Where SMS codes go. Production wires a carrier gateway behind the same interface. */
export abstract class SmsSender {
  abstract send(mobile: string, code: string): Promise<void>;
}

/** Development: the code appears in the server log (mobile masked) so anyone can log in locally. */
@Injectable()
export class DevSmsSender extends SmsSender {
  private readonly logger = new Logger('SMS');
  async send(mobile: string, code: string): Promise<void> {
    this.logger.log(`验证码 ${code} 已发送至 ${maskMobile(mobile)}（开发模式，仅写入日志）`);
  }
}

/** Tests: keeps what was sent so a test (or a browser journey) can read the code. */
@Injectable()
export class TestSmsSender extends SmsSender {
  readonly outbox: Array<{ mobile: string; code: string; at: Date }> = [];
  async send(mobile: string, code: string): Promise<void> {
    this.outbox.push({ mobile, code, at: new Date() });
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
    const res = await fetch(this.options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
      },
      body: JSON.stringify({ mobile, code, template: 'login', ttlMinutes: 5 }),
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
