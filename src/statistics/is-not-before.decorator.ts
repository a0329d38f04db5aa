import { ValidateBy, ValidationOptions } from 'class-validator';
import { isCalendarDate } from '../common/utc-date';

/** A YYYY-MM-DD day that is not before the day in another property. */
export function IsNotBefore(
  property: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotBefore',
      constraints: [property],
      validator: {
        validate: (value, args) => {
          const other = (args?.object as Record<string, unknown>)[property];
          // Either date being malformed is reported by its own rule.
          // YYYY-MM-DD strings sort like the days they name.
          return (
            !isCalendarDate(value) || !isCalendarDate(other) || value >= other
          );
        },
        defaultMessage: (args) =>
          `${args?.property} must not be before ${property}`,
      },
    },
    options,
  );
}
