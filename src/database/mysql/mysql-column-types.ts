import type { ColumnTypes } from '../column-types';

/**
 * Message types must compare byte for byte, and MySQL's text collations
 * ignore case and trailing spaces: the column is VARBINARY (64 characters
 * of up to 4 UTF-8 bytes). BIGINT UNSIGNED arithmetic fails past its
 * limit, so no CHECK is needed.
 */
export const MYSQL_COLUMN_TYPES: ColumnTypes = {
  // 16 bytes: the uuid's 32 hex digits (mysql-uuid.ts).
  uuid: { type: 'binary', length: 16 },
  messageType: { type: 'varbinary', length: 256 },
  counter: { type: 'bigint', unsigned: true },
  // The total of up to 366 full daily counters (a year's), with room to spare.
  wideTotal: { type: 'decimal', precision: 30, scale: 0 },
  receivedAt: { type: 'datetime', precision: 3 },
  reason: {
    type: 'varchar',
    length: 256,
    charset: 'utf8mb4',
    collation: 'utf8mb4_bin',
  },
  slot: { type: 'tinyint', unsigned: true },
  ledgerKeyedByDay: true,
  checkExactTotals: false,
};
