import type { DataSource } from 'typeorm';

/** The two database families the service runs on. */
export type Dialect = 'mysql' | 'sqlite';

export function dialectOf(dataSource: Pick<DataSource, 'options'>): Dialect {
  return dataSource.options.type === 'mysql' ? 'mysql' : 'sqlite';
}

/**
 * An integer expression (a sum of thousandths, say) as the driver should
 * return it: better-sqlite3 would hand SQLite's integer past 2^53 to
 * JavaScript as a lossy number, so there it is read as text; mysql2 already
 * returns BIGINT and DECIMAL as strings.
 */
export function exactInteger(dialect: Dialect, expression: string): string {
  return dialect === 'mysql' ? expression : `CAST(${expression} AS TEXT)`;
}

/**
 * Select expressions for the exact sum of a non-negative integer column,
 * named after `alias`; readExactSum reads it back. MySQL sums BIGINT into an
 * exact DECIMAL. SQLite's SUM() fails with "integer overflow" past 2^63 − 1,
 * which totals over many days pass, so there the high and the low 32 bits
 * are summed apart (each sum stays below 2^63 up to 2^32 rows) and put
 * together in JavaScript.
 */
export function exactSum(
  dialect: Dialect,
  column: string,
  alias: string,
): string {
  return dialect === 'mysql'
    ? `SUM(${column}) AS ${alias}`
    : `CAST(SUM(${column} >> 32) AS TEXT) AS ${alias}_high, ` +
        `CAST(SUM(${column} & 4294967295) AS TEXT) AS ${alias}_low`;
}

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

/**
 * The largest value a counter column holds: BIGINT UNSIGNED on MySQL,
 * SQLite's signed 64-bit integer (its CHECK refuses the float an overflow
 * would become).
 */
export function counterLimit(dialect: Dialect): bigint {
  return dialect === 'mysql' ? 2n ** 64n - 1n : 2n ** 63n - 1n;
}

/**
 * Column types that differ by dialect. Message types must compare byte for
 * byte: MySQL's text collations ignore case and trailing spaces, so there the
 * column is VARBINARY (64 characters of up to 4 UTF-8 bytes); SQLite's text
 * already compares bytes.
 */
export function columnTypes(dialect: Dialect) {
  return dialect === 'mysql'
    ? ({
        uuid: {
          type: 'char',
          length: 36,
          charset: 'ascii',
          collation: 'ascii_bin',
        },
        messageType: { type: 'varbinary', length: 256 },
        counter: { type: 'bigint', unsigned: true },
        receivedAt: { type: 'datetime', precision: 3 },
      } as const)
    : ({
        uuid: { type: 'varchar', length: 36 },
        messageType: { type: 'varchar', length: 64 },
        counter: { type: 'bigint' },
        receivedAt: { type: 'datetime' },
      } as const);
}
