import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsInt,
  isInt,
  IsOptional,
  IsString,
  isString,
  Matches,
  matches,
  Max,
  max,
  Min,
  min,
} from 'class-validator';
import { AMOUNT_PATTERN } from '../../common/amount';
import {
  lowercaseUuid,
  MESSAGE_TYPE_MAX_LENGTH,
  MESSAGE_TYPE_PATTERN,
  MESSAGE_TYPE_RULE,
  UUID_PATTERN,
  UUID_RULE,
} from '../../common/message-rules';
import { FastPath } from '../../http/fast-path-validation.pipe';
import { parseTimestamp, RFC_3339 } from '../../common/event-time';
import { IsTimestamp } from './is-timestamp.decorator';

export const AMOUNT_MESSAGE =
  'amount must be a decimal string with 1-12 integer digits and at most 3 decimals, such as "0.012"';

/**
 * One processed event, as producers send it (JSON Schema: schemas/stats_message.json).
 * class-validator runs a property's rules bottom-up and reports only the first
 * broken one, so the type check sits last.
 */
@FastPath(validMessageOrUndefined)
export class IngestMessageDto {
  /**
   * The customer the message is billed to.
   * @example 1
   */
  @ApiProperty({ type: 'integer', format: 'int64' })
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  @IsInt()
  customerId: number;

  /**
   * The message type: an exact key ("A", "a" and "A " are three types). "" is a valid type and the default.
   * @example "A"
   */
  @ApiProperty({
    required: false,
    default: '',
    maxLength: MESSAGE_TYPE_MAX_LENGTH,
  })
  @Matches(MESSAGE_TYPE_PATTERN, { message: MESSAGE_TYPE_RULE })
  @IsString()
  type: string = '';

  /**
   * The amount billed: a non-negative decimal string with 1–12 integer digits and at most 3 decimals.
   * @example "0.012"
   */
  @ApiProperty({ pattern: AMOUNT_PATTERN.source })
  @Matches(AMOUNT_PATTERN, { message: AMOUNT_MESSAGE })
  @IsString()
  amount: string;

  /**
   * The message's unique id: a UUID of any version and variant (32 hex digits grouped 8-4-4-4-12), case-insensitive. Retrying with the same uuid is safe.
   * @example "a596b362-08be-419f-8070-9c3055566e7c"
   */
  @ApiProperty({ format: 'uuid', pattern: UUID_PATTERN.source })
  @Transform(lowercaseUuid)
  @Matches(UUID_PATTERN, { message: UUID_RULE })
  @IsString()
  uuid: string;

  /**
   * When the event happened: an RFC 3339 date-time with Z or a numeric offset and at most millisecond precision. The message counts on the UTC day of this instant. Absent, it is the time the service receives the message. At most MAX_EVENT_AGE_DAYS (35) old and MAX_EVENT_SKEW_S (300) ahead.
   * @example "2026-11-25T19:19:27.877Z"
   */
  @ApiProperty({
    required: false,
    format: 'date-time',
    pattern: RFC_3339.source,
  })
  @IsTimestamp()
  @IsOptional()
  timestamp?: string;
}

/**
 * The DTO for a body that is valid as it stands, or undefined: the rules of
 * the decorators above as plain checks, with class-validator's own
 * predicates. POST /messages is the hot path, and class-transformer plus
 * class-validator cost more there than all the rest of the validation. What
 * this does not accept goes through the decorators, which alone word the
 * errors; a property test holds the two to the same answers.
 */
export function validMessageOrUndefined(
  body: unknown,
): IngestMessageDto | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return undefined;
  }
  const {
    customerId,
    type = '',
    amount,
    uuid,
    timestamp,
  } = body as Record<string, unknown>;
  if (
    !isInt(customerId) ||
    !min(customerId, 0) ||
    !max(customerId, Number.MAX_SAFE_INTEGER) ||
    !isString(type) ||
    !matches(type, MESSAGE_TYPE_PATTERN) ||
    !isString(amount) ||
    !matches(amount, AMOUNT_PATTERN) ||
    !isString(uuid) ||
    !matches(uuid, UUID_PATTERN) ||
    (timestamp !== undefined && parseTimestamp(timestamp) === undefined)
  ) {
    return undefined;
  }
  const message = new IngestMessageDto();
  message.customerId = customerId as number;
  message.type = type;
  message.amount = amount;
  message.uuid = uuid.toLowerCase();
  if (timestamp !== undefined) message.timestamp = timestamp as string;
  return message;
}
