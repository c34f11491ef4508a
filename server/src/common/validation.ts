import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import type { FieldError } from '@nuanxin/shared';
import { DomainError } from './domain-error';

/** Chinese text for class-validator constraints used without an explicit message. */
const CONSTRAINT_MESSAGES: Record<string, string> = {
  whitelistValidation: '不允许提交此字段',
  isString: '应为文本',
  isNotEmpty: '不能为空',
  isDefined: '必须填写',
  isInt: '应为整数',
  isNumber: '应为数字',
  isBoolean: '应为 true 或 false',
  isIn: '不在可选范围内',
  isEnum: '不在可选范围内',
  isArray: '应为列表',
  isUUID: '格式不正确',
  isDateString: '应为日期时间（ISO 8601）',
  isISO8601: '应为日期时间（ISO 8601）',
  min: '数值过小',
  max: '数值过大',
  minLength: '内容过短',
  maxLength: '内容过长',
  length: '长度不符合要求',
  matches: '格式不正确',
  arrayMaxSize: '条目过多',
  arrayMinSize: '条目过少',
  equals: '取值不正确',
  nestedValidation: '格式不正确',
  unknownValue: '请求内容格式不正确',
};

const HAS_CJK = /[\u4e00-\u9fff]/;

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    for (const [constraint, text] of Object.entries(e.constraints ?? {})) {
      out.push({ field, message: HAS_CJK.test(text) ? text : (CONSTRAINT_MESSAGES[constraint] ?? '格式不正确') });
    }
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

/**
 * A DTO on a hot route may offer `static fastParse(raw)`: a hand-written check that accepts only input the
 * decorators would accept too, and returns the same values (a property test proves it per DTO). It answers
 * `undefined` whenever it is unsure, and the decorators then decide and word the errors.
 */
export interface FastParsed<T> {
  fastParse(raw: unknown): T | undefined;
}

class AppValidationPipe extends ValidationPipe {
  // Not async: a value `fastParse` accepts goes back as it is, without a promise of its own (Nest awaits either).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override transform(value: unknown, metadata: ArgumentMetadata): any {
    // A DTO body must be an object: `null`, `[]`, `"text"` or `42` would pass an all-optional DTO as "no filters".
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object && value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw DomainError.validation([{ field: '', message: '请求内容应为 JSON 对象' }]);
    }
    const fast = (metadata.metatype as Partial<FastParsed<unknown>> | undefined)?.fastParse?.(value);
    return fast !== undefined ? fast : super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      return DomainError.validation(fieldErrors.length ? fieldErrors : [{ field: '', message: '请求内容格式不正确' }]);
    },
  });
}
