import type { ColumnTypes } from '../column-types';

/**
 * SQLite's text already compares bytes. It has no integer wider than 64
 * bits, and turns an overflowing sum into a float: a CHECK refuses it.
 */
export const SQLITE_COLUMN_TYPES: ColumnTypes = {
  uuid: { type: 'varchar', length: 36 },
  messageType: { type: 'varchar', length: 64 },
  counter: { type: 'bigint' },
  wideTotal: { type: 'bigint' },
  receivedAt: { type: 'datetime' },
  reason: { type: 'varchar', length: 256 },
  slot: { type: 'integer' },
  ledgerKeyedByDay: false,
  checkExactTotals: true,
};
