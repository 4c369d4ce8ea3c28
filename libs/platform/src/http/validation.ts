import { ValidationPipe, type ValidationError as ClassValidatorError } from '@nestjs/common';
import { ValidationError } from '@yishi/domain';

function flatten(
  errors: ClassValidatorError[],
  parent = '',
): { field: string; problems: string[] }[] {
  return errors.flatMap((e) => {
    const field = parent === '' ? e.property : `${parent}.${e.property}`;
    const own =
      e.constraints === undefined ? [] : [{ field, problems: Object.values(e.constraints) }];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** DTO validation: unknown fields are refused; details list every offending field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) =>
      new ValidationError('The request is not valid', {
        fields: flatten(errors),
      }),
  });
}
