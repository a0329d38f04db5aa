import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { withoutInexactIntegers } from '../common/inexact-integers';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../common/json-body';
import {
  IngestMessageDto,
  validMessageOrUndefined,
} from './dto/ingest-message.dto';

/** An AMQP message's body as a message to count, or why it is not one. */
export type ParsedMessage = { message: IngestMessageDto } | { problem: string };

/**
 * Reads one AMQP message's body by the rules of POST /messages: JSON whose
 * inexact integers never pass as integers, nested at most MAX_JSON_DEPTH
 * deep, then the DTO's validation. A problem is one line naming each field
 * and rule, as the HTTP answer's errors do.
 */
export function parseMessageBody(body: Buffer): ParsedMessage {
  let value: unknown;
  try {
    value = JSON.parse(withoutInexactIntegers(body.toString('utf8')));
  } catch {
    return { problem: 'The body is not JSON.' };
  }
  if (nestsDeeperThan(value, MAX_JSON_DEPTH)) {
    return {
      problem: `The body nests arrays or objects more than ${MAX_JSON_DEPTH} deep.`,
    };
  }
  const fast = validMessageOrUndefined(value);
  if (fast) return { message: fast };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problem: 'The body must be one JSON object.' };
  }
  const message = plainToInstance(IngestMessageDto, value);
  const errors = validateSync(message, {
    whitelist: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
  });
  if (errors.length === 0) return { message };
  return { problem: errors.map(describe).join(' ') };
}

function describe(error: ValidationError): string {
  return Object.values(error.constraints ?? {})
    .map((rule) => `${error.property}: ${rule}.`)
    .join(' ');
}
