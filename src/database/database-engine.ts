import type {
  DataSource,
  DataSourceOptions,
  MigrationInterface,
} from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';
import type { MetricsService } from '../metrics/metrics.service';
import type { ColumnTypes } from './column-types';
import { mysqlEngine } from './mysql/mysql-engine';
import type { LedgerRetentionRepository } from './repositories/ledger-retention.repository';
import type { MessageLedgerRepository } from './repositories/message-ledger.repository';
import type { StatisticsAuditRepository } from './repositories/statistics-audit.repository';
import type { SqlDialect } from './sql-dialect';
import { sqliteEngine } from './sqlite/sqlite-engine';

/** Whether the database answers, asked by readiness. */
export interface ReadinessPing {
  /** True when the database answers a trivial query within two seconds. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** What the running service sets on top of the data source's options. */
export interface ServiceSettings {
  queryTimeoutMs: number;
  lockWaitTimeoutS: number;
}

/**
 * Everything that differs by database, as one object. Each database's
 * folder (mysql/, sqlite/) builds its own; engineFor picks one, once.
 * Nothing outside those folders tells the databases apart.
 */
export interface DatabaseEngine {
  /** What the shared repositories' SQL says differently. */
  dialect: SqlDialect;
  columnTypes: ColumnTypes;
  /** The schema's migrations, oldest first, as this database runs them. */
  migrations: Array<new () => MigrationInterface>;
  /** How to connect: the driver and its options, for the service and the CLI alike. */
  connectionOptions(): Partial<DataSourceOptions>;
  /** What the running service adds to them: timeouts, session settings. */
  serviceOptions(
    settings: ServiceSettings,
  ): Promise<Partial<DataSourceOptions>>;
  /** The ledger, as this database records a batch in one transaction. */
  ledger(
    dataSource: DataSource,
    metrics: MetricsService,
  ): Promise<MessageLedgerRepository>;
  audit(dataSource: DataSource): StatisticsAuditRepository;
  retention(dataSource: DataSource): LedgerRetentionRepository;
  readinessPing(dataSource: DataSource): ReadinessPing;
  /** Runs `work` (the pending migrations) while no other process runs them. */
  withMigrationLock<T>(
    dataSource: DataSource,
    work: () => Promise<T>,
  ): Promise<T>;
}

/** The injection token of the configured database's engine. */
export const DATABASE_ENGINE = Symbol('DatabaseEngine');

/** The configured database's engine: the one place the databases are told apart. */
export function engineFor(database: DatabaseConfig): DatabaseEngine {
  return database.type === 'mysql'
    ? mysqlEngine(database)
    : sqliteEngine(database);
}
