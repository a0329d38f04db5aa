import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Database, Transaction } from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { Amount } from '../../common/amount';
import { fromSqlDateTime, toSqlDateTime } from '../../common/utc-date';
import { CounterKey, CounterOverflowError } from '../counter-overflow.error';
import { isCounterOverflow, isDuplicateKeyError } from '../database-errors';
import { MetricsService } from '../../metrics/metrics.service';
import { counterLimit, Dialect, dialectOf, exactInteger } from '../dialect';
import { retryingTransaction } from '../retrying-transaction';
import { readAmount, readSafeInteger, readText } from './sql-values';
import { StoredMessage } from './stored-message';

export interface LedgerEntry {
  uuid: string;
  customerId: number;
  type: string;
  amount: Amount;
  date: string;
  receivedAt: Date;
}

/** What became of one entry: newly counted, or its uuid was already in the ledger. */
export type RecordResult =
  { recorded: true } | { recorded: false; existing: StoredMessage };

const LEDGER_COLUMNS =
  'uuid, customer_id, type, amount_milli, stat_date, received_at';
const COUNTER_COLUMNS =
  'customer_id, type, stat_date, message_count, total_amount_milli';

const INSERT_LEDGER = `INSERT INTO messages (${LEDGER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`;

const SELECT_BY_UUID = `SELECT ${LEDGER_COLUMNS} FROM messages WHERE uuid = ?`;

const INCREMENT_SQLITE = `INSERT INTO daily_statistics (${COUNTER_COLUMNS})
VALUES (?, ?, ?, 1, ?)
ON CONFLICT (customer_id, type, stat_date) DO UPDATE SET
  message_count = message_count + 1,
  total_amount_milli = total_amount_milli + excluded.total_amount_milli`;

const rows = (count: number, width: number) =>
  Array(count)
    .fill(`(${Array(width).fill('?').join(', ')})`)
    .join(', ');

type SqliteRecorder = Transaction<(entries: LedgerEntry[]) => RecordResult[]>;

interface CounterDelta extends CounterKey {
  /** The type as the VARBINARY column orders it. */
  typeBytes: Buffer;
  count: number;
  milli: bigint;
}

/**
 * The ledger of counted messages. `recordBatch` inserts messages and
 * increments their daily counters in one transaction, with atomic upserts:
 * never a read-modify-write, so racing requests cannot lose an increment, and
 * the ledger's primary key makes a uuid count at most once.
 */
