import { DataSource } from 'typeorm';
import { MetricsService } from '../../metrics/metrics.service';
import { isDuplicateKeyError } from '../database-errors';
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
import { StoredMessage } from '../repositories/stored-message';
import { onePacket, recordStatements } from './record-statements';

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

  protected voidInOneTransaction(request: VoidRequest): Promise<VoidResult> {
    return voidOnMysql(
      this.dataSource.createQueryRunner(),
      request,
      this.counterSlot,
    );
  }
}
