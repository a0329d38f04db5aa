import { DataSource } from 'typeorm';
import { MetricsService } from '../../metrics/metrics.service';
import { isDuplicateKeyError } from '../database-errors';
import type { Topology } from '../database-topology';
import { MYSQL_DIALECT } from '../sql-dialect';
import {
  COUNTER_COLUMNS,
  counterDeltas,
  CounterDelta,
  MONTHLY_COUNTER_COLUMNS,
  monthlyDeltas,
  firstOccurrences,
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

const GALERA_TRANSACTION_ATTEMPTS = 12;

/**
 * The ledger on MySQL/MariaDB: one round trip per transaction when every
 * uuid is new, except on a Galera node. There a transaction that another
 * node's commit aborts while it runs a multi-statement packet can lose that
 * error: the server goes on with the packet's next statements outside any
 * transaction, and its COMMIT answers OK. Measured on a 3-node cluster, that
 * committed counter increments without their ledger rows, and acknowledged
 * messages that were never written. One statement per round trip returns
 * every abort to the statement it hit.
 */
export class MysqlMessageLedgerRepository extends MessageLedgerRepository {
  private readonly galera: boolean;

  constructor(
    dataSource: DataSource,
    metrics: MetricsService,
    topology: Topology,
  ) {
    // On Galera a batch racing others for the same uuids on other nodes is
    // aborted at COMMIT instead of waiting for them, once per batch it lost
    // to: under the cluster tier's race, five attempts left some batches 503.
    // Each retry finds the winners' uuids counted, so more attempts converge.
    super(
      dataSource,
      metrics,
      MYSQL_DIALECT,
      topology.counterSlot,
      topology.galera ? GALERA_TRANSACTION_ATTEMPTS : undefined,
    );
    this.galera = topology.galera;
  }

  protected async recordInOneTransaction(
    entries: LedgerEntry[],
  ): Promise<RecordResult[]> {
    // Rows in key order, so concurrent batches take their locks in the same
    // order and cannot deadlock each other.
    const candidates = [...firstOccurrences(entries).values()].sort((a, b) =>
      a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0,
    );
    return this.galera
      ? this.recordOnGalera(entries, candidates)
      : this.recordOnOneServer(entries, candidates);
  }

  /**
   * The whole transaction in one round trip when every uuid is new (the
   * common case): isolation, begin, the ledger insert, the counter upsert and
   * the commit go as one multi-statement packet. If a uuid is already in the
   * ledger, the server stops at the ledger insert with the transaction still
   * open: the known uuids are read, and the rest inserted and counted before
   * the commit. Until that commit succeeds, the transaction is rolled back.
   */
  private async recordOnOneServer(
    entries: LedgerEntry[],
    candidates: LedgerEntry[],
  ): Promise<RecordResult[]> {
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

  /**
   * On a Galera node: the known uuids read first, causally and outside any
   * transaction; then a transaction that inserts and counts only the rest,
   * one statement per round trip, and never goes on after an error. A
   * duplicate met now is a uuid another node committed since the look-up:
   * the transaction is rolled back and the whole attempt runs again (the
   * retry loop), and its look-up sees the uuid. Going on in the same
   * transaction after a failed statement, as a single server does, was the
   * path of the one case the cluster tier found where a node committed a
   * uuid that another node had committed too (and the cluster evicted it).
   */
  private async recordOnGalera(
    entries: LedgerEntry[],
    candidates: LedgerEntry[],
  ): Promise<RecordResult[]> {
    const existing = new Map(
      (
        await this.lookUp(
          this.dataSource,
          candidates.map((entry) => entry.uuid),
        )
      ).map((message) => [message.uuid, message]),
    );
    const fresh = candidates.filter((entry) => !existing.has(entry.uuid));
    if (fresh.length === 0) return outcomes(entries, existing);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let committed = false;
    try {
      for (const { sql, parameters } of [
        { sql: 'SET TRANSACTION ISOLATION LEVEL READ COMMITTED' },
        { sql: 'START TRANSACTION' },
        ...recordStatements(fresh, this.counterSlot),
        { sql: 'COMMIT' },
      ] as Statement[]) {
        await runner.query(sql, parameters);
      }
      committed = true;
      return outcomes(entries, existing);
    } finally {
      if (!committed) await runner.query('ROLLBACK').catch(() => undefined);
      await runner.release();
    }
  }
}

interface Statement {
  sql: string;
  parameters?: unknown[];
}

/**
 * The ledger insert and the counter upserts for entries that are all new,
 * into this writer's slot of each counter:
 * the daily counters, then the monthly ones, each in its table's key order,
 * so that every transaction takes its row locks in one global order.
 */
function recordStatements(entries: LedgerEntry[], slot: number): Statement[] {
  const days = counterDeltas(entries);
  const months = monthlyDeltas(days);
  const upsert = `ON DUPLICATE KEY UPDATE message_count = message_count + VALUES(message_count),
  total_amount_milli = total_amount_milli + VALUES(total_amount_milli)`;
  return [
    {
      sql: `INSERT INTO messages (${LEDGER_COLUMNS}) VALUES ${rowPlaceholders(entries.length, 6)}`,
      parameters: entries.flatMap((entry) =>
        ledgerValues(entry, entry.amount.milli.toString()),
      ),
    },
    {
      sql: `INSERT INTO daily_statistics (${COUNTER_COLUMNS}) VALUES ${rowPlaceholders(days.length, 6)}
${upsert}`,
      parameters: days.flatMap((d) => [
        d.customerId,
        d.type,
        d.date,
        slot,
        ...sums(d),
      ]),
    },
    {
      sql: `INSERT INTO monthly_statistics (${MONTHLY_COUNTER_COLUMNS}) VALUES ${rowPlaceholders(months.length, 6)}
${upsert}`,
      parameters: months.flatMap((d) => [
        d.date,
        d.customerId,
        d.type,
        slot,
        ...sums(d),
      ]),
    },
  ];
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
