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

/** The ledger's horizon: the first event day it holds in full. */
export const HORIZON_SQL: Sql = {
  sql: 'SELECT first_kept_day FROM ledger_horizon WHERE id = 1',
  parameters: [],
};

/**
 * A period's counters (the sum of their slots' rows), what they should be
 * (the ledger's sums for the period, voided messages left out; or, for a
 * period that begins before the ledger's horizon, the sums of the finer
 * counters it is rebuilt from), per (customer, type), and the horizon:
 * to be read in one snapshot.
 */
export function differencesSql(
  period: Period,
  first: string,
  dialect: SqlDialect,
  against: 'ledger' | 'finer',
): [Sql, Sql, Sql] {
  const { table, column } = period;
  const sum = (of: string) => dialect.exactSum(of, 'total');
  const finer = period.finer;
  // A quarter hour's counters are told apart within their day (within_day).
  const within = withinDay(period, dialect);
  const select = within ? `${within.counter} AS within_day, ` : '';
  const groupBy = within ? `${within.counter}, ` : '';
  return [
    {
      sql: `SELECT ${select}customer_id, type, SUM(message_count) AS message_count, ${sum('total_amount_milli')}
FROM ${table} WHERE ${column} = ?
GROUP BY ${groupBy}customer_id, type`,
      parameters: [first],
    },
    against === 'finer' && finer
      ? {
          sql: `SELECT customer_id, type, SUM(message_count) AS message_count, ${sum('total_amount_milli')}
FROM ${finer.table} WHERE ${finer.column} >= ? AND ${finer.column} <= ?
GROUP BY customer_id, type`,
          parameters: [first, period.lastDay(first)],
        }
      : {
          sql: `SELECT ${within ? `${within.ledger} AS within_day, ` : ''}customer_id, type, COUNT(*) AS message_count, ${sum('amount_milli')}
FROM messages WHERE stat_date >= ? AND stat_date <= ? AND voided_at IS NULL
GROUP BY ${within ? `${within.ledger}, ` : ''}customer_id, type`,
          parameters: [first, period.lastDay(first)],
        },
    HORIZON_SQL,
  ];
}

/** A ledger row's instant: its own time's, or its arrival's; its stat_date is this instant's UTC day. */
const LEDGER_INSTANT = 'COALESCE(event_at, received_at)';

/** For a period split within its day: its counters' column, and the ledger's expression for it. */
function withinDay(
  period: Period,
  dialect: SqlDialect,
): { counter: string; ledger: string } | undefined {
  return period.within
    ? {
        counter: period.within,
        ledger: dialect.quarterOfDay(LEDGER_INSTANT),
      }
    : undefined;
}

/**
 * Deleting a period's counters and writing them anew: from the ledger's
 * messages that still count, or summed slot by slot from the finer period
 * it is rebuilt from (a year always; a month that begins before the
 * ledger's horizon when `from` is 'finer').
 */
export function rebuildSql(
  period: Period,
  first: string,
  dialect: SqlDialect,
  from: 'ledger' | 'finer' = period.rebuiltFrom ? 'finer' : 'ledger',
): [Sql, Sql] {
  const { table, column } = period;
  const finer = from === 'finer' ? period.finer : undefined;
  const parameters = [first, first, period.lastDay(first)];
  const within = withinDay(period, dialect);
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
          sql: `INSERT INTO ${table} (${column}, ${within ? `${within.counter}, ` : ''}customer_id, type, message_count, total_amount_milli)
SELECT ?, ${within ? `${within.ledger}, ` : ''}customer_id, type, COUNT(*), SUM(amount_milli)
FROM messages WHERE stat_date >= ? AND stat_date <= ? AND voided_at IS NULL
GROUP BY ${within ? `${within.ledger}, ` : ''}customer_id, type`,
          parameters,
        },
  ];
}
