import { BadRequestException, ValidationError } from '@nestjs/common';
import { FieldError, ProblemType } from '../common/problem-details';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = error.property
      ? `${prefix}${error.property}`
      : prefix || 'body';
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message,
    }));
    return [...own, ...flatten(error.children ?? [], `${field}.`)];
  });
}

/** Turns class-validator errors into one 400 problem that names every bad field. */
export function validationExceptionFactory(
  errors: ValidationError[],
): BadRequestException {
  const fieldErrors = flatten(errors);
  const fields = [...new Set(fieldErrors.map((error) => error.field))];
  return new BadRequestException({
    type: ProblemType.validation,
    title: 'Invalid request',
    detail: `Invalid ${fields.join(', ')}.`,
    errors: fieldErrors,
  });
}
