import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Amount } from '../../common/amount';
import {
  Dialect,
  dialectOf,
  exactInteger,
  exactSum,
  readExactSum,
} from '../dialect';
import { readSafeInteger, readText } from './sql-values';

/** A counter as stored, and as the ledger says it should be; a missing side counts as zero. */
export interface CounterDifference {
  customerId: number;
  date: string;
  type: string;
  stored: { messageCount: number; totalAmount: Amount };
  fromLedger: { messageCount: number; totalAmount: Amount };
}

/**
 * Checks the daily counters against the ledger they were counted from, and
 * rebuilds them from it. The ledger is the record; the counters are derived.
 */
@Injectable()
export class StatisticsAuditRepository {
  private readonly dialect: Dialect;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.dialect = dialectOf(dataSource);
  }

  /** Every (customer, day, type) of the interval whose counter differs from the ledger. */
  async differences(from: string, to: string): Promise<CounterDifference[]> {
    const [stored, fromLedger] = await Promise.all([
      this.dataSource.query<Record<string, unknown>[]>(
        `SELECT customer_id, stat_date, type, message_count, ${exactInteger(this.dialect, 'total_amount_milli')} AS total
FROM daily_statistics WHERE stat_date BETWEEN ? AND ?`,
        [from, to],
      ),
      this.dataSource.query<Record<string, unknown>[]>(
        `SELECT customer_id, stat_date, type, COUNT(*) AS message_count, ${exactSum(this.dialect, 'amount_milli', 'total')}
FROM messages WHERE stat_date BETWEEN ? AND ?
GROUP BY customer_id, stat_date, type`,
        [from, to],
      ),
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
   * Rewrites one day's counters from the ledger, in one transaction. An
   * ingestion racing for the same rows waits for it or is retried, and then
   * adds to the rebuilt counter, so nothing is lost or counted twice.
   */
  async rebuildDay(date: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
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
    });
  }
}
