import {
  MigrationInterface,
  QueryRunner,
  Table,
  TableColumnOptions,
} from 'typeorm';
import type { MigrationDialect } from './migration-dialect';

/**
 * Counters per (customer, type, calendar month), derived like the daily
 * ones and written in the same transaction, so that an interval's whole
 * months are read as one row per group instead of a row per day. The
 * primary key leads with the month: "all customers in these months" reads
 * one contiguous range per month, in (customer, type) order, with no look-up
 * per row; one customer's months are as many short ranges (stat_month IN
 * (…) AND customer_id = ?), so no second index costs every new row.
 *
 * Upgrading back-fills the table from the daily counters, one month per
 * statement, so that a large table is copied in bounded chunks. Types are
 * frozen here on purpose (a migration must not change when entities do).
 */
export class AddMonthlyStatistics1764200000000 implements MigrationInterface {
  name = 'AddMonthlyStatistics1764200000000';

  constructor(private readonly dialect: MigrationDialect) {}

  async up(queryRunner: QueryRunner): Promise<void> {
    // A month holds up to 31 full daily counters: its total is as wide
    // as the database allows.
    const { messageType, counter, wideTotal: total } = this.dialect.types;

    await queryRunner.createTable(
      new Table({
        name: 'monthly_statistics',
        columns: [
          { name: 'stat_month', type: 'date', isPrimary: true },
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
          { name: 'message_count', ...counter } as TableColumnOptions,
          { name: 'total_amount_milli', ...total } as TableColumnOptions,
        ],
        checks: this.dialect.exactTotalChecks('monthly_statistics'),
      }),
    );

    // The months that hold daily counters, each bounded by its last day:
    // the month after 9999-12 would be "10000-01-01", which no date column
    // holds and no text comparison sorts after "9999-…".
    const days = (await queryRunner.query(
      'SELECT DISTINCT stat_date FROM daily_statistics',
    )) as Array<{ stat_date: string }>;
    const months = [
      ...new Set(days.map((row) => String(row.stat_date).slice(0, 7))),
    ].sort();
    for (const month of months) {
      const [first, last] = [`${month}-01`, lastDayOfMonth(month)];
      await queryRunner
        .query(
          `INSERT INTO monthly_statistics (stat_month, customer_id, type, message_count, total_amount_milli)
SELECT ?, customer_id, type, SUM(message_count), SUM(total_amount_milli)
FROM daily_statistics
WHERE stat_date >= ? AND stat_date <= ?
GROUP BY customer_id, type`,
          [first, first, last],
        )
        .catch((error: Error) =>
          this.dialect.backFillFailed(queryRunner, error, {
            adding: 'the monthly counters',
            period: month,
            from: { table: 'daily_statistics', column: 'stat_date' },
            first,
            last,
          }),
        );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('monthly_statistics');
  }
}

/** The last day of a month YYYY-MM, YYYY-MM-DD. */
function lastDayOfMonth(month: string): string {
  const [year, number] = month.split('-').map(Number);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return `${month}-${days[number - 1]}`;
}
