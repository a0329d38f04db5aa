import {
  MigrationInterface,
  QueryRunner,
  Table,
  TableColumnOptions,
} from 'typeorm';

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

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.options.type === 'mysql';
    const messageType: Partial<TableColumnOptions> = mysql
      ? { type: 'varbinary', length: '256' }
      : { type: 'varchar', length: '64' };
    const counter: Partial<TableColumnOptions> = mysql
      ? { type: 'bigint', unsigned: true }
      : { type: 'bigint' };
    // A month holds up to 31 full daily counters: on MySQL its total is a
    // DECIMAL wide enough for them; SQLite has no wider integer than a day's.
    const total: Partial<TableColumnOptions> = mysql
      ? { type: 'decimal', precision: 30, scale: 0 }
      : { type: 'bigint' };

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
        checks: mysql
          ? []
          : [
              {
                name: 'chk_monthly_statistics_exact_total',
                expression: `typeof("total_amount_milli") = 'integer'`,
              },
            ],
      }),
    );

    const [range] = (await queryRunner.query(
      'SELECT MIN(stat_date) AS first, MAX(stat_date) AS last FROM daily_statistics',
    )) as Array<{ first: string | null; last: string | null }>;
    if (range?.first == null || range.last == null) return;
    for (
      let month = String(range.first).slice(0, 7);
      month <= String(range.last).slice(0, 7);
      month = nextMonth(month)
    ) {
      await queryRunner.query(
        `INSERT INTO monthly_statistics (stat_month, customer_id, type, message_count, total_amount_milli)
SELECT ?, customer_id, type, SUM(message_count), SUM(total_amount_milli)
FROM daily_statistics
WHERE stat_date >= ? AND stat_date < ?
GROUP BY customer_id, type`,
        [`${month}-01`, `${month}-01`, `${nextMonth(month)}-01`],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('monthly_statistics');
  }
}

/** The month after YYYY-MM. */
function nextMonth(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return number === 12
    ? `${year + 1}-01`
    : `${year}-${String(number + 1).padStart(2, '0')}`;
}
