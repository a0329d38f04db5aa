import {
  MigrationInterface,
  QueryRunner,
  Table,
  TableColumnOptions,
} from 'typeorm';
import { refuseSqliteOverflow } from './refuse-sqlite-overflow';

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

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.options.type === 'mysql';
    const messageType: Partial<TableColumnOptions> = mysql
      ? { type: 'varbinary', length: '256' }
      : { type: 'varchar', length: '64' };
    const counter: Partial<TableColumnOptions> = mysql
      ? { type: 'bigint', unsigned: true }
      : { type: 'bigint' };
    // A year holds up to 366 full daily counters: DECIMAL(30, 0) holds
    // them on MySQL; SQLite has no wider integer than a day's.
    const total: Partial<TableColumnOptions> = mysql
      ? { type: 'decimal', precision: 30, scale: 0 }
      : { type: 'bigint' };
    const slot: Partial<TableColumnOptions> = mysql
      ? { type: 'tinyint', unsigned: true }
      : { type: 'integer' };

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
        checks: mysql
          ? []
          : [
              {
                name: 'chk_yearly_statistics_exact_total',
                expression: `typeof("total_amount_milli") = 'integer'`,
              },
            ],
      }),
    );

    // The years that hold monthly counters, each bounded by its last day:
    // the year after 9999 would be "10000-01-01", which MySQL refuses and
    // SQLite sorts before "9999-…".
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
          refuseSqliteOverflow(queryRunner, error, {
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
