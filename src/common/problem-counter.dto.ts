import { ApiProperty } from '@nestjs/swagger';

/** A daily counter named by a counter-overflow problem. */
export class ProblemCounterDto {
  /** @example 1 */
  @ApiProperty({ type: 'integer', format: 'int64' })
  customerId: number;

  /** @example "A" */
  type: string;

  /** @example "2026-11-25" */
  @ApiProperty({ format: 'date' })
  date: string;
}
