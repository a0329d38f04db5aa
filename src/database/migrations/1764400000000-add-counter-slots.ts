import { MigrationInterface, QueryRunner } from 'typeorm';
import type { CounterTable, MigrationDialect } from './migration-dialect';

/**
 * Splits each counter into slots: a `slot` column joins the key of the
 * daily and monthly counters, and a counter is the sum of its slots' rows.
 * On a single server every increment goes to slot 0, so every counter stays
 * one row. On a Galera cluster each node increments its own slot, so
 * writers on different nodes never update the same row: there, two
 * transactions that touch one row on two nodes abort the later one at
 * COMMIT, and batches touching hundreds of counters collided nearly always.
 * Every read already sums rows per group.
 *
 * How the key changes depends on the database
 * (MigrationDialect.setCounterSlot): in place where it can be, with writes
 * going on, or copied. Reverting folds every counter's slots into one row
 * first.
 */
export class AddCounterSlots1764400000000 implements MigrationInterface {
  name = 'AddCounterSlots1764400000000';

  constructor(private readonly dialect: MigrationDialect) {}

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await this.dialect.setCounterSlot(queryRunner, table, true);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      // One row per counter, in slot 0: every counter kept in more than one
      // row, or in another slot, is replaced by the sum of its rows.
      const key = table.key.join(', ');
      const folded = `${table.name}_folded`;
      await queryRunner.query(
        `CREATE TABLE ${folded} AS
SELECT ${key}, SUM(message_count) AS message_count, SUM(total_amount_milli) AS total_amount_milli
FROM ${table.name} GROUP BY ${key} HAVING COUNT(*) > 1 OR MAX(slot) > 0`,
      );
      await queryRunner.query(
        `DELETE FROM ${table.name} WHERE EXISTS (SELECT 1 FROM ${folded} f WHERE ${table.key.map((c) => `f.${c} = ${table.name}.${c}`).join(' AND ')})`,
      );
      await queryRunner.query(
        `INSERT INTO ${table.name} (${key}, slot, message_count, total_amount_milli)
SELECT ${key}, 0, message_count, total_amount_milli FROM ${folded}`,
      );
      await queryRunner.query(`DROP TABLE ${folded}`);
      await this.dialect.setCounterSlot(queryRunner, table, false);
    }
  }
}

const TABLES: CounterTable[] = [
  {
    name: 'daily_statistics',
    key: ['stat_date', 'customer_id', 'type'],
    lastKeyColumn: 'stat_date',
  },
  {
    name: 'monthly_statistics',
    key: ['stat_month', 'customer_id', 'type'],
    lastKeyColumn: 'type',
  },
];
