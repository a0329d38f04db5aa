import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Amount } from '../../common/amount';
import { MetricsService } from '../../metrics/metrics.service';
import { CounterKey, CounterOverflowError } from '../counter-overflow.error';
import { isCounterOverflow } from '../database-errors';
import { retryingTransaction } from '../retrying-transaction';
import type { SqlDialect } from '../sql-dialect';
import { counterWhere, Period, periodName } from '../periods';
import {
  CounterDelta,
  counterIncrements,
  counterKey,
  firstOccurrences,
  LedgerEntry,
  RecordResult,
  toStoredMessage,
  VoidRequest,
  VoidResult,
} from './ledger-entries';
import { readSafeInteger, readText } from './sql-values';
import { StoredMessage } from './stored-message';

export type {
  LedgerEntry,
  RecordResult,
  VoidRequest,
  VoidResult,
} from './ledger-entries';

/** Something that runs SQL: the data source, or a query runner inside a transaction. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * The ledger of counted messages. `recordBatch` inserts messages and
 * increments their daily counters in one transaction, with atomic upserts:
 * never a read-modify-write, so racing requests cannot lose an increment, and
 * the ledger's primary key makes a uuid count at most once.
 *
 * How one transaction records a batch differs as a whole between the
 * databases (MysqlMessageLedgerRepository, SqliteMessageLedgerRepository,
 * chosen once in DatabaseModule); the retries, the overflow diagnosis and
 * the look-ups are the same for both and live here.
 */
export abstract class MessageLedgerRepository {
  private readonly logger = new Logger(MessageLedgerRepository.name);

  constructor(
    protected readonly dataSource: DataSource,
    private readonly metrics: MetricsService,
    protected readonly dialect: SqlDialect,
    /** The slot of each counter this ledger increments: the row that can overflow. */
    protected readonly counterSlot = 0,
    /** How many times a transaction that lost a race is run before a 503. */
    private readonly transactionAttempts?: number,
  ) {}

  /**
   * Records the entries in one transaction and answers for each, in order.
   * A uuid counts once: its first new occurrence is counted; an entry whose
   * uuid is already in the ledger, or earlier in the batch, is answered with
   * that earlier message. Deadlocks, lock-wait timeouts and races with
   * another transaction inserting the same uuid are retried; still failing,
   * a DatabaseBusyError. A counter that would overflow is a
   * CounterOverflowError naming it. Either way nothing was written.
   */
  async recordBatch(entries: LedgerEntry[]): Promise<RecordResult[]> {
    try {
      return await retryingTransaction(
        async () => this.recordInOneTransaction(entries),
        (failure, attempt) => {
          this.metrics.countRetry();
          this.logger.warn(
            `transaction of ${entries.length} message(s) failed (${failure}); retry ${attempt}`,
          );
        },
        this.transactionAttempts,
      );
    } catch (error) {
      if (isCounterOverflow(error)) throw await this.overflowOf(entries);
      throw error;
    }
  }

  /**
   * Takes a counted message back in one transaction: the ledger row is
   * locked, marked voided, and its day's, month's and year's counters go
   * down by its count and amount. Locks are taken in ingestion's order
   * (ledger row, then day, month, year), so a void and a batch cannot
   * deadlock each other. A message already voided, counted on a settled
   * day, or unknown changes nothing. Races are retried as for recordBatch.
   */
  async voidMessage(request: VoidRequest): Promise<VoidResult> {
    return retryingTransaction(
      async () => this.voidInOneTransaction(request),
      (failure, attempt) => {
        this.metrics.countRetry();
        this.logger.warn(
          `void of ${request.uuid} failed (${failure}); retry ${attempt}`,
        );
      },
      this.transactionAttempts,
    );
  }

  async findByUuid(uuid: string): Promise<StoredMessage | null> {
    const [found] = await this.lookUp(this.dataSource, [uuid]);
    return found ?? null;
  }

  /**
   * One attempt: the whole batch in one transaction, committed, or rolled
   * back with the error thrown.
   */
  protected abstract recordInOneTransaction(
    entries: LedgerEntry[],
  ): Promise<RecordResult[]> | RecordResult[];

