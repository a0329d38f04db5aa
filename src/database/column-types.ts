import type { EntitySchemaColumnOptions } from 'typeorm';

type Column = Pick<
  EntitySchemaColumnOptions,
  | 'type'
  | 'length'
  | 'precision'
  | 'scale'
  | 'unsigned'
  | 'charset'
  | 'collation'
>;

/**
 * The column types each database spells its own way: the entities take them
 * from the database's folder (mysql/, sqlite/).
 */
export interface ColumnTypes {
  uuid: Column;
  /** Compared byte for byte, as the API compares types. */
  messageType: Column;
  counter: Column;
  /** A monthly or yearly total: the sum of many daily ones. */
  wideTotal: Column;
  receivedAt: Column;
  /** Free text a client wrote: a void's reason. */
  reason: Column;
  slot: Column;
  /**
   * True where the ledger is keyed by (stat_date, uuid) in partitions and
   * `message_uuids` keeps each uuid once (KeyLedgerByDay1764900000000);
   * false where the ledger is keyed by its uuid alone.
   */
  ledgerKeyedByDay: boolean;
  /**
   * True where integer arithmetic overflows into a float rather than
   * failing: a CHECK on each total refuses that float.
   */
  checkExactTotals: boolean;
}
