import { driverErrorOf } from '../database-errors';
import { placeholders } from '../repositories/ledger-entries';
import {
  LedgerRetentionRepository,
  readCount,
  RemovalStep,
} from '../repositories/ledger-retention.repository';
import { readText } from '../repositories/sql-values';
import { addMonths, monthOf } from '../../common/utc-date';
import { LedgerPartition, monthPartition } from './ledger-partitions';

/** The ledger's partitions, oldest first; `bound` null for MAXVALUE. */
export const LIST_PARTITIONS = `SELECT PARTITION_NAME AS name, PARTITION_DESCRIPTION AS bound
FROM information_schema.PARTITIONS
WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'messages'
ORDER BY PARTITION_ORDINAL_POSITION`;

/** The keys of a partition's rows, a chunk at a time: the first chunk, or the next after a key. */
export const walkSql = (partition: string, after: boolean): string =>
  `SELECT stat_date, uuid FROM messages PARTITION (${partition})
${after ? 'WHERE stat_date > ? OR (stat_date = ? AND uuid > ?)\n' : ''}ORDER BY stat_date, uuid LIMIT ?`;

/** Takes `count` uuids out of message_uuids, if still on a day before the bound. */
export const forgetUuidsSql = (count: number): string =>
  `DELETE FROM message_uuids WHERE uuid IN (${placeholders(count)}) AND stat_date < ?`;

/** Splits the last partition: the months, then itself again. */
export const reorganizeSql = (last: string, months: LedgerPartition[]) =>
  `ALTER TABLE messages REORGANIZE PARTITION ${last} INTO (
  ${months.map((month) => `PARTITION ${month.name} VALUES LESS THAN ('${month.bound}')`).join(',\n  ')},
  PARTITION ${last} VALUES LESS THAN (MAXVALUE)
)`;

/** Drops a month wholly behind the horizon. */
export const retireSql = (partition: string): string =>
  `ALTER TABLE messages DROP PARTITION ${partition}`;

/** The keys of the first partition's oldest rows before a day. */
export const firstKeysSql = (partition: string): string =>
  `SELECT uuid FROM messages PARTITION (${partition})
WHERE stat_date < ? ORDER BY stat_date, uuid LIMIT ?`;

/** Removes the first partition's oldest rows before a day: the ones firstKeysSql read. */
export const removeFirstSql = (partition: string): string =>
  `DELETE FROM messages PARTITION (${partition})
WHERE stat_date < ? ORDER BY stat_date, uuid LIMIT ?`;

/** Month partitions kept ready past this month, so that new rows never land in the last one. */
const MONTHS_AHEAD = 3;

/**
 * A DDL waits this long for transactions using the ledger to end, and
 * every statement on the ledger waits behind it meanwhile: kept short, so
 * that a long check holding the table makes the pass yield, not ingestion
 * stall.
 */
const DDL_LOCK_WAIT_S = 2;

/**
 * Another replica's pass changed the partitions first: gone already
 * (1507), added already (1517), or no longer the last (1493, 1508).
 */
const RACED_DDL = new Set([
  'ER_DROP_PARTITION_NON_EXISTENT',
  'ER_SAME_NAME_PARTITION',
  'ER_RANGE_NOT_INCREASING_ERROR',
  'ER_REORG_PARTITION_NOT_EXIST',
]);

/**
 * Retention on MySQL/MariaDB: the ledger is partitioned by month
 * (KeyLedgerByDay1764900000000), and a month wholly before the horizon is
 * dropped whole, in O(1) whatever its rows. Its uuids are first taken out
 * of `message_uuids` in chunks, walking the partition in key order, so
 * that every uuid message_uuids holds has its ledger row. Rows of the
 * horizon's own month stay until it has passed whole: rows are kept for
 * the retention and at most a month more. The first partition, which
 * takes every day before the first month (the days an upgrade found
 * before its months, or a message's own older time), loses its rows
 * behind the horizon a chunk at a time; the last, which takes every later
 * day, is split ahead of time into months.
 */
export class MysqlLedgerRetentionRepository extends LedgerRetentionRepository {
  /** How far the walk of a partition being dropped has gone: its last key and the rows walked. */
  private walk?: {
    partition: string;
    after?: [string, Buffer];
    rows: number;
  };

  async removeStepBefore(day: string, limit: number): Promise<RemovalStep> {
    const partitions = await this.partitions();
    const behind = partitions.find(
      (partition, position) =>
        position > 0 && partition.bound !== null && partition.bound <= day,
    );
    if (behind) return this.retireStep(behind, limit);
    const first = partitions[0];
    return first
      ? this.removeFirstStep(first.name, day, limit)
      : { removed: 0, done: true };
  }

