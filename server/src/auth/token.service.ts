import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { newId } from '../database/columns';
import { RefreshToken } from './refresh-token.entity';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  accessExpiresIn: number;
}

/**
 * Short-lived JWT access tokens and rotating opaque refresh tokens. Each refresh spends its token and issues
 * a successor in the same family; presenting a spent token again revokes the family (theft detection).
 */
@Injectable()
export class TokenService {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    @InjectRepository(RefreshToken) private readonly tokens: Repository<RefreshToken>,
  ) {}

  async issue(userId: string, family: string = newId()): Promise<IssuedTokens> {
    const accessToken = await this.jwt.signAsync(
      { sub: userId, typ: 'access' },
      { expiresIn: this.config.JWT_ACCESS_TTL, algorithm: 'HS256' },
    );
    const refreshToken = randomBytes(32).toString('base64url');
    const now = new Date();
    await this.tokens.insert(
      this.tokens.create({
        id: newId(),
        userId,
        family,
        tokenHash: sha256(refreshToken),
        expiresAt: new Date(now.getTime() + this.config.REFRESH_TTL_DAYS * 86400_000),
        usedAt: null,
        revokedAt: null,
        createdAt: now,
      }),
    );
    return { accessToken, refreshToken, accessExpiresIn: this.config.JWT_ACCESS_TTL };
  }

  async rotate(refreshToken: string): Promise<{ userId: string; tokens: IssuedTokens }> {
    const row = await this.tokens.findOneBy({ tokenHash: sha256(refreshToken) });
    if (!row || row.revokedAt || row.expiresAt.getTime() < Date.now()) throw new DomainError(401, 'REFRESH_TOKEN_INVALID');
    // Spend atomically: of two concurrent refreshes with one token, only one wins; the other is a reuse.
    const spent = await this.tokens.update({ id: row.id, usedAt: IsNull() }, { usedAt: new Date() });
    if (!spent.affected) {
      await this.revokeFamily(row.family);
      throw new DomainError(401, 'REFRESH_TOKEN_REUSED');
    }
    return { userId: row.userId, tokens: await this.issue(row.userId, row.family) };
  }

  async revoke(refreshToken: string): Promise<void> {
    const row = await this.tokens.findOneBy({ tokenHash: sha256(refreshToken) });
    if (row) await this.revokeFamily(row.family);
  }

  private async revokeFamily(family: string): Promise<void> {
    await this.tokens.update({ family, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
