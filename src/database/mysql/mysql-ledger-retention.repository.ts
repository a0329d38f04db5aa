import {
  LedgerRetentionRepository,
  readCount,
} from '../repositories/ledger-retention.repository';

/** One chunk of retention: the oldest rows first, through the day index. */
export const REMOVE_BEFORE =
  'DELETE FROM messages WHERE stat_date < ? ORDER BY stat_date LIMIT ?';

/**
 * Retention on MySQL/MariaDB: rows removed a chunk at a time in day order
 * through the day index, each chunk its own short transaction.
 */
export class MysqlLedgerRetentionRepository extends LedgerRetentionRepository {
  removeBefore(day: string, limit: number): Promise<number> {
    // READ COMMITTED: no gap locks, so an insert of a later day into the
    // gap after the last row removed never waits for this.
    return this.changedRows(
      REMOVE_BEFORE,
      [day, limit],
      ['SET TRANSACTION ISOLATION LEVEL READ COMMITTED'],
    );
  }

  /** InnoDB's own figures: the row count is its estimate, the bytes its allocated pages. */
  async size(): Promise<{ rows: number; bytes: number }> {
    const [row] = await this.dataSource.query<Array<Record<string, unknown>>>(
      `SELECT TABLE_ROWS AS row_count, DATA_LENGTH + INDEX_LENGTH AS bytes
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'messages'`,
    );
    return { rows: readCount(row?.row_count), bytes: readCount(row?.bytes) };
  }
}
