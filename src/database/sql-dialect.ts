/**
 * What the SQL of the shared repositories says differently on each
 * database, chosen once where the database module is built (SQL_DIALECT).
 * Algorithms that differ as a whole (how a batch is recorded, how reads
 * share a snapshot) have classes of their own per database instead.
 */
export interface SqlDialect {
  /** The largest value a counter column holds. */
  readonly counterLimit: bigint;
  /** The largest total a monthly or yearly counter holds. */
  readonly periodTotalLimit: bigint;
  /** How to ask the database for the plan of a statement. */
  readonly explain: string;
  /**
   * A table to be read through its primary key alone. A counter table's key
   * leads with the period, so all customers' rows of listed periods are its
   * ranges, which no other index serves without a look-up per row; MySQL's
   * optimizer, counting only the rows of a page's bound, would sometimes take
   * the group index all the same.
   */
  byPrimaryKey(table: string): string;
  /** The first day of the month of a DATE expression, as a DATE. */
  monthStart(expression: string): string;
  /**
   * Select expressions of one term of a cover: its counters summed per
   * group, negated when `negative`, as `n` and the total's parts, which
   * `coverSums` adds up over the terms. Summed in SQL, never as floats.
   */
  termSums(negative: boolean): string;
  /** Select expressions adding the terms' sums up: message_count, and the total as readExactSum reads 'total_amount_milli'. */
  readonly coverSums: string;
  /** An integer expression as the driver must return it: exactly. */
  exactInteger(expression: string): string;
  /**
   * Select expressions for the exact sum of a non-negative integer column,
   * named after `alias`; readExactSum reads it back.
   */
  exactSum(column: string, alias: string): string;
}

/** The injection token of the SqlDialect of the configured database. */
export const SQL_DIALECT = Symbol('SqlDialect');

/**
 * MySQL/MariaDB: BIGINT UNSIGNED counters; mysql2 returns BIGINT and
 * DECIMAL as strings, and SUM of BIGINT is an exact DECIMAL.
 */
export const MYSQL_DIALECT: SqlDialect = {
  counterLimit: 2n ** 64n - 1n,
  // DECIMAL(30, 0): the total of 366 full daily counters, with room to spare.
  periodTotalLimit: 10n ** 30n - 1n,
  explain: 'EXPLAIN',
  byPrimaryKey: (table) => `${table} FORCE INDEX (PRIMARY)`,
  monthStart: (expression) => `DATE_FORMAT(${expression}, '%Y-%m-01')`,
  // SUM of an integer column is an exact DECIMAL, which can be negated.
  termSums: (negative) =>
    `${negative ? '-' : ''}SUM(message_count) AS n, ${negative ? '-' : ''}SUM(total_amount_milli) AS t`,
  coverSums: 'SUM(n) AS message_count, SUM(t) AS total_amount_milli',
  exactInteger: (expression) => expression,
  exactSum: (column, alias) => `SUM(${column}) AS ${alias}`,
};

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
  explain: 'EXPLAIN QUERY PLAN',
  // SQLite's planner takes the key's equality on the period unprompted.
  byPrimaryKey: (table) => table,
  monthStart: (expression) => `strftime('%Y-%m-01', ${expression})`,
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

/** The sum an `exactSum` expression of this alias selected. */
export function readExactSum(
  row: Record<string, unknown>,
  alias: string,
): bigint {
  if (alias in row) return BigInt(String(row[alias]));
  const high = BigInt(String(row[`${alias}_high`]));
  const low = BigInt(String(row[`${alias}_low`]));
  return (high << 32n) + low;
}
