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

  async code2Session(code: string): Promise<WechatSession> {
    if (!this.configured) throw new DomainError(503, 'WECHAT_UNAVAILABLE', '未配置微信小程序登录，请使用手机号登录');
    const url = new URL('/sns/jscode2session', this.config.WECHAT_API_BASE);
    url.searchParams.set('appid', this.config.WECHAT_APPID!);
    url.searchParams.set('secret', this.config.WECHAT_SECRET!);
    url.searchParams.set('js_code', code);
    url.searchParams.set('grant_type', 'authorization_code');
    let data: { openid?: string; unionid?: string; errcode?: number; errmsg?: string };
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(this.config.WECHAT_TIMEOUT_MS) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      data = (await res.json()) as typeof data;
    } catch {
      throw new DomainError(503, 'WECHAT_UNAVAILABLE');
    }
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
