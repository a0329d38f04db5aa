import { DataSource } from 'typeorm';
import { MetricsService } from '../../metrics/metrics.service';
import { isDuplicateKeyError } from '../database-errors';
import { MYSQL_DIALECT } from '../sql-dialect';
import {
  COUNTER_COLUMNS,
  counterDeltas,
  CounterDelta,
  MONTHLY_COUNTER_COLUMNS,
  monthlyDeltas,
  YEARLY_COUNTER_COLUMNS,
  yearlyDeltas,
  inKeyOrder,
  LEDGER_COLUMNS,
  LedgerEntry,
  ledgerValues,
  outcomes,
  RecordResult,
  rowPlaceholders,
} from './ledger-entries';
import {
  MessageLedgerRepository,
  Queryable,
} from './message-ledger.repository';
import { StoredMessage } from './stored-message';

/**
 * The ledger on a single MySQL/MariaDB server: one round trip per
 * transaction when every uuid is new. (A Galera node has a ledger of its
 * own, GaleraMessageLedgerRepository: one packet is unsafe there.)
 */
export class MysqlMessageLedgerRepository extends MessageLedgerRepository {
  constructor(dataSource: DataSource, metrics: MetricsService) {
    super(dataSource, metrics, MYSQL_DIALECT);
  }

  /**
   * The whole transaction in one round trip when every uuid is new (the
   * common case): isolation, begin, the ledger insert, the counter upsert and
   * the commit go as one multi-statement packet. If a uuid is already in the
   * ledger, the server stops at the ledger insert with the transaction still
   * open: the known uuids are read, and the rest inserted and counted before
   * the commit. Until that commit succeeds, the transaction is rolled back.
   */
  protected async recordInOneTransaction(
    entries: LedgerEntry[],
  ): Promise<RecordResult[]> {
    const candidates = inKeyOrder(entries);
    const runner = this.dataSource.createQueryRunner();
    // No connection, nothing begun: a failure here needs no rollback.
    await runner.connect();
    let committed = false;
    try {
      try {
        // READ COMMITTED: no gap locks, so fewer deadlocks between racing inserts.
        await onePacket(runner, [
          { sql: 'SET TRANSACTION ISOLATION LEVEL READ COMMITTED' },
          { sql: 'START TRANSACTION' },
          ...recordStatements(candidates, this.counterSlot),
          { sql: 'COMMIT' },
        ]);
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
        const known = await this.lookUp(
          runner,
          fresh.map((entry) => entry.uuid),
        );
        for (const message of known) existing.set(message.uuid, message);
        fresh = fresh.filter((entry) => !existing.has(entry.uuid));
        if (fresh.length === 0) break;
        try {
          await onePacket(runner, recordStatements(fresh, this.counterSlot));
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
}

export interface Statement {
  sql: string;
  parameters?: unknown[];
}

/**
 * The ledger insert and the counter upserts for entries that are all new,
 * into this writer's slot of each counter: the daily counters, then the
 * monthly, then the yearly ones, each in its table's key order,
 * so that every transaction takes its row locks in one global order.
 */
export function recordStatements(
  entries: LedgerEntry[],
  slot: number,
): Statement[] {
  const days = counterDeltas(entries);
  const months = monthlyDeltas(days);
  const years = yearlyDeltas(months);
  return [
    {
      sql: `INSERT INTO messages (${LEDGER_COLUMNS}) VALUES ${rowPlaceholders(entries.length, 6)}`,
      parameters: entries.flatMap((entry) =>
        ledgerValues(entry, entry.amount.milli.toString()),
      ),
    },
    {
      sql: `INSERT INTO daily_statistics (${COUNTER_COLUMNS}) VALUES ${rowPlaceholders(days.length, 6)}
${UPSERT}`,
      parameters: days.flatMap((d) => [
        d.customerId,
        d.type,
        d.date,
        slot,
        ...sums(d),
      ]),
    },
    rollupUpsert('monthly_statistics', MONTHLY_COUNTER_COLUMNS, months, slot),
    rollupUpsert('yearly_statistics', YEARLY_COUNTER_COLUMNS, years, slot),
  ];
}

const UPSERT = `ON DUPLICATE KEY UPDATE message_count = message_count + VALUES(message_count),
  total_amount_milli = total_amount_milli + VALUES(total_amount_milli)`;

/** The upsert of a period-first counter table's increments (monthly, yearly). */
function rollupUpsert(
  table: 'monthly_statistics' | 'yearly_statistics',
  columns: string,
  deltas: CounterDelta[],
  slot: number,
): Statement {
  return {
    sql: `INSERT INTO ${table} (${columns}) VALUES ${rowPlaceholders(deltas.length, 6)}
${UPSERT}`,
    parameters: deltas.flatMap((d) => [
      d.date,
      d.customerId,
      d.type,
      slot,
      ...sums(d),
    ]),
  };
}

/** The statements as one multi-statement packet: one round trip. */
async function onePacket(
  runner: Queryable,
  statements: Statement[],
): Promise<void> {
  await runner.query(
    statements.map((statement) => statement.sql).join(';\n'),
    statements.flatMap((statement) => statement.parameters ?? []),
  );
}

const sums = (delta: CounterDelta) => [delta.count, delta.milli.toString()];
