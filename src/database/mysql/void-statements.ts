import type { QueryRunner } from 'typeorm';
import {
  countersDisagree,
  counterColumns,
  countersOf,
  counterWidth,
  toStoredMessage,
  voided,
  VOID_LEDGER,
  VoidRequest,
  VoidResult,
  voidWithoutChange,
} from '../repositories/ledger-entries';
import type { StoredMessage } from '../repositories/stored-message';
import { counterWhere, Period } from '../periods';
import { placeholders } from '../repositories/ledger-entries';
import { MYSQL_DIALECT } from './mysql-dialect';
import { uuidBytes } from './mysql-uuid';
import { Statement, UPSERT } from './record-statements';

/** The message's uuid and ledger row, locked until the void commits or rolls back. */
export const LOCK_MESSAGE = `${MYSQL_DIALECT.ledgerRowsOf(1)} FOR UPDATE`;

/**
 * One attempt at a void on MySQL/MariaDB, a single server's or a Galera
 * node's: one statement per round trip (Galera can lose an abort inside a
 * multi-statement packet; voids are rare enough not to need one), and any
 * error rolls the whole attempt back.
 */
export async function voidOnMysql(
  runner: QueryRunner,
  request: VoidRequest,
  slot: number,
): Promise<VoidResult> {
  await runner.connect();
  let committed = false;
  try {
    // READ COMMITTED: no gap locks, as ingestion.
    await runner.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
    await runner.query('START TRANSACTION');
    const rows = (await runner.query(LOCK_MESSAGE, [
      uuidBytes(request.uuid),
    ])) as unknown[];
    const stored = rows.length > 0 ? toStoredMessage(rows[0]) : undefined;
    const unchanged = voidWithoutChange(stored, request.settledThrough);
    if (unchanged) return unchanged;
    const { values, message } = voided(stored!, request);
    await runner.query(VOID_LEDGER, [
      ...values,
      stored!.date,
      uuidBytes(request.uuid),
    ]);
    for (const { period, key, take, deleteIfEmpty } of counterDecrements(
      stored!,
      slot,
    )) {
      const taken = await runner.query(take.sql, take.parameters, true);
      if (taken.affected === 1) {
        await runner.query(deleteIfEmpty.sql, deleteIfEmpty.parameters);
      } else {
        await foldSlots(runner, stored!, period, key, slot);
      }
    }
    await runner.query('COMMIT');
    committed = true;
    return { outcome: 'voided', message };
  } finally {
    if (!committed) await runner.query('ROLLBACK').catch(() => undefined);
    await runner.release();
  }
}

/**
 * Taking the message out of one slot of each of its counters: this
 * writer's own when it holds the message (fewer conflicts between Galera
 * nodes), else the first that does. A counter is the sum of its slots, so
 * any slot holding at least the message will do; when none does,
 * foldSlots. A slot left empty is
 * deleted, so that a voided message leaves no zero row behind (a rebuild
 * would not write one). The amount is cast to an integer: a string in
 * arithmetic would be a DOUBLE.
 */
export function counterDecrements(
  message: StoredMessage,
  slot: number,
): Array<{
  period: Period;
  key: Array<string | number>;
  take: Statement;
  deleteIfEmpty: Statement;
}> {
  const milli = message.amount.milli.toString();
  return countersOf(message).map(({ period, key }) => {
    const { table } = period;
    const where = counterWhere(period);
    return {
      period,
      key,
      take: {
        sql: `UPDATE ${table} SET message_count = message_count - 1,
  total_amount_milli = total_amount_milli - CAST(? AS UNSIGNED)
WHERE ${where} AND message_count >= 1 AND total_amount_milli >= CAST(? AS UNSIGNED)
ORDER BY slot = ? DESC, slot LIMIT 1`,
        parameters: [milli, ...key, milli, slot],
      },
      deleteIfEmpty: {
        sql: `DELETE FROM ${table} WHERE ${where} AND message_count = 0 AND total_amount_milli = 0`,
        parameters: key,
      },
    };
  });
}

/**
 * Takes the message from a counter none of whose slots holds it alone: on
 * Galera, voids on several nodes can draw the slots down unevenly (one
 * holds the count, another the amount). The slots' rows are locked and
 * replaced by one row in this writer's slot holding their sum less the
 * message. Rare, so it reads under lock rather than in one statement: a
 * single server has one slot, and on Galera another node's increment of a
 * row replaced here conflicts with this transaction at certification, so
 * one of the two runs again.
 */
async function foldSlots(
  runner: QueryRunner,
  message: StoredMessage,
  period: Period,
  key: Array<string | number>,
  slot: number,
): Promise<void> {
  const { lock, replace } = foldStatements(period, key);
  const rows = (await runner.query(lock.sql, lock.parameters)) as Array<{
    slot: number;
    message_count: string;
    total_amount_milli: string;
  }>;
  const sum = (column: 'message_count' | 'total_amount_milli') =>
    rows.reduce((total, row) => total + BigInt(row[column]), 0n);
  const count = sum('message_count') - 1n;
  const milli = sum('total_amount_milli') - message.amount.milli;
  if (count < 0n || milli < 0n) throw countersDisagree(message, period);
  for (const { sql, parameters } of replace(
    rows.map((row) => Number(row.slot)),
    slot,
    count,
    milli,
  )) {
    await runner.query(sql, parameters);
  }
}

/**
 * Locking a counter's slots, and replacing the slots read by one row of
 * `count` messages and `milli` thousandths in `slot` (none if both are 0).
 * Only the slots read are deleted: a slot another writer adds meanwhile is
 * kept, and the upsert adds to this writer's if one appeared.
 */
export function foldStatements(
  period: Period,
  key: Array<string | number>,
): {
  lock: Statement;
  replace: (
    slots: number[],
    slot: number,
    count: bigint,
    milli: bigint,
  ) => Statement[];
} {
  const { table } = period;
  const where = counterWhere(period);
  return {
    lock: {
      sql: `SELECT slot, CAST(message_count AS CHAR) AS message_count,
  CAST(total_amount_milli AS CHAR) AS total_amount_milli
FROM ${table} WHERE ${where} FOR UPDATE`,
      parameters: key,
    },
    replace: (slots, slot, count, milli) => [
      {
        sql: `DELETE FROM ${table} WHERE ${where} AND slot IN (${placeholders(slots.length)})`,
        parameters: [...key, ...slots],
      },
      ...(count > 0n || milli > 0n
        ? [
            {
              sql: `INSERT INTO ${table} (${counterColumns(period)}) VALUES (${placeholders(counterWidth(period))})
${UPSERT}`,
              parameters: [...key, slot, count.toString(), milli.toString()],
            },
          ]
        : []),
    ],
  };
}
