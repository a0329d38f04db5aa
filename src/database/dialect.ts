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
