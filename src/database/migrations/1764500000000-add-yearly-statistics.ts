import {
  MigrationInterface,
  QueryRunner,
  Table,
  TableColumnOptions,
} from 'typeorm';
import type { MigrationDialect } from './migration-dialect';

/**
 * Counters per (customer, type, calendar year), derived like the monthly
 * ones and written in the same transaction, so that an interval's whole
 * years are read as one row per group: one customer's year is then one
 * short range of the year-first key instead of twelve ranges of the
 * month-first one (the look-up that dominated the statistics read most
 * often asked for). Kept in slots like the other counters.
 *
 * Upgrading back-fills the table from the monthly counters, slot by slot,
 * one year per statement, so that a large table is copied in bounded
 * chunks. Types are frozen here on purpose (a migration must not change
 * when entities do).
 */
export class AddYearlyStatistics1764500000000 implements MigrationInterface {
  name = 'AddYearlyStatistics1764500000000';

  constructor(private readonly dialect: MigrationDialect) {}

  async up(queryRunner: QueryRunner): Promise<void> {
    // A year holds up to 366 full daily counters: its total is as wide as
    // the database allows.
    const { messageType, counter, wideTotal: total, slot } = this.dialect.types;

    await queryRunner.createTable(
      new Table({
        name: 'yearly_statistics',
        columns: [
          { name: 'stat_year', type: 'date', isPrimary: true },
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
          { name: 'total_amount_milli', ...total } as TableColumnOptions,
        ],
        checks: this.dialect.exactTotalChecks('yearly_statistics'),
      }),
    );

    // The years that hold monthly counters, each bounded by its last day:
    // the year after 9999 would be "10000-01-01", which no date column
    // holds and no text comparison sorts after "9999-…".
    const months = (await queryRunner.query(
      'SELECT DISTINCT stat_month FROM monthly_statistics',
    )) as Array<{ stat_month: string }>;
    const years = [
      ...new Set(months.map((row) => String(row.stat_month).slice(0, 4))),
    ].sort();
    for (const year of years) {
      const [first, last] = [`${year}-01-01`, `${year}-12-31`];
      await queryRunner
        .query(
          `INSERT INTO yearly_statistics (stat_year, customer_id, type, slot, message_count, total_amount_milli)
SELECT ?, customer_id, type, slot, SUM(message_count), SUM(total_amount_milli)
FROM monthly_statistics
WHERE stat_month >= ? AND stat_month <= ?
GROUP BY customer_id, type, slot`,
          [first, first, last],
        )
        .catch((error: Error) =>
          this.dialect.backFillFailed(queryRunner, error, {
            adding: 'the yearly counters',
            period: year,
            from: { table: 'monthly_statistics', column: 'stat_month' },
            first,
            last,
          }),
        );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('yearly_statistics');
  }
}