@Injectable()
export class MessageLedgerRepository {
  private readonly logger = new Logger(MessageLedgerRepository.name);
  private readonly dialect: Dialect;
  private sqliteRecorder?: SqliteRecorder;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: MetricsService,
  ) {
    this.dialect = dialectOf(dataSource);
  }

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
        async () =>
          this.dialect === 'mysql'
            ? this.recordOnMysql(entries)
            : this.recordOnSqlite(entries),
        (failure, attempt) => {
          this.metrics.countRetry();
          this.logger.warn(
            `transaction of ${entries.length} message(s) failed (${failure}); retry ${attempt}`,
          );
        },
      );
    } catch (error) {
      if (isCounterOverflow(error)) throw await this.overflowOf(entries);
      throw error;
    }
  }

  async findByUuid(uuid: string): Promise<StoredMessage | null> {
    const found: unknown[] = await this.dataSource.query(SELECT_BY_UUID, [
      uuid,
    ]);
    return found.length > 0 ? toStoredMessage(found[0]) : null;
  }

  /**
   * The whole transaction in one round trip when every uuid is new (the
   * common case): isolation, begin, the ledger insert, the counter upsert and
   * the commit go as one multi-statement packet. If a uuid is already in the
   * ledger, the server stops at the ledger insert with the transaction still
   * open: the known uuids are read, and the rest inserted and counted before
   * the commit. Until that commit succeeds, the transaction is rolled back.
   */
  private async recordOnMysql(entries: LedgerEntry[]): Promise<RecordResult[]> {
    // Rows in key order, so concurrent batches take their locks in the same
    // order and cannot deadlock each other.
    const candidates = [...firstOccurrences(entries).values()].sort((a, b) =>
      a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0,
    );
    const runner = this.dataSource.createQueryRunner();
    // No connection, nothing begun: a failure here needs no rollback.
    await runner.connect();
    let committed = false;
    try {
      try {
        // READ COMMITTED: no gap locks, so fewer deadlocks between racing inserts.
        const { sql, parameters } = recordStatements(candidates);
        await runner.query(
          `SET TRANSACTION ISOLATION LEVEL READ COMMITTED; START TRANSACTION; ${sql}; COMMIT`,
          parameters,
        );
        committed = true;
        return outcomes(entries, new Map());
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      // The transaction is open; the failed insert alone was undone. A
      // duplicate met now is a uuid another transaction committed since the
      // look-up: at READ COMMITTED the next look-up sees it, so each round
      // learns at least one uuid and the loop ends within one round per
      // candidate, in this same transaction.
      const existing = new Map<string, StoredMessage>();
      let fresh = candidates;
      for (let round = 1; ; round++) {
        for (const message of await this.lookUp(runner, fresh)) {
          existing.set(message.uuid, message);
        }
        fresh = fresh.filter((entry) => !existing.has(entry.uuid));
        if (fresh.length === 0) break;
        try {
          const { sql, parameters } = recordStatements(fresh);
          await runner.query(sql, parameters);
          break;
        } catch (error) {
          if (!isDuplicateKeyError(error) || round > candidates.length) {
            throw error;
          }
        }
      }
      await runner.query('COMMIT');
      committed = true;
      return outcomes(entries, existing);
    } finally {
      // After a deadlock the server has rolled back already; this is harmless then.
      if (!committed) await runner.query('ROLLBACK').catch(() => undefined);
      await runner.release();
    }
  }

  /** The entries' uuids that the ledger holds, as stored; in a transaction or outside one. */
  private async lookUp(
    runner: { query(sql: string, parameters: unknown[]): Promise<unknown> },
    entries: LedgerEntry[],
  ): Promise<StoredMessage[]> {
    const found = (await runner.query(
      `SELECT ${LEDGER_COLUMNS} FROM messages WHERE uuid IN (${placeholders(entries.length)})`,
      entries.map((entry) => entry.uuid),
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
    const limit = counterLimit(this.dialect);
    const candidates = [...firstOccurrences(entries).values()];
    const known = new Set(
      (await this.lookUp(this.dataSource, candidates)).map((m) => m.uuid),
    );
    const deltas = counterDeltas(
      candidates.filter((entry) => !known.has(entry.uuid)),
    );
    const stored = await this.storedCounters(deltas);
    const over = deltas.filter((delta) => {
      const counter = stored.get(counterKey(delta));
      return (
        (counter?.count ?? 0n) + BigInt(delta.count) > limit ||
        (counter?.milli ?? 0n) + delta.milli > limit
      );
    });
    return new CounterOverflowError(
      over.map(({ customerId, type, date }) => ({ customerId, type, date })),
      Amount.fromMilli(limit),
    );
  }

  /** The stored count and total of each of these counters that exists, by counterKey. */
  private async storedCounters(
    keys: CounterKey[],
  ): Promise<Map<string, { count: bigint; milli: bigint }>> {
    if (keys.length === 0) return new Map();
    const rows = await this.dataSource.query<Array<Record<string, unknown>>>(
      `SELECT customer_id, type, stat_date,
  ${exactInteger(this.dialect, 'message_count')} AS message_count,
  ${exactInteger(this.dialect, 'total_amount_milli')} AS total_amount_milli
FROM daily_statistics
WHERE ${keys.map(() => '(customer_id = ? AND type = ? AND stat_date = ?)').join(' OR ')}`,
      keys.flatMap((key) => [key.customerId, key.type, key.date]),
    );
    return new Map(
      rows.map((row) => [
        counterKey({
          customerId: readSafeInteger(row.customer_id),
          type: readText(row.type),
          date: readText(row.stat_date),
        }),
        {
          count: BigInt(readText(row.message_count)),
          milli: BigInt(readText(row.total_amount_milli)),
        },
      ]),
    );
  }

  /**
   * TypeORM shares one SQLite connection between all callers, so concurrent
   * async transactions would interleave on it. better-sqlite3 is synchronous:
   * the whole transaction runs in one turn of the event loop, and no other
   * request can see or join it half-done.
   */
  private recordOnSqlite(entries: LedgerEntry[]): RecordResult[] {
    this.sqliteRecorder ??= this.prepareSqliteRecorder();
    return this.sqliteRecorder(entries);
  }

  private prepareSqliteRecorder(): SqliteRecorder {
    const driver = this.dataSource.driver as unknown as {
      databaseConnection: Database;
    };
    const connection = driver.databaseConnection;
    const insert = connection.prepare(INSERT_LEDGER);
    const select = connection.prepare(SELECT_BY_UUID);
    const increment = connection.prepare(INCREMENT_SQLITE);
    const recordOne = (entry: LedgerEntry): RecordResult => {
      try {
        insert.run(ledgerValues(entry, entry.amount.milli));
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        return {
          recorded: false,
          existing: toStoredMessage(select.get(entry.uuid)),
        };
      }
      increment.run(
        entry.customerId,
        entry.type,
        entry.date,
        entry.amount.milli,
      );
      return { recorded: true };
    };
    return connection.transaction((entries: LedgerEntry[]) =>
      entries.map(recordOne),
    );
  }
}

/** The first entry of each uuid, in order. */
function firstOccurrences(entries: LedgerEntry[]): Map<string, LedgerEntry> {
  const firsts = new Map<string, LedgerEntry>();
  for (const entry of entries) {
    if (!firsts.has(entry.uuid)) firsts.set(entry.uuid, entry);
  }
  return firsts;
}

/** The ledger insert and the counter upsert for entries that are all new. */
function recordStatements(entries: LedgerEntry[]): {
  sql: string;
  parameters: unknown[];
} {
  const deltas = counterDeltas(entries);
  return {
    sql: `INSERT INTO messages (${LEDGER_COLUMNS}) VALUES ${rows(entries.length, 6)};
INSERT INTO daily_statistics (${COUNTER_COLUMNS}) VALUES ${rows(deltas.length, 5)}
ON DUPLICATE KEY UPDATE message_count = message_count + VALUES(message_count),
  total_amount_milli = total_amount_milli + VALUES(total_amount_milli)`,
    parameters: [
      ...entries.flatMap((entry) =>
        ledgerValues(entry, entry.amount.milli.toString()),
      ),
      ...deltas.flatMap((d) => [
        d.customerId,
        d.type,
        d.date,
        d.count,
        d.milli.toString(),
      ]),
    ],
  };
}

const counterKey = ({ customerId, type, date }: CounterKey) =>
  `${customerId}\u0000${type}\u0000${date}`;

const placeholders = (count: number) => Array(count).fill('?').join(', ');

/** The increments of the counted entries, one per counter, in key order. */
function counterDeltas(counted: LedgerEntry[]): CounterDelta[] {
  const deltas = new Map<string, CounterDelta>();
  for (const entry of counted) {
    const key = counterKey(entry);
    const delta = deltas.get(key);
    if (delta) {
      delta.count += 1;
      delta.milli += entry.amount.milli;
    } else {
      deltas.set(key, {
        customerId: entry.customerId,
        type: entry.type,
        typeBytes: Buffer.from(entry.type, 'utf8'),
        date: entry.date,
        count: 1,
        milli: entry.amount.milli,
      });
    }
  }
  // The order of the primary key: customer, type as bytes (VARBINARY), day.
  return [...deltas.values()].sort(
    (a, b) =>
      a.customerId - b.customerId ||
      Buffer.compare(a.typeBytes, b.typeBytes) ||
      (a.date < b.date ? -1 : a.date > b.date ? 1 : 0),
  );
}

function outcomes(
  entries: LedgerEntry[],
  existing: Map<string, StoredMessage>,
): RecordResult[] {
  const counted = new Map<string, StoredMessage>();
  return entries.map((entry) => {
    const stored = existing.get(entry.uuid) ?? counted.get(entry.uuid);
    if (stored) return { recorded: false, existing: stored };
    counted.set(entry.uuid, {
      ...entry,
      receivedAt: entry.receivedAt.toISOString(),
    });
    return { recorded: true };
  });
}

function ledgerValues(entry: LedgerEntry, milli: string | bigint): unknown[] {
  return [
    entry.uuid,
    entry.customerId,
    entry.type,
    milli,
    entry.date,
    toSqlDateTime(entry.receivedAt),
  ];
}

function toStoredMessage(row: unknown): StoredMessage {
  const record = row as Record<string, unknown>;
  return {
    uuid: readText(record.uuid),
    customerId: readSafeInteger(record.customer_id),
    type: readText(record.type),
    amount: readAmount(record.amount_milli),
    date: readText(record.stat_date),
    receivedAt: fromSqlDateTime(readText(record.received_at)),
  };
}
