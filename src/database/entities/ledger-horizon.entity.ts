import { EntitySchema } from 'typeorm';

/**
 * The first event day whose messages the ledger holds in full (one row,
 * id 1): see AddLedgerHorizon1764800000000.
 */
export interface LedgerHorizonRow {
  id: number;
  firstKeptDay: string;
}

export const ledgerHorizonEntity = new EntitySchema<LedgerHorizonRow>({
  name: 'LedgerHorizon',
  tableName: 'ledger_horizon',
  columns: {
    id: { type: 'smallint', primary: true },
    firstKeptDay: { name: 'first_kept_day', type: 'date' },
  },
});
