/** A month partition of the ledger: named mYYYYMM after its month, bounded by the next month's first day. */
export interface LedgerPartition {
  name: string;
  bound: string;
}

/** The first day of the month `months` after the month beginning `monthStart` (YYYY-MM-01). */
export function addMonths(monthStart: string, months: number): string {
  const index =
    Number(monthStart.slice(0, 4)) * 12 +
    Number(monthStart.slice(5, 7)) -
    1 +
    months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
}

/** The partition of the month beginning `monthStart`. */
export const monthPartition = (monthStart: string): LedgerPartition => ({
  name: `m${monthStart.slice(0, 4)}${monthStart.slice(5, 7)}`,
  bound: addMonths(monthStart, 1),
});
