import { addMonths } from '../../common/utc-date';

/** A month partition of the ledger: named mYYYYMM after its month, bounded by the next month's first day. */
export interface LedgerPartition {
  name: string;
  bound: string;
}

/** The partition of the month beginning `monthStart`. */
export const monthPartition = (monthStart: string): LedgerPartition => ({
  name: `m${monthStart.slice(0, 4)}${monthStart.slice(5, 7)}`,
  bound: addMonths(monthStart, 1),
});
