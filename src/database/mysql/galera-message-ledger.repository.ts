import { DataSource } from 'typeorm';
import { MetricsService } from '../../metrics/metrics.service';
import { MYSQL_DIALECT } from './mysql-dialect';
import { voidOnMysql } from './void-statements';
import {
  inKeyOrder,
  LedgerEntry,
  outcomes,
  RecordResult,
  VoidRequest,
  VoidResult,
} from '../repositories/ledger-entries';
import { MessageLedgerRepository } from '../repositories/message-ledger.repository';
import { recordStatements, Statement } from './record-statements';

/**
 * A batch racing others for the same uuids on other nodes is aborted at
 * COMMIT instead of waiting for them, once per batch it lost to: under the
 * cluster tier's race, five attempts left some batches 503. Each retry finds
 * the winners' uuids counted, so more attempts converge.
 */
const ATTEMPTS = 12;

/**
 * The ledger on a node of a MariaDB Galera cluster. Another node's commit
 * aborts a conflicting transaction at COMMIT or between its statements, and
 * the server can lose such an abort: in a multi-statement packet it ran the
 * rest outside any transaction and answered OK to COMMIT (counters without
 * their ledger rows, acknowledged messages never written), and a
 * transaction that went on after a duplicate-key error inside it once
 * committed a uuid another node had committed too. So here the known uuids
 * are read first, causally and outside any transaction; then a transaction
 * inserts and counts only the rest, one statement per round trip, and on
 * any error is rolled back and the whole attempt runs again (a duplicate
 * met now is a uuid another node committed since the look-up, which the
 * next look-up sees). The counters go to this node's slot.
 */
export class GaleraMessageLedgerRepository extends MessageLedgerRepository {
  constructor(dataSource: DataSource, metrics: MetricsService, slot: number) {
    super(dataSource, metrics, MYSQL_DIALECT, slot, ATTEMPTS);
  }

  protected async recordInOneTransaction(
    entries: LedgerEntry[],
  ): Promise<RecordResult[]> {
    const candidates = inKeyOrder(entries);
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
    const statements: Statement[] = [
      // READ COMMITTED: no gap locks, so fewer deadlocks between racing inserts.
      { sql: 'SET TRANSACTION ISOLATION LEVEL READ COMMITTED' },
      { sql: 'START TRANSACTION' },
      ...recordStatements(fresh, this.counterSlot),
      { sql: 'COMMIT' },
    ];
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let committed = false;
    try {
      for (const { sql, parameters } of statements) {
        await runner.query(sql, parameters);
      }
      committed = true;
      return outcomes(entries, existing);
    } finally {
      if (!committed) await runner.query('ROLLBACK').catch(() => undefined);
      await runner.release();
    }
  }

  protected voidInOneTransaction(request: VoidRequest): Promise<VoidResult> {
    return voidOnMysql(
      this.dataSource.createQueryRunner(),
      request,
      this.counterSlot,
    );
  }
}
