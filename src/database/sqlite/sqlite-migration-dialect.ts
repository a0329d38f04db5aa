import type { QueryRunner } from 'typeorm';
import type {
  CounterTable,
  DailyKeys,
  MigrationDialect,
} from '../migrations/migration-dialect';
import { refuseSqliteOverflow } from './refuse-sqlite-overflow';

const EXACT_TOTAL = `typeof("total_amount_milli") = 'integer'`;

/**
 * What the migrations do on SQLite, frozen as they first did it. SQLite
 * cannot change a primary key, so a table whose key changes is copied
 * into a new one, spelled out in SQL so that its columns keep their order
 * (in the migration's transaction, like every step). Its integer sums turn
 * into floats past 2^63 − 1: a CHECK refuses them.
 */
export const SQLITE_MIGRATION_DIALECT: MigrationDialect = {
  types: {
    uuid: { type: 'varchar', length: '36' },
    messageType: { type: 'varchar', length: '64' },
    counter: { type: 'bigint' },
    // SQLite has no wider integer than a day's.
    wideTotal: { type: 'bigint' },
    receivedAt: { type: 'datetime' },
    slot: { type: 'integer' },
  },
  exactTotalChecks: (table) => [
    { name: `chk_${table}_exact_total`, expression: EXACT_TOTAL },
  ],
  rekeyDailyStatistics: copyDailyStatistics,
  setCounterSlot: copyCounterTable,
  // SQLite has no partitions: its ledger stays keyed by the uuid's text.
  keyLedgerByDay: () => Promise.resolve(),
  keyLedgerByUuid: () => Promise.resolve(),
  async addNullableInstant(queryRunner, table, column) {
    await queryRunner.query(
      `ALTER TABLE "${table}" ADD COLUMN "${column}" datetime`,
    );
  },
  async addNullableText(queryRunner, table, column, length) {
    await queryRunner.query(
      `ALTER TABLE "${table}" ADD COLUMN "${column}" varchar(${length})`,
    );
  },
  // Instants are text, "YYYY-MM-DD HH:MM:SS.mmm".
  quarterOfDay: (expression) =>
    `(CAST(substr(${expression}, 12, 2) AS INTEGER) * 4 + CAST(substr(${expression}, 15, 2) AS INTEGER) / 15)`,
  backFillFailed: refuseSqliteOverflow,
};

const quoted = (names: string[]) => names.map((name) => `"${name}"`).join(', ');

/** The daily counters copied into a table of this key and index, under the same name. */
async function copyDailyStatistics(
  queryRunner: QueryRunner,
  { primaryKey, index }: DailyKeys,
): Promise<void> {
  await queryRunner.query(
    `CREATE TABLE "daily_statistics_rekeyed" ("customer_id" bigint NOT NULL, "type" varchar(64) NOT NULL, "stat_date" date NOT NULL, "message_count" bigint NOT NULL, "total_amount_milli" bigint NOT NULL, CONSTRAINT "chk_daily_statistics_exact_total" CHECK ((${EXACT_TOTAL})), PRIMARY KEY (${quoted(primaryKey)}))`,
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

/** How AddCounterSlots1764400000000 found each counter table: its columns in order, slot aside. */
const COUNTER_TABLES: Record<
  CounterTable['name'],
  { columns: string; select: string; index?: string }
> = {
  daily_statistics: {
    columns: `"customer_id" bigint NOT NULL, "type" varchar(64) NOT NULL, "stat_date" date NOT NULL, %SLOT%"message_count" bigint NOT NULL, "total_amount_milli" bigint NOT NULL`,
    select: `"customer_id", "type", "stat_date", %SLOT%"message_count", "total_amount_milli"`,
    index: `CREATE INDEX "idx_daily_statistics_group" ON "daily_statistics" ("customer_id", "type", "stat_date")`,
  },
  monthly_statistics: {
    columns: `"stat_month" date NOT NULL, "customer_id" bigint NOT NULL, "type" varchar(64) NOT NULL, %SLOT%"message_count" bigint NOT NULL, "total_amount_milli" bigint NOT NULL`,
    select: `"stat_month", "customer_id", "type", %SLOT%"message_count", "total_amount_milli"`,
  },
};

/** A counter table copied into one with (or without) the slot, under the same name. */
async function copyCounterTable(
  queryRunner: QueryRunner,
  table: CounterTable,
  withSlot: boolean,
): Promise<void> {
  const shape = COUNTER_TABLES[table.name];
  const key = withSlot ? [...table.key, 'slot'] : table.key;
  const columns = shape.columns.replace(
    '%SLOT%',
    withSlot ? '"slot" integer NOT NULL DEFAULT (0), ' : '',
  );
  const copied = `${table.name}_copy`;
  await queryRunner.query(
    `CREATE TABLE "${copied}" (${columns}, CONSTRAINT "chk_${table.name}_exact_total" CHECK ((${EXACT_TOTAL})), PRIMARY KEY (${quoted(key)}))`,
  );
  const select = shape.select.replace('%SLOT%', '');
  await queryRunner.query(
    `INSERT INTO "${copied}" (${select}) SELECT ${select} FROM "${table.name}"`,
  );
  await queryRunner.query(`DROP TABLE "${table.name}"`);
  await queryRunner.query(`ALTER TABLE "${copied}" RENAME TO "${table.name}"`);
  if (shape.index) await queryRunner.query(shape.index);
}
