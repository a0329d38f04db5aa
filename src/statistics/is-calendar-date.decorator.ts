import { ValidateBy, ValidationOptions } from 'class-validator';
import { isCalendarDate } from '../common/utc-date';

/** A real calendar day written YYYY-MM-DD. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => isCalendarDate(value),
        defaultMessage: (args) =>
          `${args?.property} must be a real calendar date written YYYY-MM-DD`,
      },
    },
    options,
  );
}
