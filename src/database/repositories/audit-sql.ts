import type { Period } from '../periods';
import type { Sql, SqlDialect } from '../sql-dialect';

/** The distinct values of a period column in [first, last]: read from the key alone. */
export function storedPeriodsSql(
  column: string,
  table: string,
  first: string,
  last: string,
): Sql {
  return {
    sql: `SELECT DISTINCT ${column} AS period FROM ${table} WHERE ${column} >= ? AND ${column} <= ?`,
    parameters: [first, last],
  };
}

/**
 * A period's counters (the sum of their slots' rows) and the ledger's sums
 * for the same period, per (customer, type), voided messages left out: to
 * be read in one snapshot.
 */
export function differencesSql(
  period: Period,
  first: string,
  dialect: SqlDialect,
): [Sql, Sql] {
  const { table, column } = period;
  const sum = (of: string) => dialect.exactSum(of, 'total');
  return [
    {
      sql: `SELECT customer_id, type, SUM(message_count) AS message_count, ${sum('total_amount_milli')}
FROM ${table} WHERE ${column} = ?
GROUP BY customer_id, type`,
      parameters: [first],
    },
    {
      sql: `SELECT customer_id, type, COUNT(*) AS message_count, ${sum('amount_milli')}
FROM messages WHERE stat_date >= ? AND stat_date <= ? AND voided_at IS NULL
GROUP BY customer_id, type`,
      parameters: [first, period.lastDay(first)],
    },
  ];
}

/**
 * Deleting a period's counters and writing them anew: from the ledger's
 * messages that still count, or summed slot by slot from the finer period
 * it is rebuilt from.
 */
export function rebuildSql(period: Period, first: string): [Sql, Sql] {
  const { table, column, rebuiltFrom: finer } = period;
  const parameters = [first, first, period.lastDay(first)];
  return [
    { sql: `DELETE FROM ${table} WHERE ${column} = ?`, parameters: [first] },
    finer
      ? {
          sql: `INSERT INTO ${table} (${column}, customer_id, type, slot, message_count, total_amount_milli)
SELECT ?, customer_id, type, slot, SUM(message_count), SUM(total_amount_milli)
FROM ${finer.table} WHERE ${finer.column} >= ? AND ${finer.column} <= ?
GROUP BY customer_id, type, slot`,
          parameters,
        }
      : {
          sql: `INSERT INTO ${table} (${column}, customer_id, type, message_count, total_amount_milli)
SELECT ?, customer_id, type, COUNT(*), SUM(amount_milli)
FROM messages WHERE stat_date >= ? AND stat_date <= ? AND voided_at IS NULL
GROUP BY customer_id, type`,
          parameters,
        },
  ];
}
