import { isIsoDate, isValidMobile, isValidOrgCode, MOBILE_MESSAGE } from '@nuanxin/shared';
import { ValidateBy } from 'class-validator';

/** Wraps a shared validator so the rule is written once (shared) and enforced here with a Chinese message. */
export const IsMobile = () =>
  ValidateBy({ name: 'isMobile', validator: { validate: (v) => typeof v === 'string' && isValidMobile(v), defaultMessage: () => MOBILE_MESSAGE } });

export const IsOrgCode = () =>
  ValidateBy({
    name: 'isOrgCode',
    validator: { validate: (v) => typeof v === 'string' && isValidOrgCode(v), defaultMessage: () => '组织编码应为 1–32 位字母、数字、_ 或 -' },
  });

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 does not), with the caller's Chinese message. */
export const IsIsoDate = (message = '日期格式应为 YYYY-MM-DD') =>
  ValidateBy({ name: 'isIsoDate', validator: { validate: (v) => typeof v === 'string' && isIsoDate(v), defaultMessage: () => message } });
