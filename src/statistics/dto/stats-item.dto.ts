import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HOUR_KEY_PATTERN } from '../../common/local-calendar';
import { MESSAGE_TYPE_MAX_LENGTH } from '../../common/message-rules';

/** A sum of amounts: as many integer digits as it takes, always three decimals. */
const TOTAL_AMOUNT_PATTERN = '^\\d+\\.\\d{3}$';

/** The messages of one customer and type over the interval (or one hour, day, week or month of it, with groupBy). */
export class StatsItemDto {
  /** @example 1 */
  @ApiProperty({ type: 'integer', format: 'int64' })
  customerId: number;

  /** @example "A" */
  @ApiProperty({ maxLength: MESSAGE_TYPE_MAX_LENGTH })
  type: string;

  /**
   * The hour, in `timeZone`: its local start and its offset, so that the
   * hour a fall-back repeats is two items; only with groupBy=hour.
   */
  @ApiPropertyOptional({
    pattern: HOUR_KEY_PATTERN.source,
    example: '2026-11-25T19:00:00+00:00',
  })
  hour?: string;

  /** The day, in `timeZone`; only with groupBy=day. */
  @ApiPropertyOptional({ format: 'date', example: '2026-11-25' })
  date?: string;

  /** The ISO 8601 week (Monday first), in `timeZone`; only with groupBy=week. */
  @ApiPropertyOptional({
    pattern: '^\\d{4}-W(0[1-9]|[1-4]\\d|5[0-3])$',
    example: '2026-W48',
  })
  week?: string;

  /** The calendar month, in `timeZone`; only with groupBy=month. */
  @ApiPropertyOptional({
    pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
    example: '2026-11',
  })
  month?: string;

  /**
   * How many messages were counted.
   * @example 2
   */
  @ApiProperty({ type: 'integer', format: 'int64', minimum: 1 })
  messageCount: number;

  /**
   * Their total amount: exact, always with 3 decimals.
   * @example "0.024"
   */
  @ApiProperty({ pattern: TOTAL_AMOUNT_PATTERN })
  totalAmount: string;
}
