import { Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Amount } from '../../common/amount';
import { retryingTransaction } from '../retrying-transaction';
import { readExactSum, SqlDialect } from '../sql-dialect';
import { readSafeInteger, readText } from './sql-values';

/** A counter as stored, and as the ledger says it should be; a missing side counts as zero. */
export interface CounterDifference {
  customerId: number;
  date: string;
  type: string;
  stored: { messageCount: number; totalAmount: Amount };
  fromLedger: { messageCount: number; totalAmount: Amount };
}

/** Read-only queries that must see the same data. */
export type SnapshotQueries = Array<{ sql: string; parameters: unknown[] }>;

/**
 * Checks the daily counters against the ledger they were counted from, and
 * rebuilds them from it. The ledger is the record; the counters are derived.
 * How reads share one snapshot, and the transaction a rebuild runs in,
 * differ by database (MysqlStatisticsAuditRepository,
 * SqliteStatisticsAuditRepository); the checks and the rebuild do not.
 */
export abstract class StatisticsAuditRepository {
  private readonly logger = new Logger(StatisticsAuditRepository.name);

  constructor(
    protected readonly dataSource: DataSource,
    private readonly dialect: SqlDialect,
  ) {}

  /** Runs the queries in one snapshot and answers their rows, in order. */
  protected abstract readInOneSnapshot(
    queries: SnapshotQueries,
  ): Promise<Array<Record<string, unknown>[]>>;

  /** Runs `work` in the transaction a day's rebuild needs. */
  protected abstract rebuildTransaction(
    work: (manager: EntityManager) => Promise<void>,
  ): Promise<void>;

  /**
   * Every (customer, day, type) of the interval whose counter differs from
   * the ledger. Both are read in one snapshot: ingestion writes a message and
   * its increment in one transaction, so any snapshot holds both or neither,
   * while two separate reads would see a message without its increment.
   */
  async differences(from: string, to: string): Promise<CounterDifference[]> {
    const [stored, fromLedger] = await this.readInOneSnapshot([
      {
        sql: `SELECT customer_id, stat_date, type, message_count, ${this.dialect.exactInteger('total_amount_milli')} AS total
FROM daily_statistics WHERE stat_date BETWEEN ? AND ?`,
        parameters: [from, to],
      },
      {
        sql: `SELECT customer_id, stat_date, type, COUNT(*) AS message_count, ${this.dialect.exactSum('amount_milli', 'total')}
FROM messages WHERE stat_date BETWEEN ? AND ?
GROUP BY customer_id, stat_date, type`,
        parameters: [from, to],
      },
    ]);
    const counters = new Map<string, CounterDifference>();
    const zero = () => ({ messageCount: 0, totalAmount: Amount.ZERO });
    const collect = (
      rows: Record<string, unknown>[],
      side: 'stored' | 'fromLedger',
    ) => {
      for (const row of rows) {
        const customerId = readSafeInteger(row.customer_id);
        const date = readText(row.stat_date);
        const type = readText(row.type);
        const key = JSON.stringify([customerId, date, type]);
        const counter = counters.get(key) ?? {
          customerId,
          date,
          type,
          stored: zero(),
          fromLedger: zero(),
        };
        counter[side] = {
          messageCount: readSafeInteger(row.message_count),
          totalAmount: Amount.fromMilli(readExactSum(row, 'total')),
        };
        counters.set(key, counter);
      }
    };
    collect(stored, 'stored');
    collect(fromLedger, 'fromLedger');
    return [...counters.values()]
      .filter(
        ({ stored: s, fromLedger: l }) =>
          s.messageCount !== l.messageCount ||
          !s.totalAmount.equals(l.totalAmount),
      )
      .sort(
        (a, b) =>
          a.customerId - b.customerId ||
          (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
          Buffer.compare(Buffer.from(a.type), Buffer.from(b.type)),
      );
  }

  /**
   * Rewrites one day's counters from the ledger, in one transaction, retried
   * when it loses a race with ingestion (a deadlock, a lock wait, a counter
   * inserted meanwhile). An ingestion racing for the same rows waits for it
   * or is retried, and then adds to the rebuilt counter, so nothing is lost
   * or counted twice.
   */
  async rebuildDay(date: string): Promise<void> {
    const rebuild = async (manager: EntityManager) => {
      await manager.query('DELETE FROM daily_statistics WHERE stat_date = ?', [
        date,
      ]);
      await manager.query(
        `INSERT INTO daily_statistics (customer_id, type, stat_date, message_count, total_amount_milli)
SELECT customer_id, type, stat_date, COUNT(*), SUM(amount_milli)
FROM messages WHERE stat_date = ?
GROUP BY customer_id, type, stat_date`,
        [date],
      );
    };
    await retryingTransaction(
      () => this.rebuildTransaction(rebuild),
      (failure, attempt) =>
        this.logger.warn(
          `rebuilding ${date} failed (${failure}); retry ${attempt}`,
        ),
    );
  }
}
