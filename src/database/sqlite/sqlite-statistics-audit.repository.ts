import type { Database } from 'better-sqlite3';
import { DataSource, EntityManager } from 'typeorm';
import { SQLITE_DIALECT } from './sqlite-dialect';
import {
  SnapshotQueries,
  StatisticsAuditRepository,
} from '../repositories/statistics-audit.repository';

export class SqliteStatisticsAuditRepository extends StatisticsAuditRepository {
  constructor(dataSource: DataSource) {
    super(dataSource, SQLITE_DIALECT);
  }

  /** One read transaction, run synchronously so that nothing in this process interleaves with it. */
  protected readInOneSnapshot(
    queries: SnapshotQueries,
  ): Promise<Array<Record<string, unknown>[]>> {
    const { databaseConnection } = this.dataSource.driver as unknown as {
      databaseConnection: Database;
    };
    return Promise.resolve(
      databaseConnection.transaction(() =>
        queries.map(
          ({ sql, parameters }) =>
            databaseConnection.prepare(sql).all(...parameters) as Record<
              string,
              unknown
            >[],
        ),
      )(),
    );
  }

  protected rebuildTransaction(
    work: (manager: EntityManager) => Promise<void>,
  ): Promise<void> {
    return this.dataSource.transaction(work);
  }
}
