import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';
import type { Topology } from './database-topology';
import type { MetricsService } from '../metrics/metrics.service';
import { GaleraMessageLedgerRepository } from './repositories/galera-message-ledger.repository';
import { MessageLedgerRepository } from './repositories/message-ledger.repository';
import { MysqlMessageLedgerRepository } from './repositories/mysql-message-ledger.repository';
import { MysqlStatisticsAuditRepository } from './repositories/mysql-statistics-audit.repository';
import { SqliteMessageLedgerRepository } from './repositories/sqlite-message-ledger.repository';
import { SqliteStatisticsAuditRepository } from './repositories/sqlite-statistics-audit.repository';
import { StatisticsAuditRepository } from './repositories/statistics-audit.repository';
import { MYSQL_DIALECT, SQLITE_DIALECT, SqlDialect } from './sql-dialect';

/** What differs by database, as one set: the only place that tells the databases apart. */
export interface DatabaseImplementations {
  dialect: SqlDialect;
  ledger(
    dataSource: DataSource,
    metrics: MetricsService,
    topology: Topology,
  ): MessageLedgerRepository;
  audit(dataSource: DataSource): StatisticsAuditRepository;
}

const MYSQL: DatabaseImplementations = {
  dialect: MYSQL_DIALECT,
  ledger: (dataSource, metrics, topology) =>
    topology.galera
      ? new GaleraMessageLedgerRepository(
          dataSource,
          metrics,
          topology.counterSlot,
        )
      : new MysqlMessageLedgerRepository(dataSource, metrics),
  audit: (dataSource) => new MysqlStatisticsAuditRepository(dataSource),
};

const SQLITE: DatabaseImplementations = {
  dialect: SQLITE_DIALECT,
  ledger: (dataSource, metrics) =>
    new SqliteMessageLedgerRepository(dataSource, metrics),
  audit: (dataSource) => new SqliteStatisticsAuditRepository(dataSource),
};

export function implementationsFor(
  database: Pick<DatabaseConfig, 'type'>,
): DatabaseImplementations {
  return database.type === 'mysql' ? MYSQL : SQLITE;
}
