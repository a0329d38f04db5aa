import { DataSource, EntityManager } from 'typeorm';
import { MYSQL_DIALECT } from './mysql-dialect';
import {
  SnapshotQueries,
  StatisticsAuditRepository,
} from '../repositories/statistics-audit.repository';

export class MysqlStatisticsAuditRepository extends StatisticsAuditRepository {
  constructor(dataSource: DataSource) {
    super(dataSource, MYSQL_DIALECT);
  }

  /** One connection, one REPEATABLE READ snapshot. */
  protected async readInOneSnapshot(
    queries: SnapshotQueries,
  ): Promise<Array<Record<string, unknown>[]>> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(
        'SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY',
      );
      await runner.query('START TRANSACTION WITH CONSISTENT SNAPSHOT');
      const results: Array<Record<string, unknown>[]> = [];
      for (const { sql, parameters } of queries) {
        results.push(
          (await runner.query(sql, parameters)) as Record<string, unknown>[],
        );
      }
      await runner.query('COMMIT');
      return results;
    } finally {
      await runner.release();
    }
  }

  /**
   * READ COMMITTED: the ledger is read without locking its rows, so
   * ingestion waits for fewer of the rebuild's locks.
   */
  protected rebuildTransaction(
    work: (manager: EntityManager) => Promise<void>,
  ): Promise<void> {
    return this.dataSource.transaction('READ COMMITTED', work);
  }
}
