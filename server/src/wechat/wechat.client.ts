import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { WechatToken } from './wechat-token.entity';

/** A token is renewed this long before WeChat says it expires. */
const TOKEN_MARGIN_MS = 5 * 60_000;
/** Our own code for "the channel is off", outside WeChat's range. */
export const NOT_CONFIGURED = -100;

export interface SubscribeMessage {
  touser: string;
  template_id: string;
  /** Mini-program page with its query, no leading slash. */
  page?: string;
  data: Record<string, { value: string }>;
}

export type SubscribeResult = { ok: true } | { ok: false; errcode: number; errmsg: string };

export interface WechatSession {
  openid: string;
  unionid?: string;
}

/**
 * WeChat's server API at a configurable base URL, so tests talk to a local fake speaking the same protocol:
 * code2Session (login), the shared access token, mini-program codes and subscribe messages. The session_key is
 * never stored or logged: Nuanxin needs only the openid.
 */
@Injectable()
export class WechatClient {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @InjectRepository(WechatToken) private readonly tokens: Repository<WechatToken>,
  ) {}

  get configured(): boolean {
    return !!(this.config.WECHAT_APPID && this.config.WECHAT_SECRET);
  }

  private cached?: { value: string; expiresAt: number };
  private fetching?: Promise<string>;

  /**
   * The server access token from `/cgi-bin/stable_token`, kept in `wechat_tokens` so every replica uses the same
   * one (a replica calling `/cgi-bin/token` would invalidate the others' tokens: 40001). `refused` is a token
   * WeChat just rejected: a newer one in the table is taken, else a fresh one is forced.
   */
  async accessToken(refused?: string): Promise<string> {
    const now = Date.now();
    if (this.cached && this.cached.value !== refused && this.cached.expiresAt - TOKEN_MARGIN_MS > now) return this.cached.value;
    const row = await this.tokens.findOneBy({ appid: this.config.WECHAT_APPID! });
    if (row && row.accessToken !== refused && row.expiresAt.getTime() - TOKEN_MARGIN_MS > now) {
      this.cached = { value: row.accessToken, expiresAt: row.expiresAt.getTime() };
      return row.accessToken;
    }
    this.fetching ??= this.fetchStableToken(!!refused).finally(() => (this.fetching = undefined));
    return this.fetching;
  }

  private async fetchStableToken(force: boolean): Promise<string> {
    const data = (await this.postJson(new URL('/cgi-bin/stable_token', this.config.WECHAT_API_BASE), {
      grant_type: 'client_credential',
      appid: this.config.WECHAT_APPID,
      secret: this.config.WECHAT_SECRET,
      force_refresh: force,
    })) as { access_token?: string; expires_in?: number; errcode?: number };
    if (!data.access_token) throw new DomainError(503, 'WECHAT_UNAVAILABLE');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + Math.max(60, data.expires_in ?? 7200) * 1000);
    await this.tokens.upsert({ appid: this.config.WECHAT_APPID!, accessToken: data.access_token, expiresAt, updatedAt: now }, ['appid']);
    this.cached = { value: data.access_token, expiresAt: expiresAt.getTime() };
    return data.access_token;
  }

  /**
   * One subscribe message (`POST /cgi-bin/message/subscribe/send`). A token WeChat calls invalid or expired
   * (40001, 42001) is replaced and the send tried once more; every other answer is returned for the caller to
   * judge (43101: the user holds no credit; 47003: a field broke its rule; -1 or no answer: try later).
   */
  async sendSubscribe(msg: SubscribeMessage): Promise<SubscribeResult> {
    if (!this.configured) return { ok: false, errcode: NOT_CONFIGURED, errmsg: 'wechat not configured' };
    let refused: string | undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      let token: string;
      try {
        token = await this.accessToken(refused);
      } catch {
        return { ok: false, errcode: -1, errmsg: 'no access token' };
      }
      const url = new URL('/cgi-bin/message/subscribe/send', this.config.WECHAT_API_BASE);
      url.searchParams.set('access_token', token);
      let data: { errcode?: number; errmsg?: string };
      try {
        data = (await this.postJson(url, { ...msg, miniprogram_state: this.config.WECHAT_MINIPROGRAM_STATE, lang: 'zh_CN' })) as typeof data;
      } catch {
        return { ok: false, errcode: -1, errmsg: 'no answer' };
      }
      const errcode = data.errcode ?? 0;
      if (errcode === 0) return { ok: true };
      if ((errcode === 40001 || errcode === 42001) && attempt === 0) {
        refused = token;
        continue;
      }
      return { ok: false, errcode, errmsg: data.errmsg ?? '' };
    }
    return { ok: false, errcode: -1, errmsg: 'token refused twice' };
  }

  /**
   * A permanent mini-program code (`POST /wxa/getwxacodeunlimit`) whose `scene` (≤ 32 chars) the page reads back.
   * WeChat answers image bytes on success and JSON on failure; an expired token is renewed once.
   */
  async unlimitedQrCode(scene: string, page: string): Promise<{ body: Buffer; contentType: string }> {
    if (!this.configured) throw new DomainError(503, 'WECHAT_UNAVAILABLE');
    let refused: string | undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      const url = new URL('/wxa/getwxacodeunlimit', this.config.WECHAT_API_BASE);
      const token = await this.accessToken(refused);
      url.searchParams.set('access_token', token);
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
      if ((err.errcode === 40001 || err.errcode === 42001) && attempt === 0) {
        refused = token; // token expired: renew once
        continue;
      }
      throw new DomainError(503, 'WECHAT_UNAVAILABLE');
    }
    throw new DomainError(503, 'WECHAT_UNAVAILABLE');
  }

  private async postJson(url: URL, body: unknown): Promise<unknown> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.config.WECHAT_TIMEOUT_MS),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return await res.json();
    } catch {
      throw new DomainError(503, 'WECHAT_UNAVAILABLE');
    }
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
