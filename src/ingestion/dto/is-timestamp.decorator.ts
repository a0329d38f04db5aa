import { ValidateBy, ValidationOptions } from 'class-validator';
import { parseTimestamp, TIMESTAMP_RULE } from '../../common/event-time';

/** An RFC 3339 date-time with Z or a numeric offset, at most milliseconds. */
export function IsTimestamp(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimestamp',
      validator: {
        validate: (value) => parseTimestamp(value) !== undefined,
        defaultMessage: () => TIMESTAMP_RULE,
      },
    },
    options,
  );
}
