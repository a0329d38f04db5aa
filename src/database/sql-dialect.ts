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
  /** What follows a SELECT to keep the rows it read from changing until the commit ('' where the transaction itself does). */
  readonly forShare: string;
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
  /** A DATE expression moved `days` (an integer) days, as a DATE. */
  addDays(expression: string, days: number): string;
  /** The first day of the month of a DATE expression, as a DATE. */
  monthStart(expression: string): string;
  /** The Monday that begins the ISO week of a DATE expression, as a DATE. */
  weekStart(expression: string): string;
  /** The UTC quarter hour of the day (0–95) of a stored instant (toSqlDateTime's form), as an integer. */
  quarterOfDay(expression: string): string;
  /**
   * Select expressions of one term of a cover: its counters summed per
   * group, negated when `negative`, as `n` and the total's parts, which
   * `coverSums` adds up over the terms. Summed in SQL, never as floats.
   */
  termSums(negative: boolean): string;
  /** Select expressions adding the terms' sums up: message_count, and the total as readExactSum reads 'total_amount_milli'. */
  readonly coverSums: string;
  /** A uuid (lowercase text) as the ledger's uuid columns hold it. */
  uuidValue(uuid: string): unknown;
  /**
   * The SELECT of the ledger's rows (LEDGER_COLUMNS, toStoredMessage reads
   * them) of `count` uuids, bound with uuidValue.
   */
  ledgerRowsOf(count: number): string;
  /** An integer expression as the driver must return it: exactly. */
  exactInteger(expression: string): string;
  /**
   * Select expressions for the exact sum of a non-negative integer column,
   * named after `alias`; readExactSum reads it back.
   */
  exactSum(column: string, alias: string): string;
}

/** A statement and its parameters. */
export interface Sql {
  sql: string;
  parameters: unknown[];
}

/** The injection token of the SqlDialect of the configured database. */
export const SQL_DIALECT = Symbol('SqlDialect');

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
