import { escape } from 'mysql2';
import {
  counterColumns,
  counterIncrements,
  counterValues,
  counterWidth,
  LEDGER_INSERT_COLUMNS,
  LedgerEntry,
  ledgerValues,
  rowPlaceholders,
} from '../repositories/ledger-entries';
import type { Queryable } from '../repositories/message-ledger.repository';
import { uuidBytes } from './mysql-uuid';

export interface Statement {
  sql: string;
  parameters?: unknown[];
}

/** Adds the inserted row's count and total to a row that exists. */
export const UPSERT = `ON DUPLICATE KEY UPDATE message_count = message_count + VALUES(message_count),
  total_amount_milli = total_amount_milli + VALUES(total_amount_milli)`;

/**
 * The uuids' insert (a uuid already there fails it: a duplicate key), the
 * ledger insert and the counter upserts for entries that are all new,
 * into this writer's slot of each counter: every period's counters, finest
 * first, each in its table's key order, so that every transaction takes
 * its row locks in one global order. A single server sends them as one
 * packet; a Galera node one by one.
 */
export function recordStatements(
  entries: LedgerEntry[],
  slot: number,
): Statement[] {
  // Parameters are pushed, not flat-mapped: a batch binds about 40 values
  // per message, and flatMap's small arrays were a tenth of its CPU.
  const uuidRows: unknown[] = [];
  const ledgerRows: unknown[] = [];
  for (const entry of entries) {
    const uuid = uuidBytes(entry.uuid);
    uuidRows.push(uuid, entry.date);
    pushAll(
      ledgerRows,
      ledgerValues(entry, entry.amount.milli.toString(), uuid),
    );
  }
  return [
    {
      sql: `INSERT INTO message_uuids (uuid, stat_date) VALUES ${rowPlaceholders(entries.length, 2)}`,
      parameters: uuidRows,
    },
    {
      sql: `INSERT INTO messages (${LEDGER_INSERT_COLUMNS}) VALUES ${rowPlaceholders(entries.length, 7)}`,
      parameters: ledgerRows,
    },
    ...counterIncrements(entries).map(({ period, deltas }) => {
      const parameters: unknown[] = [];
      for (const delta of deltas) {
        pushAll(parameters, counterValues(delta, slot));
      }
      return {
        sql: `INSERT INTO ${period.table} (${counterColumns(period)}) VALUES ${rowPlaceholders(deltas.length, counterWidth(period))}
${UPSERT}`,
        parameters,
      };
    }),
  ];
}

function pushAll(target: unknown[], values: readonly unknown[]): void {
  for (const value of values) target.push(value);
}

/**
 * The statements as one multi-statement packet: one round trip, its SQL
 * written here (withValues) rather than by mysql2, which would take one
 * array of a batch's 40,000 parameters.
 */
export async function onePacket(
  runner: Queryable,
  statements: Statement[],
): Promise<void> {
  await runner.query(statements.map(withValues).join(';\n'));
}

const placeholderSplits = new Map<string, string[]>();

/**
 * A statement with its parameters written in as literals, exactly as
 * mysql2's format writes them (a unit test holds it to that), for the
 * values statements here bind: strings (escaped by mysql2), numbers,
 * bigints, Buffers and null. Built from parts joined once: mysql2 appends
 * value by value, and the tens of thousands of pieces a batch's string is
 * made of then cost more to flatten and send than the statements did to
 * build (a tenth of the service's CPU per batched message).
 */
export function withValues({ sql, parameters }: Statement): string {
  if (!parameters || parameters.length === 0) return sql;
  let parts = placeholderSplits.get(sql);
  if (parts === undefined) {
    parts = sql.split('?');
    // Batches are at most 1000 messages, so there are few shapes.
    if (placeholderSplits.size < 4096) placeholderSplits.set(sql, parts);
  }
  if (parts.length !== parameters.length + 1) {
    throw new Error(
      `${parameters.length} parameters for ${parts.length - 1} placeholders`,
    );
  }
  const pieces: string[] = new Array<string>(parts.length * 2 - 1);
  for (let i = 0; i < parameters.length; i++) {
    pieces[2 * i] = parts[i];
    pieces[2 * i + 1] = literal(parameters[i]);
  }
  pieces[pieces.length - 1] = parts[parts.length - 1];
  return pieces.join('');
}

function literal(value: unknown): string {
  if (typeof value === 'string') return escape(value);
  if (typeof value === 'number' && Number.isFinite(value)) return `${value}`;
  if (typeof value === 'bigint') return `${value}`;
  if (value === null) return 'NULL';
  if (Buffer.isBuffer(value)) return `X'${value.toString('hex')}'`;
  throw new TypeError(`no SQL literal for ${typeof value} values`);
}
