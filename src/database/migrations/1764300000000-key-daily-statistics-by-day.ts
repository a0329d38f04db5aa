import { MigrationInterface, QueryRunner } from 'typeorm';

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
 * MySQL/MariaDB rebuilds the table in place with concurrent writes allowed;
 * SQLite cannot change a primary key, so its table is copied into a new one
 * (in the migration's transaction, like every step here).
 * Types are frozen here on purpose (a migration must not change when
 * entities do).
 */
export class KeyDailyStatisticsByDay1764300000000 implements MigrationInterface {
  name = 'KeyDailyStatisticsByDay1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await rekey(queryRunner, {
      primaryKey: ['stat_date', 'customer_id', 'type'],
      dropIndex: 'idx_daily_statistics_date',
      index: {
        name: 'idx_daily_statistics_group',
        columnNames: ['customer_id', 'type', 'stat_date'],
      },
    });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await rekey(queryRunner, {
      primaryKey: ['customer_id', 'type', 'stat_date'],
      dropIndex: 'idx_daily_statistics_group',
      index: {
        name: 'idx_daily_statistics_date',
        columnNames: ['stat_date', 'customer_id', 'type'],
      },
    });
  }
}

interface Keys {
  primaryKey: string[];
  dropIndex: string;
  index: { name: string; columnNames: string[] };
}

const quoted = (names: string[]) => names.map((name) => `"${name}"`).join(', ');

async function rekey(queryRunner: QueryRunner, keys: Keys): Promise<void> {
  if (queryRunner.connection.options.type === 'mysql') {
    await queryRunner.query(
      `ALTER TABLE daily_statistics
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (${keys.primaryKey.join(', ')}),
  DROP INDEX ${keys.dropIndex},
  ADD INDEX ${keys.index.name} (${keys.index.columnNames.join(', ')}),
  ALGORITHM = INPLACE, LOCK = NONE`,
    );
  } else {
    await copySqliteTable(queryRunner, keys);
  }
}

/**
 * SQLite's daily counters copied into a table of this key and index, under
 * the same name. Spelled out in SQL so that the columns keep their order
 * (the Table API would order them as the key).
 */
async function copySqliteTable(
  queryRunner: QueryRunner,
  { primaryKey, index }: Keys,
): Promise<void> {
  await queryRunner.query(
    `CREATE TABLE "daily_statistics_rekeyed" ("customer_id" bigint NOT NULL, "type" varchar(64) NOT NULL, "stat_date" date NOT NULL, "message_count" bigint NOT NULL, "total_amount_milli" bigint NOT NULL, CONSTRAINT "chk_daily_statistics_exact_total" CHECK ((typeof("total_amount_milli") = 'integer')), PRIMARY KEY (${quoted(primaryKey)}))`,
  );
  await queryRunner.query(
    'INSERT INTO "daily_statistics_rekeyed" SELECT "customer_id", "type", "stat_date", "message_count", "total_amount_milli" FROM "daily_statistics"',
  );
  await queryRunner.query('DROP TABLE "daily_statistics"');
  await queryRunner.query(
    'ALTER TABLE "daily_statistics_rekeyed" RENAME TO "daily_statistics"',
  );
  await queryRunner.query(
    `CREATE INDEX "${index.name}" ON "daily_statistics" (${quoted(index.columnNames)})`,
  );
}
