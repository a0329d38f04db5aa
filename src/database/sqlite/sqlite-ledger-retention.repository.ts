import {
  LedgerRetentionRepository,
  readCount,
  RemovalStep,
} from '../repositories/ledger-retention.repository';

/** One chunk of retention: the oldest rows first, through the day index. */
export const REMOVE_BEFORE = `DELETE FROM messages WHERE uuid IN (
  SELECT uuid FROM messages WHERE stat_date < ? ORDER BY stat_date LIMIT ?)`;

/**
 * Retention on SQLite: rows removed a chunk at a time through the day
 * index, each chunk one statement (SQLite's DELETE takes no LIMIT unless
 * compiled to).
 */
export class SqliteLedgerRetentionRepository extends LedgerRetentionRepository {
  async removeStepBefore(day: string, limit: number): Promise<RemovalStep> {
    const removed = await this.changedRows(REMOVE_BEFORE, [day, limit]);
    return { removed, done: removed < limit };
  }

  /** The exact count, and the pages of the table and its indexes. */
  async size(): Promise<{ rows: number; bytes: number }> {
    const [count] = await this.dataSource.query<Array<Record<string, unknown>>>(
      'SELECT COUNT(*) AS row_count FROM messages',
    );
    const [pages] = await this.dataSource.query<Array<Record<string, unknown>>>(
      `SELECT SUM(pgsize) AS bytes FROM dbstat
WHERE name = 'messages' OR name IN (SELECT name FROM sqlite_schema WHERE tbl_name = 'messages' AND type = 'index')`,
    );
    return {
      rows: readCount(count?.row_count),
      bytes: readCount(pages?.bytes),
    };
  }
}
