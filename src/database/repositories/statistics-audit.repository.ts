import { Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Amount } from '../../common/amount';
import {
  lastDayOfMonth,
  lastDayOfYear,
  monthOf,
  yearOf,
} from '../../common/utc-date';
import { retryingTransaction } from '../retrying-transaction';
import { readExactSum, SqlDialect } from '../sql-dialect';
import { readSafeInteger, readText } from './sql-values';

/** A counter as stored, and as the ledger says it should be; a missing side counts as zero. */
export interface CounterDifference {
  customerId: number;
  /** The day (YYYY-MM-DD) of a daily counter, the month (YYYY-MM) of a monthly one, the year (YYYY) of a yearly one. */
  date: string;
  type: string;
  stored: { messageCount: number; totalAmount: Amount };
  fromLedger: { messageCount: number; totalAmount: Amount };
}

/** Read-only queries that must see the same data. */
export type SnapshotQueries = Array<{ sql: string; parameters: unknown[] }>;

/**
 * Checks the daily, monthly and yearly counters against the ledger they
 * were counted from, and rebuilds them from it. The ledger is the record; the counters are derived.
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
   * Every counter of the interval that differs from the ledger: each
   * (customer, type, day) of it, each (customer, type, month) of the
   * months it touches, whole (`date` is then YYYY-MM), and each (customer,
   * type, year) of the years it touches, whole (`date` is then YYYY). Read
   * a period at a time, so that what is held is one period's counters (a
   * year of 10 k customers is 15 M day rows), and each period's counters
   * and ledger are read in one snapshot: ingestion writes a message and its
   * increments in one transaction, so any snapshot holds all or none of
   * them, while separate reads would see a message without its increments.
   * Only the periods that hold a ledger row or a counter are read: a period
   * with neither cannot differ, so "--to 9999-12-31" costs what is stored,
   * not a query for each of the eight thousand years' days.
   */
  async differences(from: string, to: string): Promise<CounterDifference[]> {
    const { days, months, years } = await this.storedPeriods(from, to);
    const found: CounterDifference[] = [];
    for (const day of days) found.push(...(await this.dayDifferences(day)));
    for (const month of months)
      found.push(...(await this.monthDifferences(month)));
    for (const year of years) found.push(...(await this.yearDifferences(year)));
    return found.sort(
      (a, b) =>
        a.customerId - b.customerId ||
        (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
        Buffer.compare(Buffer.from(a.type), Buffer.from(b.type)),
    );
  }

  /**
   * The days of [from, to], and the first days of the months and years it
   * touches, that hold a ledger row or a counter, each list sorted: the
   * periods a check or a rebuild of [from, to] has to read. Read from the
   * keys' leading columns, so that no row is looked up.
   */
  async storedPeriods(
    from: string,
    to: string,
  ): Promise<{ days: string[]; months: string[]; years: string[] }> {
    const between = (
      column: string,
      table: string,
      first: string,
      last: string,
    ) => ({
      sql: `SELECT DISTINCT ${column} AS period FROM ${table} WHERE ${column} >= ? AND ${column} <= ?`,
      parameters: [first, last],
    });
    const [ledgerDays, dailyDays, monthly, yearly] = await Promise.all(
      [
        between('stat_date', 'messages', yearOf(from), lastDayOfYear(to)),
        between('stat_date', 'daily_statistics', from, to),
        between('stat_month', 'monthly_statistics', monthOf(from), monthOf(to)),
        between('stat_year', 'yearly_statistics', yearOf(from), yearOf(to)),
      ].map(({ sql, parameters }) =>
        this.dataSource.query<Record<string, unknown>[]>(sql, parameters),
      ),
    );
    const periods = (rows: Record<string, unknown>[]) =>
      rows.map((row) => readText(row.period).slice(0, 10));
    const ledger = periods(ledgerDays);
    const sorted = (...lists: string[][]) => [...new Set(lists.flat())].sort();
    return {
      days: sorted(
        ledger.filter((day) => day >= from && day <= to),
        periods(dailyDays),
      ),
      months: sorted(
        ledger
          .filter((day) => day >= monthOf(from) && day <= lastDayOfMonth(to))
          .map(monthOf),
        periods(monthly),
      ),
      years: sorted(ledger.map(yearOf), periods(yearly)),
    };
  }

  private async dayDifferences(day: string): Promise<CounterDifference[]> {
    const sql = this.dialect;
    const [counters, ledger] = await this.readInOneSnapshot([
      {
        // A counter is the sum of its slots' rows.
        sql: `SELECT customer_id, stat_date AS period, type, SUM(message_count) AS message_count, ${sql.exactSum('total_amount_milli', 'total')}
FROM daily_statistics WHERE stat_date = ?
GROUP BY customer_id, stat_date, type`,
        parameters: [day],
      },
      {
        sql: `SELECT customer_id, stat_date AS period, type, COUNT(*) AS message_count, ${sql.exactSum('amount_milli', 'total')}
FROM messages WHERE stat_date = ?
GROUP BY customer_id, stat_date, type`,
        parameters: [day],
      },
    ]);
    return compare(counters, ledger, (period) => period);
  }

  /** `month` is its first day. */
  private monthDifferences(month: string): Promise<CounterDifference[]> {
    return this.rollupDifferences(MONTHS, month);
  }

  /** `year` is its first day. */
  private yearDifferences(year: string): Promise<CounterDifference[]> {
    return this.rollupDifferences(YEARS, year);
  }

  private async rollupDifferences(
    rollup: Rollup,
    first: string,
  ): Promise<CounterDifference[]> {
    const sql = this.dialect;
    const [counters, ledger] = await this.readInOneSnapshot([
      {
        sql: `SELECT customer_id, ${rollup.column} AS period, type, SUM(message_count) AS message_count, ${sql.exactSum('total_amount_milli', 'total')}
FROM ${rollup.table} WHERE ${rollup.column} = ?
GROUP BY customer_id, ${rollup.column}, type`,
        parameters: [first],
      },
      {
        sql: `SELECT customer_id, ? AS period, type, COUNT(*) AS message_count, ${sql.exactSum('amount_milli', 'total')}
FROM messages WHERE stat_date >= ? AND stat_date <= ?
GROUP BY customer_id, type`,
        parameters: [first, first, rollup.last(first)],
      },
    ]);
    return compare(counters, ledger, (period) => period.slice(0, rollup.named));
  }

  /**
   * Rewrites one month's monthly counters from the ledger, as rebuildDay
   * does a day's daily ones. `month` is YYYY-MM.
   */
  async rebuildMonth(month: string): Promise<void> {
    const first = `${month}-01`;
    await this.rebuildInTransaction(`month ${month}`, async (manager) => {
      await manager.query(
        'DELETE FROM monthly_statistics WHERE stat_month = ?',
        [first],
      );
      await manager.query(
        `INSERT INTO monthly_statistics (stat_month, customer_id, type, message_count, total_amount_milli)
SELECT ?, customer_id, type, COUNT(*), SUM(amount_milli)
FROM messages WHERE stat_date >= ? AND stat_date <= ?
GROUP BY customer_id, type`,
        [first, first, lastDayOfMonth(first)],
      );
    });
  }

  /**
   * Rewrites one year's yearly counters as the sum of its monthly ones,
   * slot by slot: rebuild its months first. From the ledger, the
   * transaction would hold the year's counters, which every message of
   * the year increments, for as long as it reads a year of ledger (about
   * 10 s for 1000 customers × 4 types here); from the months it reads
   * twelve rows per counter. An ingestion racing it increments its month
   * before its year (key order): committed first, it is in the months
   * read; waiting for the year's lock, it adds to the rebuilt year after.
   * `year` is YYYY.
   */
  async rebuildYear(year: string): Promise<void> {
    const first = `${year}-01-01`;
    await this.rebuildInTransaction(`year ${year}`, async (manager) => {
      await manager.query('DELETE FROM yearly_statistics WHERE stat_year = ?', [
        first,
      ]);
      await manager.query(
        `INSERT INTO yearly_statistics (stat_year, customer_id, type, slot, message_count, total_amount_milli)
SELECT ?, customer_id, type, slot, SUM(message_count), SUM(total_amount_milli)
FROM monthly_statistics WHERE stat_month >= ? AND stat_month <= ?
GROUP BY customer_id, type, slot`,
        [first, first, lastDayOfYear(first)],
      );
    });
  }

  /**
   * Rewrites one day's counters from the ledger, in one transaction, retried
   * when it loses a race with ingestion (a deadlock, a lock wait, a counter
   * inserted meanwhile). An ingestion racing for the same rows waits for it
   * or is retried, and then adds to the rebuilt counter, so nothing is lost
   * or counted twice.
   */
  async rebuildDay(date: string): Promise<void> {
    await this.rebuildInTransaction(date, async (manager) => {
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

  private async rebuildInTransaction(
    what: string,
    rebuild: (manager: EntityManager) => Promise<void>,
  ): Promise<void> {
    await retryingTransaction(
      () => this.rebuildTransaction(rebuild),
      (failure, attempt) =>
        this.logger.warn(
          `rebuilding ${what} failed (${failure}); retry ${attempt}`,
        ),
    );
  }
}

/** A table of counters per calendar period, each keyed by the period's first day. */
interface Rollup {
  table: 'monthly_statistics' | 'yearly_statistics';
  column: 'stat_month' | 'stat_year';
  /** The last day of the period. */
  last(first: string): string;
  /** How many characters of the first day name the period: YYYY-MM, YYYY. */
  named: number;
}

const MONTHS: Rollup = {
  table: 'monthly_statistics',
  column: 'stat_month',
  last: lastDayOfMonth,
  named: 7,
};

const YEARS: Rollup = {
  table: 'yearly_statistics',
  column: 'stat_year',
  last: lastDayOfYear,
  named: 4,
};

/**
 * The counters that differ between the stored rows and the ledger's sums,
 * a missing side counting as zero; `period` turns a row's period into the
 * difference's `date`.
 */
function compare(
  stored: Record<string, unknown>[],
  fromLedger: Record<string, unknown>[],
  period: (value: string) => string,
): CounterDifference[] {
  const counters = new Map<string, CounterDifference>();
  const zero = () => ({ messageCount: 0, totalAmount: Amount.ZERO });
  const collect = (
    rows: Record<string, unknown>[],
    side: 'stored' | 'fromLedger',
  ) => {
    for (const row of rows) {
      const customerId = readSafeInteger(row.customer_id);
      const date = period(readText(row.period));
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
  return [...counters.values()].filter(
    ({ stored: s, fromLedger: l }) =>
      s.messageCount !== l.messageCount || !s.totalAmount.equals(l.totalAmount),
  );
}
