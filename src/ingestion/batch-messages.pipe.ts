import {
  Injectable,
  PayloadTooLargeException,
  PipeTransform,
  ValidationError,
} from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { validationExceptionFactory } from '../common/validation-exception.factory';
import {
  IngestMessageDto,
  validMessageOrUndefined,
} from './dto/ingest-message.dto';

export const MAX_BATCH_MESSAGES = 1000;

/**
 * Validates a batch body before anything is written: a JSON array of 1 to
 * 1000 messages, each valid on its own. Every bad item is named by its index
 * and field (`[3].amount`); more than 1000 messages is a 413.
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
    const messages = body.map((item: unknown, index) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        errors.push(
          error(`[${index}]`, {
            isObject: 'each message must be a JSON object',
          }),
        );
        return undefined;
      }
      const valid = validMessageOrUndefined(item);
      if (valid) return valid;
      const message = plainToInstance(IngestMessageDto, item);
      for (const failure of validateSync(message, {
        whitelist: true,
        stopAtFirstError: true,
      })) {
        errors.push({ ...failure, property: `[${index}].${failure.property}` });
      }
      return message;
    });
    if (errors.length > 0) throw validationExceptionFactory(errors);
    return messages as IngestMessageDto[];
  }
}

function error(
  property: string,
  constraints: Record<string, string>,
): ValidationError {
  return { property, constraints, children: [] };
}
