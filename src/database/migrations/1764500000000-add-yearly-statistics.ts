import {
  MigrationInterface,
  QueryRunner,
  Table,
  TableColumnOptions,
} from 'typeorm';

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

    const [range] = (await queryRunner.query(
      'SELECT MIN(stat_month) AS first, MAX(stat_month) AS last FROM monthly_statistics',
    )) as Array<{ first: string | null; last: string | null }>;
    if (range?.first == null || range.last == null) return;
    const last = Number(String(range.last).slice(0, 4));
    for (
      let year = Number(String(range.first).slice(0, 4));
      year <= last;
      year++
    ) {
      const first = `${String(year).padStart(4, '0')}-01-01`;
      const next = `${String(year + 1).padStart(4, '0')}-01-01`;
      await queryRunner.query(
        `INSERT INTO yearly_statistics (stat_year, customer_id, type, slot, message_count, total_amount_milli)
SELECT ?, customer_id, type, slot, SUM(message_count), SUM(total_amount_milli)
FROM monthly_statistics
WHERE stat_month >= ? AND stat_month < ?
GROUP BY customer_id, type, slot`,
        [first, first, next],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('yearly_statistics');
  }
}
