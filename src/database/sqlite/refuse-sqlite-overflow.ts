import type { QueryRunner } from 'typeorm';
import type { BackFill } from '../migrations/migration-dialect';

/**
 * SQLite's SUM stops with "integer overflow" past 2^63 − 1: a period whose
 * finer totals add up to more than one SQLite counter holds, which the
 * build before the migration accepted (each finer counter fits). Rethrows
 * any other error; for this one, names the counter and says what to do,
 * instead of stopping start-up with SQLite's bare message. Frozen with the
 * migrations that call it: it must not change when the entities do.
 */
export async function refuseSqliteOverflow(
  queryRunner: QueryRunner,
  error: Error,
  { adding, period, from, first, last }: BackFill,
): Promise<never> {
  if (!/integer overflow/i.test(error.message)) throw error;
  const [largest] = (await queryRunner.query(
    `SELECT customer_id, type, TOTAL(total_amount_milli) AS total
FROM ${from.table} WHERE ${from.column} >= ? AND ${from.column} <= ?
GROUP BY customer_id, type ORDER BY total DESC LIMIT 1`,
    [first, last],
  )) as Array<{ customer_id: number; type: string; total: number }>;
  throw new Error(
    `cannot add ${adding}: in ${period}, customer ${largest.customer_id}'s type ${JSON.stringify(largest.type)} ` +
      `totals about ${(largest.total / 1000).toExponential(3)}, more than the 9223372036854775.807 one SQLite counter holds. ` +
      'Move the data to MySQL/MariaDB, whose longer periods total in DECIMAL(30), ' +
      'or keep this database on the build before this upgrade (docs/design.md, "Upgrading a SQLite database").',
  );
}
