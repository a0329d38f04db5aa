import type { Database, Transaction } from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { MetricsService } from '../../metrics/metrics.service';
import { isDuplicateKeyError } from '../database-errors';
import { SQLITE_DIALECT } from './sqlite-dialect';
import { counterWhere, keyColumns, Period, PERIODS } from '../periods';
import {
  counterColumns,
  LEDGER_COLUMNS,
  LEDGER_INSERT_COLUMNS,
  LedgerEntry,
  ledgerValues,
  placeholders,
  RecordResult,
  quarterOf,
  toStoredMessage,
  countersDisagree,
  countersOf,
  voided,
  VOID_LEDGER,
  VoidRequest,
  VoidResult,
  voidWithoutChange,
} from '../repositories/ledger-entries';
import { MessageLedgerRepository } from '../repositories/message-ledger.repository';

const INSERT_LEDGER = `INSERT INTO messages (${LEDGER_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`;

const SELECT_BY_UUID = `SELECT ${LEDGER_COLUMNS} FROM messages WHERE uuid = ?`;

/** One message's increment of its counter of `period`, in the only slot there is. */
const increment = (
  period: Period,
) => `INSERT INTO ${period.table} (${counterColumns(period)})
VALUES (${placeholders(keyColumns(period).length)}, 0, 1, ?)
ON CONFLICT (${keyColumns(period).join(', ')}, slot) DO UPDATE SET
  message_count = message_count + 1,
  total_amount_milli = total_amount_milli + excluded.total_amount_milli`;

/** Takes one message out of its counter of `period`: a single slot (0) here. */
const decrement = (period: Period) =>
  `UPDATE ${period.table} SET message_count = message_count - 1,
  total_amount_milli = total_amount_milli - ?
WHERE ${counterWhere(period)} AND slot = 0
  AND message_count >= 1 AND total_amount_milli >= ?`;

/** A counter a void left empty: a rebuild would not write it. */
const deleteEmpty = (period: Period) =>
  `DELETE FROM ${period.table}
WHERE ${counterWhere(period)} AND message_count = 0 AND total_amount_milli = 0`;

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
  'void a message': VOID_LEDGER,
  ...Object.fromEntries(
    PERIODS.flatMap((period) => [
      [
        `take a voided message from a ${period.name}'s counter`,
        decrement(period),
      ],
      [`delete a ${period.name}'s counter a void emptied`, deleteEmpty(period)],
    ]),
  ),
});

type Recorder = Transaction<(entries: LedgerEntry[]) => RecordResult[]>;
type Voider = Transaction<(request: VoidRequest) => VoidResult>;

/**
 * The ledger on the embedded SQLite. TypeORM shares one SQLite connection
 * between all callers, so concurrent async transactions would interleave on
 * it. better-sqlite3 is synchronous: the whole transaction runs in one turn
 * of the event loop, and no other request can see or join it half-done.
 */
export class SqliteMessageLedgerRepository extends MessageLedgerRepository {
  private recorder?: Recorder;
  private voider?: Voider;

  constructor(dataSource: DataSource, metrics: MetricsService) {
    super(dataSource, metrics, SQLITE_DIALECT);
  }

  protected recordInOneTransaction(entries: LedgerEntry[]): RecordResult[] {
    this.recorder ??= this.prepareRecorder();
    return this.recorder(entries);
  }

  protected voidInOneTransaction(request: VoidRequest): VoidResult {
    this.voider ??= this.prepareVoider();
    // IMMEDIATE: it reads before it writes, so it takes the write lock
    // first (waiting for another process's writes) rather than find at its
    // first write that its snapshot is stale.
    return this.voider.immediate(request);
  }

  private get connection(): Database {
    return (
      this.dataSource.driver as unknown as { databaseConnection: Database }
    ).databaseConnection;
  }

  private prepareVoider(): Voider {
    const connection = this.connection;
    const select = connection.prepare(SELECT_BY_UUID);
    const voidRow = connection.prepare(VOID_LEDGER);
    const counters = new Map(
      PERIODS.map((period) => [
        period,
        {
          take: connection.prepare(decrement(period)),
          deleteIfEmpty: connection.prepare(deleteEmpty(period)),
        },
      ]),
    );
    return connection.transaction((request: VoidRequest): VoidResult => {
      const row: unknown = select.get(request.uuid);
      const stored = row === undefined ? undefined : toStoredMessage(row);
      const unchanged = voidWithoutChange(stored, request.settledThrough);
      if (unchanged) return unchanged;
      const { values, message } = voided(stored!, request);
      voidRow.run(...values, stored!.date, request.uuid);
      const milli = stored!.amount.milli;
      for (const { period, key } of countersOf(stored!)) {
        const { take, deleteIfEmpty } = counters.get(period)!;
        if (take.run(milli, ...key, milli).changes !== 1) {
          // Throwing rolls the transaction back.
          throw countersDisagree(stored!, period);
        }
        deleteIfEmpty.run(...key);
      }
      return { outcome: 'voided', message };
    });
  }

  private prepareRecorder(): Recorder {
    const connection = this.connection;
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
      const quarter = quarterOf(entry);
      for (const { period, statement } of increments) {
        if (period.within) {
          statement.run(
            entry.date,
            quarter,
            entry.customerId,
            entry.type,
            entry.amount.milli,
          );
        } else {
          statement.run(
            period.firstDay(entry.date),
            entry.customerId,
            entry.type,
            entry.amount.milli,
          );
        }
      }
      return { recorded: true };
    };
    return connection.transaction((entries: LedgerEntry[]) =>
      entries.map(recordOne),
    );
  }
}
