import {
  LEDGER_COLUMN_NAMES,
  placeholders,
} from '../repositories/ledger-entries';
import type { SqlDialect } from '../sql-dialect';
import { uuidBytes } from './mysql-uuid';

/**
 * MySQL/MariaDB: BIGINT UNSIGNED counters; mysql2 returns BIGINT and
 * DECIMAL as strings, and SUM of BIGINT is an exact DECIMAL.
 */
export const MYSQL_DIALECT: SqlDialect = {
  counterLimit: 2n ** 64n - 1n,
  // DECIMAL(30, 0): the total of 366 full daily counters, with room to spare.
  periodTotalLimit: 10n ** 30n - 1n,
  forShare: ' LOCK IN SHARE MODE',
  explain: 'EXPLAIN',
  byPrimaryKey: (table) => `${table} FORCE INDEX (PRIMARY)`,
  addDays: (expression, days) => `(${expression} + INTERVAL ${days} DAY)`,
  monthStart: (expression) => `DATE_FORMAT(${expression}, '%Y-%m-01')`,
  // WEEKDAY is 0 on Monday.
  weekStart: (expression) =>
    `${expression} - INTERVAL WEEKDAY(${expression}) DAY`,
  quarterOfDay: (expression) =>
    `(HOUR(${expression}) * 4 + MINUTE(${expression}) DIV 15)`,
  // SUM of an integer column is an exact DECIMAL, which can be negated.
  termSums: (negative) =>
    `${negative ? '-' : ''}SUM(message_count) AS n, ${negative ? '-' : ''}SUM(total_amount_milli) AS t`,
  coverSums: 'SUM(n) AS message_count, SUM(t) AS total_amount_milli',
  uuidValue: uuidBytes,
  // The ledger is keyed by day: message_uuids says which day a uuid is on.
  ledgerRowsOf: (count) =>
    `SELECT ${LEDGER_COLUMN_NAMES.map((column) => `m.${column}`).join(', ')}
FROM message_uuids u JOIN messages m ON m.stat_date = u.stat_date AND m.uuid = u.uuid
WHERE u.uuid IN (${placeholders(count)})`,
  exactInteger: (expression) => expression,
  exactSum: (column, alias) => `SUM(${column}) AS ${alias}`,
};
