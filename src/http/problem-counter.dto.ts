import { ApiProperty } from '@nestjs/swagger';

/** A counter named by a counter-overflow problem. */
export class ProblemCounterDto {
  /** @example 1 */
  @ApiProperty({ type: 'integer', format: 'int64' })
  customerId: number;

  /** @example "A" */
  type: string;

  /**
   * The UTC day of a daily counter, the month (YYYY-MM) of a monthly one,
   * or the year (YYYY) of a yearly one.
   * @example "2026-11-25"
   */
  @ApiProperty({ pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' })
  date: string;
}
