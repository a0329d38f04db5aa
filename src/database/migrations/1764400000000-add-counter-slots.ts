import { MigrationInterface, QueryRunner } from 'typeorm';

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
 * MySQL/MariaDB rebuilds the tables in place with concurrent writes
 * allowed; SQLite cannot change a primary key, so its tables are copied.
 * Reverting folds every counter's slots into one row first. Types are
 * frozen here on purpose (a migration must not change when entities do).
 */
export class AddCounterSlots1764400000000 implements MigrationInterface {
  name = 'AddCounterSlots1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      if (queryRunner.connection.options.type === 'mysql') {
        await queryRunner.query(
          `ALTER TABLE ${table.name}
  ADD COLUMN slot TINYINT UNSIGNED NOT NULL DEFAULT 0 AFTER ${table.lastKeyColumn},
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (${[...table.key, 'slot'].join(', ')}),
  ALGORITHM = INPLACE, LOCK = NONE`,
        );
      } else {
        await copySqliteTable(queryRunner, table, true);
      }
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
      if (queryRunner.connection.options.type === 'mysql') {
        await queryRunner.query(
          `ALTER TABLE ${table.name}
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (${key}),
  DROP COLUMN slot,
  ALGORITHM = INPLACE, LOCK = NONE`,
        );
      } else {
        await copySqliteTable(queryRunner, table, false);
      }
    }
  }
}

interface CounterTable {
  name: 'daily_statistics' | 'monthly_statistics';
  /** The key as it is, without the slot. */
  key: string[];
  /** The key column the slot follows in the table's column order. */
  lastKeyColumn: string;
  /** SQLite: the columns in their table order, with their types, slot aside. */
  sqliteColumns: string;
  sqliteSelect: string;
  sqliteCheck: string;
  sqliteIndex?: string;
}

const TABLES: CounterTable[] = [
  {
    name: 'daily_statistics',
    key: ['stat_date', 'customer_id', 'type'],
    lastKeyColumn: 'stat_date',
    sqliteColumns: `"customer_id" bigint NOT NULL, "type" varchar(64) NOT NULL, "stat_date" date NOT NULL, %SLOT%"message_count" bigint NOT NULL, "total_amount_milli" bigint NOT NULL`,
    sqliteSelect: `"customer_id", "type", "stat_date", %SLOT%"message_count", "total_amount_milli"`,
    sqliteCheck: 'chk_daily_statistics_exact_total',
    sqliteIndex: `CREATE INDEX "idx_daily_statistics_group" ON "daily_statistics" ("customer_id", "type", "stat_date")`,
  },
  {
    name: 'monthly_statistics',
    key: ['stat_month', 'customer_id', 'type'],
    lastKeyColumn: 'type',
    sqliteColumns: `"stat_month" date NOT NULL, "customer_id" bigint NOT NULL, "type" varchar(64) NOT NULL, %SLOT%"message_count" bigint NOT NULL, "total_amount_milli" bigint NOT NULL`,
    sqliteSelect: `"stat_month", "customer_id", "type", %SLOT%"message_count", "total_amount_milli"`,
    sqliteCheck: 'chk_monthly_statistics_exact_total',
  },
];

/**
 * SQLite's counters copied into a table with (or without) the slot, under
 * the same name. Spelled out in SQL so that the columns keep their order.
 */
async function copySqliteTable(
  queryRunner: QueryRunner,
  table: CounterTable,
  withSlot: boolean,
): Promise<void> {
  const key = withSlot ? [...table.key, 'slot'] : table.key;
  const columns = table.sqliteColumns.replace(
    '%SLOT%',
    withSlot ? '"slot" integer NOT NULL DEFAULT (0), ' : '',
  );
  const copied = `${table.name}_copy`;
  await queryRunner.query(
    `CREATE TABLE "${copied}" (${columns}, CONSTRAINT "${table.sqliteCheck}" CHECK ((typeof("total_amount_milli") = 'integer')), PRIMARY KEY (${key.map((c) => `"${c}"`).join(', ')}))`,
  );
  const select = table.sqliteSelect.replace('%SLOT%', '');
  await queryRunner.query(
    `INSERT INTO "${copied}" (${select}) SELECT ${select} FROM "${table.name}"`,
  );
  await queryRunner.query(`DROP TABLE "${table.name}"`);
  await queryRunner.query(`ALTER TABLE "${copied}" RENAME TO "${table.name}"`);
  if (table.sqliteIndex) await queryRunner.query(table.sqliteIndex);
}
