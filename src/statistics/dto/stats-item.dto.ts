import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The messages of one customer and type over the interval (or one day of it, with groupBy=day). */
export class StatsItemDto {
  /** @example 1 */
  @ApiProperty({ type: 'integer' })
  customerId: number;

  /** @example "A" */
  type: string;

  /** The UTC day; only with groupBy=day. */
  @ApiPropertyOptional({ format: 'date', example: '2026-11-25' })
  date?: string;

  /**
   * How many messages were counted.
   * @example 2
   */
  @ApiProperty({ type: 'integer' })
  messageCount: number;

  /**
   * Their total amount: exact, always with 3 decimals.
   * @example "0.024"
   */
  totalAmount: string;
}
