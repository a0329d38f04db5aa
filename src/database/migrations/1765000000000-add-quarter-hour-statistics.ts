import { Logger } from '@nestjs/common';
import {
  MigrationInterface,
  QueryRunner,
  Table,
  TableColumn,
  TableColumnOptions,
} from 'typeorm';
import type { MigrationDialect } from './migration-dialect';

/**
 * Counters per (customer, type, UTC quarter hour), written in the same
 * transaction as the others, finest first: the edges of a local day in any
 * time zone begin on a UTC quarter hour (docs/time-zones.md). Keyed by the
 * day, then the quarter of the day (0–95), then the group and the slot.
 *
 * Upgrading back-fills them from the ledger that is kept, one day per
 * statement (the days the daily counters hold from the ledger's horizon
 * on), so that a large ledger is read in bounded chunks. The days before
 * the horizon have lost their messages' times: their quarter hours cannot
 * be back-filled, so the first day that has them whole is recorded
 * (ledger_horizon.first_quarter_hour_day) and logged. Types are frozen
 * here on purpose (a migration must not change when entities do).
 *
 * The back-fill counts what the ledger holds when it runs: a replica of
 * the build before, still writing during a rolling upgrade, writes no
 * quarter hours. docs/operations.md says to rebuild those days after.
 */
export class AddQuarterHourStatistics1765000000000 implements MigrationInterface {
  name = 'AddQuarterHourStatistics1765000000000';

  private readonly logger = new Logger('Migrations');

  constructor(private readonly dialect: MigrationDialect) {}

  async up(queryRunner: QueryRunner): Promise<void> {
    const { messageType, counter, slot } = this.dialect.types;
    await queryRunner.createTable(
      new Table({
        name: 'quarter_hour_statistics',
        columns: [
          { name: 'stat_date', type: 'date', isPrimary: true },
          { name: 'quarter', ...slot, isPrimary: true } as TableColumnOptions,
          {
            name: 'customer_id',
            ...counter,
            isPrimary: true,
          } as TableColumnOptions,
          {
            name: 'type',
            ...messageType,
            isPrimary: true,
          } as TableColumnOptions,
          {
            name: 'slot',
            ...slot,
            isPrimary: true,
            default: 0,
          } as TableColumnOptions,
          { name: 'message_count', ...counter } as TableColumnOptions,
          { name: 'total_amount_milli', ...counter } as TableColumnOptions,
        ],
        checks: this.dialect.exactTotalChecks('quarter_hour_statistics'),
      }),
    );

    const [{ first_kept_day: horizon }] = (await queryRunner.query(
      'SELECT first_kept_day FROM ledger_horizon WHERE id = 1',
    )) as Array<{ first_kept_day: string }>;
    const firstKept = String(horizon).slice(0, 10);
    const lost = (await queryRunner.query(
      'SELECT MIN(stat_date) AS first FROM daily_statistics WHERE stat_date < ?',
      [firstKept],
    )) as Array<{ first: string | null }>;
    const firstWhole = lost[0].first === null ? '0001-01-01' : firstKept;
    await queryRunner.addColumn(
      'ledger_horizon',
      new TableColumn({
        name: 'first_quarter_hour_day',
        type: 'date',
        default: "'0001-01-01'",
      }),
    );
    await queryRunner.query(
      'UPDATE ledger_horizon SET first_quarter_hour_day = ? WHERE id = 1',
      [firstWhole],
    );
    if (lost[0].first !== null) {
      this.logger.warn(
        `quarter-hour counters begin on ${firstKept}: the days from ${String(lost[0].first).slice(0, 10)} to the day before have counters but no ledger left to split into quarter hours, so they are answered in UTC only`,
      );
    }

    const days = (await queryRunner.query(
      'SELECT DISTINCT stat_date FROM daily_statistics WHERE stat_date >= ? ORDER BY stat_date',
      [firstKept],
    )) as Array<{ stat_date: string }>;
    const quarter = this.dialect.quarterOfDay(
      'COALESCE(event_at, received_at)',
    );
    for (const { stat_date: value } of days) {
      const day = String(value).slice(0, 10);
      await queryRunner.query(
        `INSERT INTO quarter_hour_statistics (stat_date, quarter, customer_id, type, message_count, total_amount_milli)
SELECT ?, ${quarter}, customer_id, type, COUNT(*), SUM(amount_milli)
FROM messages WHERE stat_date = ? AND voided_at IS NULL
GROUP BY ${quarter}, customer_id, type`,
        [day, day],
      );
    }
    if (days.length > 0) {
      this.logger.log(
        `back-filled the quarter-hour counters of ${days.length} day(s) from the ledger`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('ledger_horizon', 'first_quarter_hour_day');
    await queryRunner.dropTable('quarter_hour_statistics');
  }
}
