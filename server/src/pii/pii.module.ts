import type { AppConfig } from '../config/app-config';
import { configurePii, parsePiiKeys } from './pii-cipher';

export function configurePiiFromConfig(config: AppConfig): void {
  configurePii(parsePiiKeys(config.PII_KEYS, config.PII_ACTIVE_KEY_ID, config.PII_HMAC_KEY));
}
