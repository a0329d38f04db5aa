import type { QueryRunner } from 'typeorm';
import {
  countersDisagree,
  countersOf,
  LEDGER_COLUMNS,
  toStoredMessage,
  voided,
  VOID_LEDGER,
  VoidRequest,
  VoidResult,
  voidWithoutChange,
} from '../repositories/ledger-entries';
import type { StoredMessage } from '../repositories/stored-message';
import type { Period } from '../periods';
import type { Statement } from './record-statements';

/** The message's ledger row, locked until the void commits or rolls back. */
export const LOCK_MESSAGE = `SELECT ${LEDGER_COLUMNS} FROM messages WHERE uuid = ? FOR UPDATE`;

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
      request.uuid,
    ])) as unknown[];
    const stored = rows.length > 0 ? toStoredMessage(rows[0]) : undefined;
    const unchanged = voidWithoutChange(stored, request.settledThrough);
    if (unchanged) return unchanged;
    const { values, message } = voided(stored!, request);
    await runner.query(VOID_LEDGER, [...values, request.uuid]);
    for (const { period, take, deleteIfEmpty } of counterDecrements(
      stored!,
      slot,
    )) {
      const taken = await runner.query(take.sql, take.parameters, true);
      if (taken.affected !== 1) throw countersDisagree(stored!, period);
      await runner.query(deleteIfEmpty.sql, deleteIfEmpty.parameters);
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
 * any slot holding at least the message will do. A slot left empty is
 * deleted, so that a voided message leaves no zero row behind (a rebuild
 * would not write one). The amount is cast to an integer: a string in
 * arithmetic would be a DOUBLE.
 */
export function counterDecrements(
  message: StoredMessage,
  slot: number,
): Array<{ period: Period; take: Statement; deleteIfEmpty: Statement }> {
  const milli = message.amount.milli.toString();
  return countersOf(message).map(({ period, key }) => {
    const { table, column } = period;
    const where = `${column} = ? AND customer_id = ? AND type = ?`;
    return {
      period,
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
