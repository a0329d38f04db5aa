import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
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
import { digitsToInteger } from '../../common/digits-to-integer';
import { isCalendarDate } from '../../common/utc-date';
import {
  MESSAGE_TYPE_MAX_LENGTH,
  MESSAGE_TYPE_PATTERN,
  MESSAGE_TYPE_RULE,
} from '../../common/message-rules';
import { IsCalendarDate } from '../is-calendar-date.decorator';
import { IsNotBefore } from '../is-not-before.decorator';
import { IsTimeZone } from '../is-time-zone.decorator';
import { isTimeZone } from '../../common/time-zone';
import { FastPath } from '../../http/fast-path-validation.pipe';

export const DEFAULT_PAGE_SIZE = 1000;
export const STATS_GROUPINGS = ['hour', 'day', 'week', 'month'] as const;
export type StatsGrouping = (typeof STATS_GROUPINGS)[number];
export const MAX_PAGE_SIZE = 10000;

/** class-validator runs a property's rules bottom-up; only the first broken one is reported. */
@FastPath(validStatsQueryOrUndefined)
export class StatsQueryDto {
  /**
   * First day of the interval in `timeZone`, inclusive.
   * @example "2026-11-01"
   */
  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  from: string;

  /**
   * Last day of the interval in `timeZone`, inclusive; not before `from`.
   * @example "2026-11-30"
   */
  @ApiProperty({ format: 'date' })
  @IsNotBefore('from')
  @IsCalendarDate()
  to: string;

  /** Only this customer. */
  @ApiPropertyOptional({ type: 'integer', format: 'int64' })
  @IsOptional()
  @Transform(digitsToInteger)
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  @IsInt()
  customerId?: number;

  /** Only this type, matched exactly (case and spaces count); `type=` is the type "". */
  @ApiPropertyOptional({ maxLength: MESSAGE_TYPE_MAX_LENGTH })
  @IsOptional()
  @Matches(MESSAGE_TYPE_PATTERN, { message: MESSAGE_TYPE_RULE })
  @IsString()
  type?: string;

  /**
   * `hour`: one item per customer, type and hour, each with its `hour`, the
   * hour's local start and offset (`2026-10-25T02:00:00+02:00`: the hour a
   * fall-back repeats is two items, one per offset), for at most 31 days;
   * `day`: one per customer, type and day, each with its `date`; `week`: one
   * per customer, type and ISO 8601 week (Monday to Sunday), each with its
   * `week`, such as `2026-W49`; `month`: one per customer, type and calendar
   * month, each with its `month`. All of them in `timeZone`. The weeks and
   * months at the interval's edges hold only its days.
   */
  @IsOptional()
  @IsIn(STATS_GROUPINGS)
  groupBy?: StatsGrouping;

  /**
   * The IANA time zone whose days `from` and `to` are (`Europe/Rome`,
   * `Asia/Kathmandu`, `America/St_Johns`), across its clock changes, and
   * whose days, weeks and months `groupBy` counts in; the answer repeats
   * it. Exact in any zone: the edges of its days are read from counters
   * per UTC quarter hour.
   */
  @ApiPropertyOptional({ default: 'UTC', example: 'Europe/Rome' })
  @IsOptional()
  @IsTimeZone()
  @IsString()
  timeZone?: string;

  /** Items per page, 1–10000. */
  @ApiPropertyOptional({ type: 'integer', default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Transform(digitsToInteger)
  @Max(MAX_PAGE_SIZE)
  @Min(1)
  @IsInt()
  limit: number = DEFAULT_PAGE_SIZE;

  /** The `nextCursor` of the previous page, to read the next one. */
  @IsOptional()
  @IsString()
  cursor?: string;
}

/** An integer query value as @Transform(digitsToInteger) and @IsInt see it, or undefined. */
function queryInteger(value: unknown, least: number, most: number) {
  const number = digitsToInteger({ value });
  return isInt(number) && min(number, least) && max(number, most)
    ? (number as number)
    : undefined;
}

/**
 * The query as a StatsQueryDto when it is valid as it stands, else
 * undefined, for the ValidationPipe to word the errors: the DTO's rules
 * with class-validator's own predicates, so that the common request skips
 * class-transformer and class-validator (a property test holds the two to
 * the same answers). Unknown parameters are dropped, as the pipe's
 * whitelist drops them.
 */
export function validStatsQueryOrUndefined(
  query: unknown,
): StatsQueryDto | undefined {
  if (typeof query !== 'object' || query === null || Array.isArray(query)) {
    return undefined;
  }
  const { from, to, customerId, type, groupBy, timeZone, limit, cursor } =
    query as Record<string, unknown>;
  if (!isCalendarDate(from) || !isCalendarDate(to) || to < from) {
    return undefined;
  }
  const dto = new StatsQueryDto();
  dto.from = from;
  dto.to = to;
  if (customerId !== undefined) {
    const id = queryInteger(customerId, 0, Number.MAX_SAFE_INTEGER);
    if (id === undefined) return undefined;
    dto.customerId = id;
  }
  if (type !== undefined) {
    if (!isString(type) || !matches(type, MESSAGE_TYPE_PATTERN))
      return undefined;
    dto.type = type;
  }
  if (groupBy !== undefined) {
    if (!STATS_GROUPINGS.includes(groupBy as StatsGrouping)) return undefined;
    dto.groupBy = groupBy as StatsGrouping;
  }
  if (timeZone !== undefined) {
    if (!isString(timeZone) || !isTimeZone(timeZone)) return undefined;
    dto.timeZone = timeZone;
  }
  if (limit !== undefined) {
    const size = queryInteger(limit, 1, MAX_PAGE_SIZE);
    if (size === undefined) return undefined;
    dto.limit = size;
  }
  if (cursor !== undefined) {
    if (!isString(cursor)) return undefined;
    dto.cursor = cursor;
  }
  return dto;
}
