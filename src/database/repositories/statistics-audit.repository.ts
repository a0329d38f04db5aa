import { Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Amount } from '../../common/amount';
import { quarterHourName } from '../../common/utc-date';
import { retryingTransaction } from '../retrying-transaction';
import { Period, periodName, PERIODS } from '../periods';
import { readExactSum, Sql, SqlDialect } from '../sql-dialect';
import { LedgerNotKeptError } from '../ledger-not-kept.error';
import { differencesSql, rebuildSql, storedPeriodsSql } from './audit-sql';
import { readHorizon } from './ledger-retention.repository';
import { readSafeInteger, readText } from './sql-values';

/** A counter as stored, and as the ledger says it should be; a missing side counts as zero. */
export interface CounterDifference {
  customerId: number;
  /**
   * The day (YYYY-MM-DD) of a daily counter, the month (YYYY-MM) of a
   * monthly one, the year (YYYY) of a yearly one; a quarter hour's UTC
   * start (YYYY-MM-DDTHH:MMZ).
   */
  date: string;
  type: string;
  stored: { messageCount: number; totalAmount: Amount };
  fromLedger: { messageCount: number; totalAmount: Amount };
}

/** Read-only queries that must see the same data. */
export type SnapshotQueries = Sql[];

/**
 * Checks the quarter-hour, daily, monthly and yearly counters against the ledger they
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
   * (customer, type, day) of it, and each (customer, type) of every month
   * and year it touches, whole (`date` is then YYYY-MM or YYYY). Read a
   * period at a time, so that what is held is one period's counters (a
   * year of 10 k customers is 15 M day rows), and each period's counters
   * and ledger are read in one snapshot: ingestion writes a message and its
   * increments in one transaction, so any snapshot holds all or none of
   * them, while separate reads would see a message without its increments.
   * Only the periods that hold a ledger row or a counter are read: a period
   * with neither cannot differ, so "--to 9999-12-31" costs what is stored,
   * not a query for each of the eight thousand years' days.
   *
   * Days before the ledger's horizon (retention removed their rows) are
   * refused: a LedgerNotKeptError. A month or a year that begins before
   * it is checked against its days' (months') counters instead.
   */
  async differences(from: string, to: string): Promise<CounterDifference[]> {
    await this.refuseBeforeHorizon(from);
    const stored = await this.storedPeriods(from, to);
    const found: CounterDifference[] = [];
    for (const period of PERIODS) {
      for (const first of stored[period.name]) {
        found.push(...(await this.periodDifferences(period, first)));
      }
    }
    return found.sort(
      (a, b) =>
        a.customerId - b.customerId ||
        (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
        Buffer.compare(Buffer.from(a.type), Buffer.from(b.type)),
    );
  }

  /**
   * Rewrites every stored period of the interval from the ledger, finest
   * first (a year is summed from its rebuilt months), and answers how many
   * of each it rewrote. A period with neither ledger rows nor counters has
   * nothing to rebuild. Days before the ledger's horizon are refused (a
   * LedgerNotKeptError): rebuilt from what is left, they would lose what
   * retention removed. A month or a year that begins before it is summed
   * from its days' (months') counters instead.
   */
  async rebuild(
    from: string,
    to: string,
  ): Promise<Record<Period['name'], number>> {
    await this.refuseBeforeHorizon(from);
    const stored = await this.storedPeriods(from, to);
    for (const period of PERIODS) {
      for (const first of stored[period.name]) {
        await this.rebuildPeriod(period, first);
      }
    }
    return {
      'quarter hour': stored['quarter hour'].length,
      day: stored.day.length,
      month: stored.month.length,
      year: stored.year.length,
    };
  }

  /**
   * The first days of the periods of each kind that [from, to] touches and
   * that hold a ledger row or a counter, each list sorted: the periods a
   * check or a rebuild of [from, to] has to read. Read from the keys'
   * leading columns, so that no row is looked up.
   */
  async storedPeriods(
    from: string,
    to: string,
  ): Promise<Record<Period['name'], string[]>> {
    const coarsest = PERIODS[PERIODS.length - 1];
    const distinct = (
      column: string,
      table: string,
      first: string,
      last: string,
    ) => {
      const { sql, parameters } = storedPeriodsSql(column, table, first, last);
      return this.dataSource.query<Record<string, unknown>[]>(sql, parameters);
    };
    const firstDays = (rows: Record<string, unknown>[]) =>
      rows.map((row) => readText(row.period).slice(0, 10));
    const [ledger, ...counters] = (
      await Promise.all([
        distinct(
          'stat_date',
          'messages',
          coarsest.firstDay(from),
          coarsest.lastDay(coarsest.firstDay(to)),
        ),
        ...PERIODS.map(({ column, table, firstDay }) =>
          distinct(column, table, firstDay(from), firstDay(to)),
        ),
      ])
    ).map(firstDays);
    const stored = {} as Record<Period['name'], string[]>;
    PERIODS.forEach((period, index) => {
      const [first, last] = [period.firstDay(from), period.firstDay(to)];
      const fromLedger = ledger
        .map(period.firstDay)
        .filter((day) => day >= first && day <= last);
      stored[period.name] = [
        ...new Set([...fromLedger, ...counters[index]]),
      ].sort();
    });
    return stored;
  }

  /** The first event day the ledger holds in full (retention removed the days before). */
  firstKeptDay(): Promise<string> {
    return readHorizon(this.dataSource);
  }

  private async refuseBeforeHorizon(from: string): Promise<void> {
    const firstKept = await this.firstKeptDay();
    if (from < firstKept) throw new LedgerNotKeptError(from, firstKept);
  }

  /**
   * The counters of one period (`first` its first day) that differ from
   * the ledger, or from its finer counters when it begins before the
   * horizon. The horizon is read in the same snapshot: retention moves it
   * before it removes a row, so a snapshot missing a day's rows sees it.
   */
  private async periodDifferences(
    period: Period,
    first: string,
    against: 'ledger' | 'finer' = 'ledger',
  ): Promise<CounterDifference[]> {
    const [counters, expected, [horizon]] = await this.readInOneSnapshot(
      differencesSql(period, first, this.dialect, against),
    );
    const firstKept = readText(horizon.first_kept_day).slice(0, 10);
    if (against === 'ledger' && first < firstKept) {
      if (!period.finer) throw new LedgerNotKeptError(first, firstKept);
      return this.periodDifferences(period, first, 'finer');
    }
    return compare(counters, expected, periodName(period, first));
  }

  /**
   * Rewrites one period's counters (`first` its first day), in one
   * transaction, retried when it loses a race with ingestion (a deadlock,
   * a lock wait, a counter inserted meanwhile). An ingestion racing for the
   * same rows waits for it or is retried, and then adds to the rebuilt
   * counter, so nothing is lost or counted twice. A period rebuilt from a
   * finer one (a year from its months) is summed from it slot by slot: an
   * ingestion racing it increments the finer period first (key order);
   * committed first, it is in what is read; waiting for the coarser row's
   * lock, it adds to the rebuilt counter after.
   */
  async rebuildPeriod(period: Period, first: string): Promise<void> {
    await this.rebuildInTransaction(
      `${period.name} ${periodName(period, first)}`,
      async (manager) => {
        let from: 'ledger' | 'finer' = period.rebuiltFrom ? 'finer' : 'ledger';
        if (from === 'ledger') {
          // Held to the commit: retention cannot move the horizon past this
          // period, and remove its rows, while it is rebuilt from them.
          const firstKept = await readHorizon(manager, this.dialect.forShare);
          if (first < firstKept) {
            if (!period.finer) throw new LedgerNotKeptError(first, firstKept);
            from = 'finer';
          }
        }
        const [remove, insert] = rebuildSql(period, first, this.dialect, from);
        await manager.query(remove.sql, remove.parameters);
        await manager.query(insert.sql, insert.parameters);
      },
    );
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

/**
 * The counters of one period (named `date`) that differ between the stored
 * rows and the ledger's sums, a missing side counting as zero.
 */
function compare(
  stored: Record<string, unknown>[],
  fromLedger: Record<string, unknown>[],
  date: string,
): CounterDifference[] {
  const counters = new Map<string, CounterDifference>();
  const zero = () => ({ messageCount: 0, totalAmount: Amount.ZERO });
  const collect = (
    rows: Record<string, unknown>[],
    side: 'stored' | 'fromLedger',
  ) => {
    for (const row of rows) {
      const customerId = readSafeInteger(row.customer_id);
      const type = readText(row.type);
      // A quarter hour's counter is named by its UTC start within the day.
      const named =
        row.within_day === undefined
          ? date
          : quarterHourName(date, readSafeInteger(row.within_day));
      const key = JSON.stringify([customerId, named, type]);
      const counter = counters.get(key) ?? {
        customerId,
        date: named,
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
