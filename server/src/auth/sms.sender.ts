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
