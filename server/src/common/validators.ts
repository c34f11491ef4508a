import { isValidMobile, isValidOrgCode, MOBILE_MESSAGE } from '@nuanxin/shared';
import { ValidateBy } from 'class-validator';

/** Wraps a shared validator so the rule is written once (shared) and enforced here with a Chinese message. */
export const IsMobile = () =>
  ValidateBy({ name: 'isMobile', validator: { validate: (v) => typeof v === 'string' && isValidMobile(v), defaultMessage: () => MOBILE_MESSAGE } });

export const IsOrgCode = () =>
  ValidateBy({
    name: 'isOrgCode',
    validator: { validate: (v) => typeof v === 'string' && isValidOrgCode(v), defaultMessage: () => '组织编码应为 1–32 位字母、数字、_ 或 -' },
  });
