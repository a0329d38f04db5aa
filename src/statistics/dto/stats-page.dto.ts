import { ApiProperty } from '@nestjs/swagger';
import { StatsItemDto } from './stats-item.dto';

/** One page of statistics, sorted by customerId, type (then hour, date, week or month). */
export class StatsPageDto {
  /** @example "2026-11-01" */
  @ApiProperty({ format: 'date' })
  from: string;

  /** @example "2026-11-30" */
  @ApiProperty({ format: 'date' })
  to: string;

  /**
   * The time zone whose days `from` and `to` are, as asked; `UTC` when none was.
   * @example "UTC"
   */
  timeZone: string;

  items: StatsItemDto[];

  /** Pass as `cursor` to read the next page; null on the last page. */
  @ApiProperty({ type: String, nullable: true, example: null })
  nextCursor: string | null;

  /**
   * The last UTC day whose numbers are final: no late message can count on it any more (its every instant is older than MAX_EVENT_AGE_DAYS). Later days of the answer may still grow. Null while no day is settled.
   * @example "2026-10-20"
   */
  @ApiProperty({ type: String, format: 'date', nullable: true })
  settledThrough: string | null;
}
