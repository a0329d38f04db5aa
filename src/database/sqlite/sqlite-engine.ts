import type { DatabaseConfig } from '../../config/app-config';
import type { DatabaseEngine } from '../database-engine';
import { SqliteLedgerRetentionRepository } from './sqlite-ledger-retention.repository';
import { migrationsFor } from '../migrations/all-migrations';
import { SQLITE_MIGRATION_DIALECT } from './sqlite-migration-dialect';
import { withPingTimeout } from '../ping-timeout';
import { SQLITE_COLUMN_TYPES } from './sqlite-column-types';
import { SQLITE_DIALECT } from './sqlite-dialect';
import { SqliteMessageLedgerRepository } from './sqlite-message-ledger.repository';
import { SqliteStatisticsAuditRepository } from './sqlite-statistics-audit.repository';

/**
 * The embedded default: one file that one service process owns. So it
 * needs no migration lock, no session settings, and its readiness is a
 * query on the data source itself.
 */
export function sqliteEngine(
  database: Extract<DatabaseConfig, { type: 'sqlite' }>,
): DatabaseEngine {
  return {
    dialect: SQLITE_DIALECT,
    migrations: migrationsFor(SQLITE_MIGRATION_DIALECT),
    columnTypes: SQLITE_COLUMN_TYPES,
    connectionOptions: () => ({
      type: 'better-sqlite3',
      database: database.path,
      enableWAL: database.path !== ':memory:',
      // A few writers (say, the CLI beside the service) wait rather than fail.
      timeout: 5000,
    }),
    serviceOptions: () => Promise.resolve({}),
    ledger: (dataSource, metrics) =>
      Promise.resolve(new SqliteMessageLedgerRepository(dataSource, metrics)),
    audit: (dataSource) => new SqliteStatisticsAuditRepository(dataSource),
    retention: (dataSource) => new SqliteLedgerRetentionRepository(dataSource),
    readinessPing: (dataSource) => ({
      ping: () =>
        withPingTimeout(
          dataSource.query('SELECT 1').then(
            () => true,
            () => false,
          ),
        ),
      close: () => Promise.resolve(),
    }),
    withMigrationLock: (_dataSource, work) => work(),
  };
}