  /** Splits the last partition into months up to MONTHS_AHEAD past `today`'s month. */
  override async prepareAhead(today: string): Promise<void> {
    const partitions = await this.partitions();
    const last = partitions.at(-1);
    const lastMonthBound = partitions.at(-2)?.bound;
    if (!last || last.bound !== null || !lastMonthBound) return;
    const until = addMonths(monthOf(today), MONTHS_AHEAD + 1);
    const months: LedgerPartition[] = [];
    for (let start = lastMonthBound; start < until;) {
      const month = monthPartition(start);
      months.push(month);
      start = month.bound;
    }
    if (months.length === 0) return;
    await this.ddl(reorganizeSql(last.name, months));
  }

  /** InnoDB's own figures, the ledger's and its uuids': the row count is its estimate, the bytes its allocated pages. */
  async size(): Promise<{ rows: number; bytes: number }> {
    const [row] = await this.dataSource.query<Array<Record<string, unknown>>>(
      `SELECT SUM(CASE TABLE_NAME WHEN 'messages' THEN TABLE_ROWS ELSE 0 END) AS row_count,
  SUM(DATA_LENGTH + INDEX_LENGTH) AS bytes
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ('messages', 'message_uuids')`,
    );
    return { rows: readCount(row?.row_count), bytes: readCount(row?.bytes) };
  }

  /**
   * One step of dropping a month wholly behind the horizon: its next
   * chunk of uuids forgotten, or, the walk done, the partition dropped.
   */
  private async retireStep(
    partition: { name: string; bound: string | null },
    limit: number,
  ): Promise<RemovalStep> {
    const walked = await this.forgetUuids(partition, limit);
    if (walked === limit) return { removed: 0, done: false };
    const rows = this.walk?.rows ?? 0;
    this.walk = undefined;
    await this.ddl(retireSql(partition.name));
    return { removed: rows, done: false };
  }

  /**
   * The first partition takes every day before the first month, on both
   * sides of the horizon: its rows before the horizon are removed a chunk
   * at a time, their uuids first.
   */
  private async removeFirstStep(
    partition: string,
    day: string,
    limit: number,
  ): Promise<RemovalStep> {
    const keys = await this.dataSource.query<Array<{ uuid: Buffer }>>(
      firstKeysSql(partition),
      [day, limit],
    );
    if (keys.length === 0) return { removed: 0, done: true };
    await this.forget(keys, day);
    const removed = await this.changedRows(
      removeFirstSql(partition),
      [day, keys.length],
      ['SET TRANSACTION ISOLATION LEVEL READ COMMITTED'],
    );
    return { removed, done: keys.length < limit };
  }

  /** Takes these uuids out of message_uuids, in one short transaction, if still on a day before `bound`. */
  private async forget(keys: Array<{ uuid: Buffer }>, bound: string) {
    await this.changedRows(
      forgetUuidsSql(keys.length),
      [...keys.map((key) => key.uuid), bound],
      // READ COMMITTED: no gap locks, as ingestion.
      ['SET TRANSACTION ISOLATION LEVEL READ COMMITTED'],
    );
  }

  /**
   * Takes the uuids of up to `limit` more of the partition's rows out of
   * message_uuids, in one short transaction, and answers how many rows it
   * walked: fewer than `limit` when the walk is done. Only a uuid still on
   * the row's day goes (one counted again since would be on a later day).
   */
  private async forgetUuids(
    partition: { name: string; bound: string | null },
    limit: number,
  ): Promise<number> {
    if (this.walk?.partition !== partition.name) {
      this.walk = { partition: partition.name, rows: 0 };
    }
    const after = this.walk.after;
    const keys = await this.dataSource.query<
      Array<{ stat_date: unknown; uuid: Buffer }>
    >(walkSql(partition.name, after !== undefined), [
      ...(after ? [after[0], ...after] : []),
      limit,
    ]);
    if (keys.length === 0) return 0;
    await this.forget(keys, partition.bound!);
    const lastKey = keys.at(-1)!;
    this.walk.after = [readText(lastKey.stat_date).slice(0, 10), lastKey.uuid];
    this.walk.rows += keys.length;
    return keys.length;
  }

  private async partitions(): Promise<
    Array<{ name: string; bound: string | null }>
  > {
    const listed =
      await this.dataSource.query<Array<Record<string, unknown>>>(
        LIST_PARTITIONS,
      );
    return listed.map((row) => ({
      name: readText(row.name),
      bound:
        row.bound === 'MAXVALUE' ? null : readText(row.bound).replace(/'/g, ''),
    }));
  }

  /** A partition change, waiting at most DDL_LOCK_WAIT_S for the ledger's users; a race lost to another replica is no error. */
  private async ddl(sql: string): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SET SESSION lock_wait_timeout = ${DDL_LOCK_WAIT_S}`);
      await runner.query(sql);
    } catch (error) {
      if (!RACED_DDL.has(String(driverErrorOf(error).code))) throw error;
    } finally {
      // The connection goes back to the pool: as it was.
      await runner
        .query('SET SESSION lock_wait_timeout = @@GLOBAL.lock_wait_timeout')
        .catch(() => undefined);
      await runner.release();
    }
  }
}
