import { uuidBytes } from '../../src/database/mysql/mysql-uuid';

/** A ledger row written by hand, as a test's other writer would. */
export interface HandWrittenRow {
  uuid: string;
  customerId: number;
  type: string;
  amountMilli: number;
  statDate: string;
  receivedAt: string;
}

/**
 * The statements that write `row` into a MySQL ledger as the service does
 * (KeyLedgerByDay1764900000000): its uuid, as 16 bytes, into message_uuids
 * first (where a uuid already there conflicts), then the row itself.
 */
export function mysqlLedgerInsert(
  row: HandWrittenRow,
): Array<[string, unknown[]]> {
  const uuid = uuidBytes(row.uuid);
  return [
    [
      'INSERT INTO message_uuids (uuid, stat_date) VALUES (?, ?)',
      [uuid, row.statDate],
    ],
    [
      'INSERT INTO messages (uuid, customer_id, type, amount_milli, stat_date, received_at) VALUES (?, ?, ?, ?, ?, ?)',
      [
        uuid,
        row.customerId,
        row.type,
        row.amountMilli,
        row.statDate,
        row.receivedAt,
      ],
    ],
  ];
}

/** Writes `row` into a MySQL ledger through `sql`, as mysqlLedgerInsert says. */
export async function insertMysqlLedgerRow(
  sql: { query(sql: string, parameters?: unknown[]): Promise<unknown> },
  row: HandWrittenRow,
): Promise<void> {
  for (const [statement, parameters] of mysqlLedgerInsert(row)) {
    await sql.query(statement, parameters);
  }
}
