/**
 * A check or a rebuild asked of days whose ledger rows retention has
 * removed: those days are settled, and their counters are the record.
 */
export class LedgerNotKeptError extends Error {
  constructor(
    readonly day: string,
    readonly firstKeptDay: string,
  ) {
    super(
      `the ledger holds event days from ${firstKeptDay} on (LEDGER_RETENTION_DAYS): ${day} is settled, its ledger rows are gone and its counters are the record, so it cannot be checked or rebuilt from the ledger; ask for ${firstKeptDay} or later`,
    );
  }
}
