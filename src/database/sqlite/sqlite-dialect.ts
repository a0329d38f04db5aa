import { LEDGER_COLUMNS, placeholders } from '../repositories/ledger-entries';
import type { SqlDialect } from '../sql-dialect';

/**
 * SQLite: signed 64-bit counters (a CHECK refuses the float an overflow
 * would become). better-sqlite3 would hand an integer past 2^53 to
 * JavaScript as a lossy number, so integers are read as text; SUM() fails
 * with "integer overflow" past 2^63 − 1, which totals over many days pass,
 * so the high and the low 32 bits are summed apart (each sum stays below
 * 2^63 up to 2^32 rows) and put together in JavaScript.
 */
export const SQLITE_DIALECT: SqlDialect = {
  counterLimit: 2n ** 63n - 1n,
  // SQLite has no wider integer: a month's or a year's total is held to a day's limit.
  periodTotalLimit: 2n ** 63n - 1n,
  forShare: '',
  explain: 'EXPLAIN QUERY PLAN',
  // SQLite's planner takes the key's equality on the period unprompted.
  byPrimaryKey: (table) => table,
  uuidValue: (uuid) => uuid,
  ledgerRowsOf: (count) =>
    `SELECT ${LEDGER_COLUMNS} FROM messages WHERE uuid IN (${placeholders(count)})`,
  addDays: (expression, days) =>
    `date(${expression}, '${days > 0 ? '+' : ''}${days} days')`,
  monthStart: (expression) => `strftime('%Y-%m-01', ${expression})`,
  // %w is 0 on Sunday: back as many days as the week has gone since Monday.
  weekStart: (expression) =>
    `date(${expression}, '-' || ((CAST(strftime('%w', ${expression}) AS INTEGER) + 6) % 7) || ' days')`,
  // Instants are text, "YYYY-MM-DD HH:MM:SS.mmm": the hour and minute by position.
  quarterOfDay: (expression) =>
    `(CAST(substr(${expression}, 12, 2) AS INTEGER) * 4 + CAST(substr(${expression}, 15, 2) AS INTEGER) / 15)`,
  // Totals are summed in halves, as exactSum does, in the terms and over them.
  termSums: (negative) => {
    const sign = negative ? '-' : '';
    return (
      `${sign}SUM(message_count) AS n, ` +
      `${sign}SUM(total_amount_milli >> 32) AS t_high, ` +
      `${sign}SUM(total_amount_milli & 4294967295) AS t_low`
    );
  },
  coverSums:
    'SUM(n) AS message_count, ' +
    'CAST(SUM(t_high) AS TEXT) AS total_amount_milli_high, ' +
    'CAST(SUM(t_low) AS TEXT) AS total_amount_milli_low',
  exactInteger: (expression) => `CAST(${expression} AS TEXT)`,
  exactSum: (column, alias) =>
    `CAST(SUM(${column} >> 32) AS TEXT) AS ${alias}_high, ` +
    `CAST(SUM(${column} & 4294967295) AS TEXT) AS ${alias}_low`,
};
