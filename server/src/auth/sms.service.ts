import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { normalizeMobile, startOfBeijingDay } from '@nuanxin/shared';
import { randomInt } from 'node:crypto';
import { IsNull, MoreThanOrEqual, Repository } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { newId } from '../database/columns';
import { piiHash } from '../pii/pii-cipher';
import { SmsCode } from './sms-code.entity';
import { SmsSender } from './sms.sender';

export const SMS_RULES = {
  codeLength: 6,
  validMs: 5 * 60 * 1000,
  cooldownMs: 60 * 1000,
  dailyLimit: 10,
  maxAttempts: 5,
} as const;

@Injectable()
export class SmsService {
  private readonly logger = new Logger('SMS');

  constructor(
    @InjectRepository(SmsCode) private readonly codes: Repository<SmsCode>,
    private readonly sender: SmsSender,
  ) {}

  private codeHash(mobileHash: string, code: string): string {
    return piiHash(`sms:${mobileHash}:${code}`);
  }

  async send(rawMobile: string, now = new Date()): Promise<{ cooldownSeconds: number; expiresInSeconds: number }> {
    const mobile = normalizeMobile(rawMobile);
    const mobileHash = piiHash(mobile);
    const latest = await this.codes.findOne({ where: { mobileHash }, order: { createdAt: 'DESC' } });
    if (latest && now.getTime() - latest.createdAt.getTime() < SMS_RULES.cooldownMs) {
      throw new DomainError(429, 'SMS_TOO_FREQUENT');
    }
    const today = await this.codes.count({ where: { mobileHash, createdAt: MoreThanOrEqual(startOfBeijingDay(now)) } });
    if (today >= SMS_RULES.dailyLimit) throw new DomainError(429, 'SMS_DAILY_LIMIT');
    const code = String(randomInt(0, 10 ** SMS_RULES.codeLength)).padStart(SMS_RULES.codeLength, '0');
    // Older codes stop working once a new one is sent.
    await this.codes.update({ mobileHash, consumedAt: IsNull() }, { consumedAt: now });
    const id = newId();
    await this.codes.insert(
      this.codes.create({
        id,
        mobileHash,
        codeHash: this.codeHash(mobileHash, code),
        attempts: 0,
        expiresAt: new Date(now.getTime() + SMS_RULES.validMs),
        consumedAt: null,
        createdAt: now,
      }),
    );
    try {
      await this.sender.send(mobile, code);
    } catch (err) {
      // Nothing reached the phone: drop the code so the cooldown does not block the retry.
      await this.codes.delete({ id });
      this.logger.warn(`SMS send failed: ${(err as Error).message}`);
      throw new DomainError(503, 'SMS_SEND_FAILED');
    }
    return { cooldownSeconds: SMS_RULES.cooldownMs / 1000, expiresInSeconds: SMS_RULES.validMs / 1000 };
  }

  /** Consumes the code or throws; five wrong tries lock it (a new code must be requested). */
  async verify(rawMobile: string, code: string, now = new Date()): Promise<string> {
    const mobile = normalizeMobile(rawMobile);
    const mobileHash = piiHash(mobile);
    const latest = await this.codes.findOne({ where: { mobileHash }, order: { createdAt: 'DESC' } });
    // A consumed code was used or replaced by a newer one; a locked code keeps consumedAt empty.
    if (!latest || latest.consumedAt) {
      throw new DomainError(400, 'SMS_CODE_EXPIRED', '请先获取验证码', [{ field: 'code', message: '请先获取验证码' }]);
    }
    if (latest.attempts >= SMS_RULES.maxAttempts) throw new DomainError(429, 'SMS_LOCKED');
    if (latest.expiresAt.getTime() < now.getTime()) throw new DomainError(400, 'SMS_CODE_EXPIRED');
    const attempts = await this.countTry(latest.id, latest.attempts);
    if (attempts === null) throw new DomainError(429, 'SMS_LOCKED');
    if (latest.codeHash !== this.codeHash(mobileHash, code)) {
      if (attempts >= SMS_RULES.maxAttempts) throw new DomainError(429, 'SMS_LOCKED');
      const left = SMS_RULES.maxAttempts - attempts;
      throw new DomainError(400, 'SMS_CODE_INVALID', `验证码不正确，还可以再试 ${left} 次`, [
        { field: 'code', message: `验证码不正确，还可以再试 ${left} 次` },
      ]);
    }
    // Only one concurrent verify may consume the code.
    const res = await this.codes.update({ id: latest.id, consumedAt: IsNull() }, { consumedAt: now });
    if (!res.affected) throw new DomainError(400, 'SMS_CODE_EXPIRED');
    return mobile;
  }

  /**
   * Counts one try before the code is compared, by compare-and-set on the counter, so parallel guesses get
   * distinct try numbers and never more than five in all. Returns this try's number, or null when locked or used.
   */
  private async countTry(id: string, seen: number): Promise<number | null> {
    let current = seen;
    for (;;) {
      if (current >= SMS_RULES.maxAttempts) return null;
      const res = await this.codes.update({ id, attempts: current, consumedAt: IsNull() }, { attempts: current + 1 });
      if (res.affected) return current + 1;
      const row = await this.codes.findOneBy({ id });
      if (!row || row.consumedAt) return null;
      current = row.attempts;
    }
  }
}
