import {
  Injectable,
  PayloadTooLargeException,
  PipeTransform,
  ValidationError,
} from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { validationExceptionFactory } from '../http/validation-exception.factory';
import {
  IngestMessageDto,
  validMessageOrUndefined,
} from './dto/ingest-message.dto';

export const MAX_BATCH_MESSAGES = 1000;

/**
 * The invalid messages a 400 names at most. Wording an error through
 * class-validator costs about 40 µs a message, and a batch of 1000 invalid
 * ones held the event loop for 40 ms; the first hundred tell a producer
 * what is wrong, for 4 ms.
 */
export const MAX_NAMED_INVALID_MESSAGES = 100;

/**
 * Validates a batch body before anything is written: a JSON array of 1 to
 * 1000 messages, each valid on its own. Bad items are named by index and
 * field (`[3].amount`), the first hundred of them; more than 1000 messages
 * is a 413.
 */
@Injectable()
export class BatchMessagesPipe implements PipeTransform<
  unknown,
  IngestMessageDto[]
> {
  transform(body: unknown): IngestMessageDto[] {
    if (!Array.isArray(body) || body.length === 0) {
      throw validationExceptionFactory([
        error('', {
          isArray:
            'the request body must be a JSON array of 1 to 1000 messages',
        }),
      ]);
    }
    if (body.length > MAX_BATCH_MESSAGES) {
      throw new PayloadTooLargeException(
        `A batch holds at most ${MAX_BATCH_MESSAGES} messages; this one has ${body.length}.`,
      );
    }
    const errors: ValidationError[] = [];
    const messages: IngestMessageDto[] = [];
    let invalid = 0;
    for (const [index, item] of body.entries()) {
      const checked = validMessageOrUndefined(item) ?? checkSlowly(item, index);
      if (checked instanceof IngestMessageDto) {
        messages.push(checked);
        continue;
      }
      errors.push(...checked);
      if (++invalid === MAX_NAMED_INVALID_MESSAGES) break;
    }
    if (errors.length > 0) throw validationExceptionFactory(errors);
    return messages;
  }
}

/**
 * An item the fast path did not take, through class-transformer and
 * class-validator: the message, or what is wrong with it, each field named
 * `[index].field`.
 */
function checkSlowly(
  item: unknown,
  index: number,
): IngestMessageDto | ValidationError[] {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return [
      error(`[${index}]`, { isObject: 'each message must be a JSON object' }),
    ];
  }
  const message = plainToInstance(IngestMessageDto, item);
  const failures = validateSync(message, {
    whitelist: true,
    stopAtFirstError: true,
  });
  if (failures.length === 0) return message;
  return failures.map((failure) => ({
    ...failure,
    property: `[${index}].${failure.property}`,
  }));
}

function error(
  property: string,
  constraints: Record<string, string>,
): ValidationError {
  return { property, constraints, children: [] };
}
