import { ValidationPipe, type ValidationError as ClassValidatorError } from '@nestjs/common';
import { ValidationError } from '@yishi/domain';

/** Han characters: a message a DTO wrote itself in Chinese is kept as it is. */
const HAN = /\p{Script=Han}/u;
const number = (message: string): string => /(-?\d+(?:\.\d+)?)/.exec(message)?.[1] ?? '';

/**
 * class-validator's built-in messages are English ("password must be longer than or equal to 8
 * characters"); each constraint is said again in Chinese, its limit taken from the English text.
 */
const PROBLEMS: Readonly<Record<string, (message: string) => string>> = {
  isString: () => '必须是文字',
  isInt: () => '必须是整数',
  isNumber: () => '必须是数字',
  isBoolean: () => '必须是 true 或 false',
  isBooleanString: () => '必须是 true 或 false',
  isArray: () => '必须是列表',
  isObject: () => '必须是对象',
  isUuid: () => '必须是有效的编号（UUID）',
  isIso8601: () => '必须是 ISO 8601 格式的时间，例如 2026-12-10T08:12:00+08:00',
  isNotEmpty: () => '不能为空',
  isDefined: () => '必须填写',
  minLength: (m) => `至少需要 ${number(m)} 个字符`,
  maxLength: (m) => `最多 ${number(m)} 个字符`,
  min: (m) => `不能小于 ${number(m)}`,
  max: (m) => `不能大于 ${number(m)}`,
  arrayMinSize: (m) => `至少需要 ${number(m)} 项`,
  arrayMaxSize: (m) => `最多 ${number(m)} 项`,
  isIn: (m) => `必须是以下之一：${m.split(': ').slice(1).join(': ')}`,
  isEnum: (m) => `必须是以下之一：${m.split(': ').slice(1).join(': ')}`,
  matches: () => '格式不正确',
  whitelistValidation: () => '不能提交此项',
  unknownValue: () => '内容无法识别',
  nestedValidation: () => '内容有误',
};

/** The problem in Chinese: the DTO's own Chinese message, else the constraint's. */
export function problemText(constraint: string, message: string): string {
  if (HAN.test(message)) return message;
  return (PROBLEMS[constraint] ?? (() => '内容有误'))(message);
}

function flatten(
  errors: ClassValidatorError[],
  parent = '',
): { field: string; problems: string[] }[] {
  return errors.flatMap((e) => {
    const field = parent === '' ? e.property : `${parent}.${e.property}`;
    const own =
      e.constraints === undefined
        ? []
        : [
            {
              field,
              problems: Object.entries(e.constraints).map(([name, message]) =>
                problemText(name, message),
              ),
            },
          ];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

function ownMessages(errors: ClassValidatorError[]): string[] {
  return errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).filter((m) => HAN.test(m)),
    ...ownMessages(e.children ?? []),
  ]);
}

/** DTO validation: unknown fields are refused; details list every offending field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => {
      // A DTO's own Chinese message names its field and rule ("用户名须为 2 到 64 个…"): the
      // first one is the message; else a general one, the fields in details.
      const own = ownMessages(errors)[0];
      return new ValidationError(
        own === undefined ? '提交的内容有误，请按提示修改后再提交' : `提交的内容有误：${own}`,
        { fields: flatten(errors) },
      );
    },
  });
}
