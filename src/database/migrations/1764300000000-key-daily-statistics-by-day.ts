import { MigrationInterface, QueryRunner } from 'typeorm';
import type { MigrationDialect } from './migration-dialect';

/**
 * Re-keys the daily counters day first, like the monthly ones: the
 * primary key becomes (stat_date, customer_id, type) and the index
 * (customer_id, type, stat_date). InnoDB stores a row inside its primary
 * key and a secondary index holds only key columns, so "all customers on
 * these days" (every answer's edge days, day-grouped listings, the
 * back-fills) now reads the rows themselves as one range per day instead
 * of an index entry and a primary-key look-up per row; one customer's long
 * day ranges take the index and a look-up per row they return. Increments
 * touch neither index's columns, so writes cost what they did.
 *
 * How depends on the database (MigrationDialect.rekeyDailyStatistics):
 * rebuilt in place where it can be, with writes going on, or copied.
 */
export class KeyDailyStatisticsByDay1764300000000 implements MigrationInterface {
  name = 'KeyDailyStatisticsByDay1764300000000';

  constructor(private readonly dialect: MigrationDialect) {}

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.dialect.rekeyDailyStatistics(queryRunner, {
      primaryKey: ['stat_date', 'customer_id', 'type'],
      dropIndex: 'idx_daily_statistics_date',
      index: {
        name: 'idx_daily_statistics_group',
        columnNames: ['customer_id', 'type', 'stat_date'],
      },
    });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.dialect.rekeyDailyStatistics(queryRunner, {
      primaryKey: ['customer_id', 'type', 'stat_date'],
      dropIndex: 'idx_daily_statistics_group',
      index: {
        name: 'idx_daily_statistics_date',
        columnNames: ['stat_date', 'customer_id', 'type'],
      },
    });
  }
}
