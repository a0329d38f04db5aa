import type { DriverErrorCodes } from '../driver-error-codes';

/** better-sqlite3's codes. The database is a file: never unreachable. */
export const SQLITE_ERROR_CODES: DriverErrorCodes = {
  unavailable: new Set(),
  duplicateKey: new Set(['SQLITE_CONSTRAINT_PRIMARYKEY']),
  // BUSY_SNAPSHOT: a transaction that read first found the file written by
  // another process when it came to write; run again, it reads anew.
  transient: new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT']),
  // The CHECK that refuses the float an overflowing integer becomes.
  counterOverflow: new Set(['SQLITE_CONSTRAINT_CHECK']),
  schemaBehind: (code, message) =>
    code === 'SQLITE_ERROR' && /^no such (table|column)/.test(message),
  codePrefix: 'SQLITE_',
};
