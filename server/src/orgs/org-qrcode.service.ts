import { Inject, Injectable } from '@nestjs/common';
import { WechatClient } from '../wechat/wechat.client';
import { AppConfig } from '../config/app-config';

/** The page a scanned org code opens; it reads the org code from `scene` (weapp) or `org` (H5). */
export const JOIN_PAGE = 'pages/join/index';

export interface QrImage {
  body: Buffer;
  contentType: string;
}

/**
 * Each org's permanent join code: WeChat's unlimited mini-program code when WeChat is configured, otherwise a
 * standard QR of the H5 join URL. Codes never change for an org, so they are cached for the process lifetime.
 */
@Injectable()
export class OrgQrcodeService {
  private readonly cache = new Map<string, QrImage>();

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly wechat: WechatClient,
  ) {}

  joinUrl(code: string): string {
    return `${this.config.PUBLIC_BASE_URL}/#/${JOIN_PAGE}?org=${encodeURIComponent(code)}`;
  }

  async forOrg(code: string): Promise<QrImage> {
    const hit = this.cache.get(code);
    if (hit) return hit;
    const image = this.wechat.configured
      ? await this.wechat.unlimitedQrCode(code, JOIN_PAGE)
      : { body: await (await import('qrcode')).default.toBuffer(this.joinUrl(code), { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 480 }), contentType: 'image/png' };
    this.cache.set(code, image);
    return image;
  }
}
