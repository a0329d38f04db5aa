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
  const uuids = entries.map((entry) => uuidBytes(entry.uuid));
  return [
    {
      sql: `INSERT INTO message_uuids (uuid, stat_date) VALUES ${rowPlaceholders(entries.length, 2)}`,
      parameters: entries.flatMap((entry, i) => [uuids[i], entry.date]),
    },
    {
      sql: `INSERT INTO messages (${LEDGER_INSERT_COLUMNS}) VALUES ${rowPlaceholders(entries.length, 7)}`,
      parameters: entries.flatMap((entry, i) =>
        ledgerValues(entry, entry.amount.milli.toString(), uuids[i]),
      ),
    },
    ...counterIncrements(entries).map(({ period, deltas }) => ({
      sql: `INSERT INTO ${period.table} (${counterColumns(period)}) VALUES ${rowPlaceholders(deltas.length, counterWidth(period))}
${UPSERT}`,
      parameters: deltas.flatMap((delta) => counterValues(delta, slot)),
    })),
  ];
}

/** The statements as one multi-statement packet: one round trip. */
export async function onePacket(
  runner: Queryable,
  statements: Statement[],
): Promise<void> {
  await runner.query(
    statements.map((statement) => statement.sql).join(';\n'),
    statements.flatMap((statement) => statement.parameters ?? []),
  );
}
