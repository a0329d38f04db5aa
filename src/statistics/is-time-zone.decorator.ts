import { ValidateBy, ValidationOptions } from 'class-validator';
import { isTimeZone } from '../common/time-zone';

/** An IANA time zone the runtime knows: "Europe/Rome", "UTC". */
export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimeZone',
      validator: {
        validate: (value) => typeof value === 'string' && isTimeZone(value),
        defaultMessage: (args) =>
          `${args?.property} must be an IANA time zone, such as UTC, Europe/Rome or Asia/Kathmandu`,
      },
    },
    options,
  );
}
