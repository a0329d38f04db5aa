import { EntitySchema } from 'typeorm';

/**
 * The first event day whose messages the ledger holds in full (one row,
 * id 1): see AddLedgerHorizon1764800000000.
 */
export interface LedgerHorizonRow {
  id: number;
  firstKeptDay: string;
  /**
   * The first day whose quarter-hour counters are whole: the ledger's
   * horizon when they were added (AddQuarterHourStatistics1765000000000),
   * which could not back-fill the days before it. Never moves after.
   */
  firstQuarterHourDay: string;
}

export const ledgerHorizonEntity = new EntitySchema<LedgerHorizonRow>({
  name: 'LedgerHorizon',
  tableName: 'ledger_horizon',
  columns: {
    id: { type: 'smallint', primary: true },
    firstKeptDay: { name: 'first_kept_day', type: 'date' },
    firstQuarterHourDay: {
      name: 'first_quarter_hour_day',
      type: 'date',
      default: '0001-01-01',
    },
  },
});