  /** One attempt of voidMessage: committed, or rolled back with the error thrown. */
  protected abstract voidInOneTransaction(
    request: VoidRequest,
  ): Promise<VoidResult> | VoidResult;

  /** The messages of these uuids that the ledger holds, as stored; in a transaction or outside one. */
  protected async lookUp(
    runner: Queryable,
    uuids: string[],
  ): Promise<StoredMessage[]> {
    const found = (await runner.query(
      this.dialect.ledgerRowsOf(uuids.length),
      uuids.map((uuid) => this.dialect.uuidValue(uuid)),
    )) as unknown[];
    return found.map(toStoredMessage);
  }

  /**
   * Which counters the entries would take past the limit, after a
   * transaction was refused for it: the stored totals plus what the new
   * entries add. Read after the rollback, so it may miss a counter that
   * changed since; the refusal itself came from the database.
   */
  private async overflowOf(
    entries: LedgerEntry[],
  ): Promise<CounterOverflowError> {
    const limit = this.dialect.counterLimit;
    const candidates = [...firstOccurrences(entries).values()];
    const known = new Set(
      (
        await this.lookUp(
          this.dataSource,
          candidates.map((entry) => entry.uuid),
        )
      ).map((m) => m.uuid),
    );
    const counted = candidates.filter((entry) => !known.has(entry.uuid));
    // A day's counter and one of its quarter hours' name the same key.
    const over = new Map<string, CounterKey>();
    for (const { period, deltas } of counterIncrements(counted)) {
      const stored = await this.storedCounters(period, deltas);
      const totalLimit = period.wideTotal
        ? this.dialect.periodTotalLimit
        : limit;
      for (const key of this.over(deltas, stored, totalLimit)) {
        const named = { ...key, date: periodName(period, key.date) };
        over.set(counterKey(named), named);
      }
    }
    return new CounterOverflowError(
      [...over.values()],
      Amount.fromMilli(limit),
    );
  }

  /** The counters these increments would take past `totalLimit` (or their counts past the counter limit). */
  private over(
    deltas: CounterDelta[],
    stored: Map<string, { count: bigint; milli: bigint }>,
    totalLimit: bigint,
  ): CounterKey[] {
    return deltas
      .filter((delta) => {
        const counter = stored.get(counterKey(delta));
        return (
          (counter?.count ?? 0n) + BigInt(delta.count) >
            this.dialect.counterLimit ||
          (counter?.milli ?? 0n) + delta.milli > totalLimit
        );
      })
      .map(({ customerId, type, date }) => ({ customerId, type, date }));
  }

  /** The stored count and total of this ledger's slot of each of these counters that exists, by counterKey. */
  private async storedCounters(
    period: Period,
    keys: CounterDelta[],
  ): Promise<Map<string, { count: bigint; milli: bigint }>> {
    if (keys.length === 0) return new Map();
    const { table, column, within } = period;
    const rows = await this.dataSource.query<Array<Record<string, unknown>>>(
      `SELECT customer_id, type, ${column} AS period, ${within ?? 'NULL'} AS within_day,
  ${this.dialect.exactInteger('message_count')} AS message_count,
  ${this.dialect.exactInteger('total_amount_milli')} AS total_amount_milli
FROM ${table}
WHERE slot = ? AND (${keys.map(() => `(${counterWhere(period)})`).join(' OR ')})`,
      [
        this.counterSlot,
        ...keys.flatMap((key) => [
          key.date,
          ...(within ? [key.quarter] : []),
          key.customerId,
          key.type,
        ]),
      ],
    );
    return new Map(
      rows.map((row) => [
        counterKey({
          customerId: readSafeInteger(row.customer_id),
          type: readText(row.type),
          date: readText(row.period),
          quarter:
            row.within_day === null
              ? undefined
              : readSafeInteger(row.within_day),
        }),
        {
          count: BigInt(readText(row.message_count)),
          milli: BigInt(readText(row.total_amount_milli)),
        },
      ]),
    );
  }
}
