import type { MigrationDialect } from '../migrations/migration-dialect';
import { keyLedgerByDay, keyLedgerByUuid } from './ledger-layout-migration';

/**
 * What the migrations do on MySQL/MariaDB, frozen as they first did it.
 * Keys change in place (ALGORITHM = INPLACE, LOCK = NONE), with writes
 * going on. BIGINT UNSIGNED and DECIMAL sums fail rather than overflow,
 * so back-fills need no diagnosis and totals no CHECK.
 */
export const MYSQL_MIGRATION_DIALECT: MigrationDialect = {
  types: {
    uuid: {
      type: 'char',
      length: '36',
      charset: 'ascii',
      collation: 'ascii_bin',
    },
    messageType: { type: 'varbinary', length: '256' },
    counter: { type: 'bigint', unsigned: true },
    wideTotal: { type: 'decimal', precision: 30, scale: 0 },
    receivedAt: { type: 'datetime', precision: 3 },
    slot: { type: 'tinyint', unsigned: true },
  },
  exactTotalChecks: () => [],
  async rekeyDailyStatistics(queryRunner, keys) {
    await queryRunner.query(
      `ALTER TABLE daily_statistics
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (${keys.primaryKey.join(', ')}),
  DROP INDEX ${keys.dropIndex},
  ADD INDEX ${keys.index.name} (${keys.index.columnNames.join(', ')}),
  ALGORITHM = INPLACE, LOCK = NONE`,
    );
  },
  async setCounterSlot(queryRunner, table, withSlot) {
    await queryRunner.query(
      withSlot
        ? `ALTER TABLE ${table.name}
  ADD COLUMN slot TINYINT UNSIGNED NOT NULL DEFAULT 0 AFTER ${table.lastKeyColumn},
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (${[...table.key, 'slot'].join(', ')}),
  ALGORITHM = INPLACE, LOCK = NONE`
        : `ALTER TABLE ${table.name}
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (${table.key.join(', ')}),
  DROP COLUMN slot,
  ALGORITHM = INPLACE, LOCK = NONE`,
    );
  },
  async addNullableInstant(queryRunner, table, column) {
    await queryRunner.query(
      `ALTER TABLE ${table} ADD COLUMN ${column} DATETIME(3) NULL, ALGORITHM = INSTANT`,
    );
  },
  async addNullableText(queryRunner, table, column, length) {
    await queryRunner.query(
      `ALTER TABLE ${table} ADD COLUMN ${column} VARCHAR(${length}) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL, ALGORITHM = INSTANT`,
    );
  },
  keyLedgerByDay,
  keyLedgerByUuid,
  quarterOfDay: (expression) =>
    `(HOUR(${expression}) * 4 + MINUTE(${expression}) DIV 15)`,
  backFillFailed: (_queryRunner, error) => Promise.reject(error),
};
