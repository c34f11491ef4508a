import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';

export interface WechatSession {
  openid: string;
  unionid?: string;
}

/**
 * WeChat's code2Session (`GET /sns/jscode2session`) at a configurable base URL, so tests talk to a local fake
 * speaking the same protocol. The session_key is never stored or logged: Nuanxin needs only the openid.
 */
@Injectable()
export class WechatClient {
  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  get configured(): boolean {
    return !!(this.config.WECHAT_APPID && this.config.WECHAT_SECRET);
  }

  private token?: { value: string; expiresAt: number };

  /** Server-side access token (`GET /cgi-bin/token`), cached until five minutes before it expires. */
  private async accessToken(force = false): Promise<string> {
    if (!force && this.token && this.token.expiresAt > Date.now()) return this.token.value;
    const url = new URL('/cgi-bin/token', this.config.WECHAT_API_BASE);
    url.searchParams.set('grant_type', 'client_credential');
    url.searchParams.set('appid', this.config.WECHAT_APPID!);
    url.searchParams.set('secret', this.config.WECHAT_SECRET!);
    const data = (await this.fetchJson(url)) as { access_token?: string; expires_in?: number; errcode?: number };
    if (!data.access_token) throw new DomainError(503, 'WECHAT_UNAVAILABLE');
    this.token = { value: data.access_token, expiresAt: Date.now() + Math.max(60, (data.expires_in ?? 7200) - 300) * 1000 };
    return this.token.value;
  }

  /**
   * A permanent mini-program code (`POST /wxa/getwxacodeunlimit`) whose `scene` (≤ 32 chars) the page reads back.
   * WeChat answers image bytes on success and JSON on failure; an expired token is renewed once.
   */
  async unlimitedQrCode(scene: string, page: string): Promise<{ body: Buffer; contentType: string }> {
    if (!this.configured) throw new DomainError(503, 'WECHAT_UNAVAILABLE');
    for (let attempt = 0; attempt < 2; attempt++) {
      const url = new URL('/wxa/getwxacodeunlimit', this.config.WECHAT_API_BASE);
      url.searchParams.set('access_token', await this.accessToken(attempt > 0));
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ scene, page, check_path: false, env_version: 'release', width: 430 }),
          signal: AbortSignal.timeout(this.config.WECHAT_TIMEOUT_MS),
        });
      } catch {
        throw new DomainError(503, 'WECHAT_UNAVAILABLE');
      }
      const type = res.headers.get('content-type') ?? '';
      const body = Buffer.from(await res.arrayBuffer());
      if (res.ok && type.startsWith('image/')) return { body, contentType: type };
      const err = JSON.parse(body.toString('utf8') || '{}') as { errcode?: number };
      if ((err.errcode === 40001 || err.errcode === 42001) && attempt === 0) continue; // token expired: renew once
      throw new DomainError(503, 'WECHAT_UNAVAILABLE');
    }
    throw new DomainError(503, 'WECHAT_UNAVAILABLE');
  }

  private async fetchJson(url: URL): Promise<unknown> {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(this.config.WECHAT_TIMEOUT_MS) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return await res.json();
    } catch {
      throw new DomainError(503, 'WECHAT_UNAVAILABLE');
    }
  }

  async code2Session(code: string): Promise<WechatSession> {
    if (!this.configured) throw new DomainError(503, 'WECHAT_UNAVAILABLE', '未配置微信小程序登录，请使用手机号登录');
    const url = new URL('/sns/jscode2session', this.config.WECHAT_API_BASE);
    url.searchParams.set('appid', this.config.WECHAT_APPID!);
    url.searchParams.set('secret', this.config.WECHAT_SECRET!);
    url.searchParams.set('js_code', code);
    url.searchParams.set('grant_type', 'authorization_code');
    const data = (await this.fetchJson(url)) as { openid?: string; unionid?: string; errcode?: number; errmsg?: string };
    switch (data.errcode ?? 0) {
      case 0:
        if (!data.openid) throw new DomainError(503, 'WECHAT_UNAVAILABLE');
        return { openid: data.openid, unionid: data.unionid };
      case 40029: // invalid code
      case 40163: // code already used
        throw new DomainError(401, 'WECHAT_CODE_INVALID');
      case 45011: // API minute-quota reached
        throw new DomainError(429, 'WECHAT_RATE_LIMITED');
      case 40226: // high-risk user blocked by WeChat
        throw new DomainError(403, 'FORBIDDEN', '微信判定该账号存在风险，暂时无法登录');
      default:
        throw new DomainError(503, 'WECHAT_UNAVAILABLE');
    }
  }
}
