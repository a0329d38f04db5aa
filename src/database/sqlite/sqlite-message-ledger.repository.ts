import type { Database, Transaction } from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { MetricsService } from '../../metrics/metrics.service';
import { isDuplicateKeyError } from '../database-errors';
import { SQLITE_DIALECT } from './sqlite-dialect';
import { Period, PERIODS } from '../periods';
import {
  counterColumns,
  LEDGER_COLUMNS,
  LedgerEntry,
  ledgerValues,
  RecordResult,
  toStoredMessage,
} from '../repositories/ledger-entries';
import { MessageLedgerRepository } from '../repositories/message-ledger.repository';

const INSERT_LEDGER = `INSERT INTO messages (${LEDGER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`;

const SELECT_BY_UUID = `SELECT ${LEDGER_COLUMNS} FROM messages WHERE uuid = ?`;

/** One message's increment of its counter of `period`, in the only slot there is. */
const increment = (
  period: Period,
) => `INSERT INTO ${period.table} (${counterColumns(period)})
VALUES (?, ?, ?, 0, 1, ?)
ON CONFLICT (${period.column}, customer_id, type, slot) DO UPDATE SET
  message_count = message_count + 1,
  total_amount_milli = total_amount_milli + excluded.total_amount_milli`;

/** The statements a transaction prepares, by what they do. */
export const SQLITE_LEDGER_STATEMENTS = () => ({
  'insert into the ledger': INSERT_LEDGER,
  'look up a known uuid': SELECT_BY_UUID,
  ...Object.fromEntries(
    PERIODS.map((period) => [
      `increment a ${period.name}'s counter`,
      increment(period),
    ]),
  ),
});

type Recorder = Transaction<(entries: LedgerEntry[]) => RecordResult[]>;

/**
 * The ledger on the embedded SQLite. TypeORM shares one SQLite connection
 * between all callers, so concurrent async transactions would interleave on
 * it. better-sqlite3 is synchronous: the whole transaction runs in one turn
 * of the event loop, and no other request can see or join it half-done.
 */
export class SqliteMessageLedgerRepository extends MessageLedgerRepository {
  private recorder?: Recorder;

  constructor(dataSource: DataSource, metrics: MetricsService) {
    super(dataSource, metrics, SQLITE_DIALECT);
  }

  protected recordInOneTransaction(entries: LedgerEntry[]): RecordResult[] {
    this.recorder ??= this.prepareRecorder();
    return this.recorder(entries);
  }

  private prepareRecorder(): Recorder {
    const driver = this.dataSource.driver as unknown as {
      databaseConnection: Database;
    };
    const connection = driver.databaseConnection;
    const insert = connection.prepare(INSERT_LEDGER);
    const select = connection.prepare(SELECT_BY_UUID);
    const increments = PERIODS.map((period) => ({
      period,
      statement: connection.prepare(increment(period)),
    }));
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
      for (const { period, statement } of increments) {
        statement.run(
          period.firstDay(entry.date),
          entry.customerId,
          entry.type,
          entry.amount.milli,
        );
      }
      return { recorded: true };
    };
    return connection.transaction((entries: LedgerEntry[]) =>
      entries.map(recordOne),
    );
  }
}
