import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Database, Transaction } from 'better-sqlite3';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { Amount } from '../../common/amount';
import { fromSqlDateTime, toSqlDateTime } from '../../common/utc-date';
import {
  isDuplicateKeyError,
  isTransientTransactionError,
} from '../database-errors';
import { dialectOf } from '../dialect';
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

/** Either the message was new and is now counted, or its uuid was already in the ledger. */
export type RecordResult =
  { recorded: true } | { recorded: false; existing: StoredMessage };

const MAX_ATTEMPTS = 5;

const INSERT_LEDGER = `INSERT INTO messages (uuid, customer_id, type, amount_milli, stat_date, received_at)
VALUES (?, ?, ?, ?, ?, ?)`;

const SELECT_BY_UUID = `SELECT uuid, customer_id, type, amount_milli, stat_date, received_at
FROM messages WHERE uuid = ?`;

const INCREMENT_MYSQL = `INSERT INTO daily_statistics (customer_id, type, stat_date, message_count, total_amount_milli)
VALUES (?, ?, ?, 1, ?)
ON DUPLICATE KEY UPDATE message_count = message_count + 1, total_amount_milli = total_amount_milli + ?`;

const INCREMENT_SQLITE = `INSERT INTO daily_statistics (customer_id, type, stat_date, message_count, total_amount_milli)
VALUES (?, ?, ?, 1, ?)
ON CONFLICT (customer_id, type, stat_date) DO UPDATE SET
  message_count = message_count + 1,
  total_amount_milli = total_amount_milli + excluded.total_amount_milli`;

type SqliteRecorder = Transaction<(entry: LedgerEntry) => RecordResult>;

/**
 * The ledger of counted messages. `record` inserts a message and increments
 * its daily counter in one transaction, with one atomic upsert: never a
 * read-modify-write, so racing requests cannot lose an increment, and the
 * ledger's primary key makes a uuid count at most once.
 */
@Injectable()
export class MessageLedgerRepository {
  private readonly logger = new Logger(MessageLedgerRepository.name);
  private readonly mysql: boolean;
  private sqliteRecorder?: SqliteRecorder;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.mysql = dialectOf(dataSource) === 'mysql';
  }

  async record(entry: LedgerEntry): Promise<RecordResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return this.mysql
          ? await this.recordOnMysql(entry)
          : this.recordOnSqlite(entry);
      } catch (error) {
        if (!isTransientTransactionError(error) || attempt >= MAX_ATTEMPTS) {
          throw error;
        }
        this.logger.warn(
          `transaction for ${entry.uuid} failed (${(error as Error).message}); retry ${attempt}`,
        );
        // Jittered backoff, so the transactions that collided do not collide again.
        await sleep(Math.random() * 10 * 2 ** attempt);
      }
    }
  }

  async findByUuid(uuid: string): Promise<StoredMessage | null> {
    const rows: unknown[] = await this.dataSource.query(SELECT_BY_UUID, [uuid]);
    return rows.length > 0 ? toStoredMessage(rows[0]) : null;
  }

  private recordOnMysql(entry: LedgerEntry): Promise<RecordResult> {
    const milli = entry.amount.milli.toString();
    // READ COMMITTED: no gap locks, so fewer deadlocks between racing inserts.
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      try {
        await manager.query(INSERT_LEDGER, ledgerValues(entry, milli));
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const rows: unknown[] = await manager.query(SELECT_BY_UUID, [
          entry.uuid,
        ]);
        return { recorded: false, existing: toStoredMessage(rows[0]) };
      }
      await manager.query(INCREMENT_MYSQL, [
        entry.customerId,
        entry.type,
        entry.date,
        milli,
        milli,
      ]);
      return { recorded: true };
    });
  }

  /**
   * TypeORM shares one SQLite connection between all callers, so concurrent
   * async transactions would interleave on it. better-sqlite3 is synchronous:
   * the whole transaction runs in one turn of the event loop, and no other
   * request can see or join it half-done.
   */
  private recordOnSqlite(entry: LedgerEntry): RecordResult {
    this.sqliteRecorder ??= this.prepareSqliteRecorder();
    return this.sqliteRecorder(entry);
  }

  private prepareSqliteRecorder(): SqliteRecorder {
    const db = this.dataSource.driver as unknown as {
      databaseConnection: Database;
    };
    const connection = db.databaseConnection;
    const insert = connection.prepare(INSERT_LEDGER);
    const select = connection.prepare(SELECT_BY_UUID);
    const increment = connection.prepare(INCREMENT_SQLITE);
    return connection.transaction((entry: LedgerEntry): RecordResult => {
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
    });
  }
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
