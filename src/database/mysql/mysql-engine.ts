import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../../config/app-config';
import type { DatabaseEngine } from '../database-engine';
import { MysqlLedgerRetentionRepository } from './mysql-ledger-retention.repository';
import { migrationsFor } from '../migrations/all-migrations';
import { MYSQL_MIGRATION_DIALECT } from './mysql-migration-dialect';
import { DropTimedOutConnectionSubscriber } from './drop-timed-out-connection.subscriber';
import { GaleraMessageLedgerRepository } from './galera-message-ledger.repository';
import { MYSQL_COLUMN_TYPES } from './mysql-column-types';
import { mysqlConnectionOptions } from './mysql-connection-options';
import { MYSQL_DIALECT } from './mysql-dialect';
import { MysqlMessageLedgerRepository } from './mysql-message-ledger.repository';
import { withMysqlMigrationLock } from './mysql-migration-lock';
import { MysqlReadinessPing } from './mysql-readiness-ping';
import { MysqlStatisticsAuditRepository } from './mysql-statistics-audit.repository';
import { mysql2WithSessionSettings } from './mysql2-session-settings';
import { topologyOf } from './topology';

/**
 * MySQL or MariaDB, on a single server or on a node of a Galera cluster
 * (asked of the server once: topologyOf). Galera differs in its ledger,
 * its migration lock and its causal reads.
 */
export function mysqlEngine(
  database: Extract<DatabaseConfig, { type: 'mysql' }>,
): DatabaseEngine {
  const topology = () => topologyOf(database.url);
  return {
    dialect: MYSQL_DIALECT,
    migrations: migrationsFor(MYSQL_MIGRATION_DIALECT),
    columnTypes: MYSQL_COLUMN_TYPES,
    connectionOptions: () => mysqlConnectionOptions(database),
    serviceOptions: async ({ queryTimeoutMs, lockWaitTimeoutS }) => ({
      // A database that stops answering must not hold a request, or a
      // group-commit slot, forever: mysql2 drops the connection and the
      // request gets a 503. (Not for the CLI: a rebuild may take longer.)
      maxQueryExecutionTime: queryTimeoutMs,
      enableQueryTimeout: true,
      subscribers: [DropTimedOutConnectionSubscriber],
      driver: mysql2WithSessionSettings({
        // A lock held elsewhere fails a statement early enough to retry it.
        lockWaitTimeoutS,
        causalReads: (await topology()).galera,
      }),
    }),
    ledger: async (dataSource, metrics) => {
      const { galera, counterSlot } = await topology();
      return galera
        ? new GaleraMessageLedgerRepository(dataSource, metrics, counterSlot)
        : new MysqlMessageLedgerRepository(dataSource, metrics);
    },
    audit: (dataSource) => new MysqlStatisticsAuditRepository(dataSource),
    retention: (dataSource) => new MysqlLedgerRetentionRepository(dataSource),
    readinessPing: () => new MysqlReadinessPing(database.url),
    withMigrationLock: async <T>(
      dataSource: DataSource,
      work: () => Promise<T>,
    ) => withMysqlMigrationLock(dataSource, (await topology()).galera, work),
  };
}
