import type { DataSource } from 'typeorm';

/**
 * The two database families the service runs on, for what is fixed when
 * the data source is built: entities' column types, migrations. The SQL of
 * the repositories differs through SqlDialect (sql-dialect.ts).
 */
export type Dialect = 'mysql' | 'sqlite';

export function dialectOf(dataSource: Pick<DataSource, 'options'>): Dialect {
  return dataSource.options.type === 'mysql' ? 'mysql' : 'sqlite';
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
        // The total of up to 366 full daily counters (a year's), with room to spare.
        wideTotal: { type: 'decimal', precision: 30, scale: 0 },
        receivedAt: { type: 'datetime', precision: 3 },
        slot: { type: 'tinyint', unsigned: true },
      } as const)
    : ({
        uuid: { type: 'varchar', length: 36 },
        messageType: { type: 'varchar', length: 64 },
        counter: { type: 'bigint' },
        wideTotal: { type: 'bigint' },
        receivedAt: { type: 'datetime' },
        slot: { type: 'integer' },
      } as const);
}
