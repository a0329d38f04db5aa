/**
 * Classifies errors from mysql2 and better-sqlite3, raw or wrapped in
 * TypeORM's QueryFailedError (which keeps the original as `driverError`).
 */
interface DriverError {
  code?: string;
  errno?: number;
  sqlState?: string;
  fatal?: boolean;
  message?: string;
}

function driverErrorOf(error: unknown): DriverError {
  if (typeof error !== 'object' || error === null) return {};
  const wrapped = (error as { driverError?: unknown }).driverError;
  return typeof wrapped === 'object' && wrapped !== null ? wrapped : error;
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_ACCESS_DENIED_ERROR',
  // 1698: a user that may only log in another way (MariaDB's unix_socket
  // root, say); 1044: a user without rights on the database.
  'ER_ACCESS_DENIED_NO_PASSWORD_ERROR',
  'ER_DBACCESS_DENIED_ERROR',
  'ER_BAD_DB_ERROR',
  'DATABASE_TIMEOUT',
  // 1047, "WSREP has not yet prepared node for application use": a Galera
  // node that is joining the cluster, or cut off from its majority.
  'ER_UNKNOWN_COM_ERROR',
]);

/** The database cannot be reached or is shutting down: the client should retry later. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const driverError = driverErrorOf(error);
  return (
    (driverError.code !== undefined &&
      CONNECTION_ERROR_CODES.has(driverError.code)) ||
    driverError.fatal === true ||
    /^Pool is closed|connection is in closed state/i.test(
      driverError.message ?? '',
    )
  );
}

/**
 * A table or column the build uses is missing: the schema is behind the
 * build (the service started with MIGRATIONS_RUN=false before the
 * migrations ran). MySQL's 1146 and 1054, SQLite's "no such …".
 */
export function isSchemaBehind(error: unknown): boolean {
  const { code, message = '' } = driverErrorOf(error);
  return (
    code === 'ER_NO_SUCH_TABLE' ||
    code === 'ER_BAD_FIELD_ERROR' ||
    (code === 'SQLITE_ERROR' && /^no such (table|column)/.test(message))
  );
}

/**
 * A transaction that kept losing races (deadlocks, lock waits) through all
 * its retries: nothing was written, and the same request is likely to
 * succeed a moment later.
 */
export class DatabaseBusyError extends Error {
  override name = 'DatabaseBusyError';
  readonly code = 'DATABASE_BUSY';
}

/**
 * A deadlock, a lock-wait timeout, or retries that ran out on them: the
 * transaction was rolled back and may simply be run again.
 */
export function isTransientTransactionError(error: unknown): boolean {
  const { code } = driverErrorOf(error);
  return (
    code === 'ER_LOCK_DEADLOCK' ||
    code === 'ER_LOCK_WAIT_TIMEOUT' ||
    code === 'SQLITE_BUSY' ||
    code === 'DATABASE_BUSY'
  );
}

/**
 * What kind of database error this is, fit for a log line: the driver's
 * code, never its message, which quotes values (`Duplicate entry '<uuid>'`).
 */
export function databaseErrorCode(error: unknown): string {
  const { code, errno } = driverErrorOf(error);
  if (code !== undefined)
    return errno === undefined ? code : `${code} ${errno}`;
  return error instanceof Error ? error.name : typeof error;
}

/** An insert hit an existing primary key. */
export function isDuplicateKeyError(error: unknown): boolean {
  const { code } = driverErrorOf(error);
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * A counter would pass the largest value its column holds: MySQL refuses the
 * BIGINT UNSIGNED arithmetic, SQLite's CHECK refuses the float its integer
 * arithmetic overflows into.
 */
export function isCounterOverflow(error: unknown): boolean {
  const { code } = driverErrorOf(error);
  return (
    code === 'ER_DATA_OUT_OF_RANGE' ||
    code === 'ER_WARN_DATA_OUT_OF_RANGE' ||
    code === 'SQLITE_CONSTRAINT_CHECK'
  );
}

/**
 * An error as a log line may show it. The database's own messages quote the
 * values of the statement (`Duplicate entry '<uuid>'`, `Incorrect string
 * value: '\xF0…'`), so a driver error is summed up by its code and its stack
 * keeps only the frames; any other error keeps its message.
 */
export function loggableError(error: unknown): {
  summary: string;
  stack?: string;
} {
  const stack = error instanceof Error ? error.stack : undefined;
  const { code, errno, sqlState } = driverErrorOf(error);
  const fromDriver =
    errno !== undefined ||
    sqlState !== undefined ||
    /^(ER_|SQLITE_)/.test(code ?? '') ||
    (typeof error === 'object' && error !== null && 'driverError' in error);
  if (!fromDriver) return { summary: String(error), stack };
  const at = stack?.indexOf('\n    at ') ?? -1;
  return {
    summary: databaseErrorCode(error),
    stack: at === -1 ? undefined : stack?.slice(at + 1),
  };
}
