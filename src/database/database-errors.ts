import type { DriverErrorCodes } from './driver-error-codes';
import { MYSQL_ERROR_CODES } from './mysql/mysql-error-codes';
import { SQLITE_ERROR_CODES } from './sqlite/sqlite-error-codes';

/**
 * Classifies errors from either driver, raw or wrapped in TypeORM's
 * QueryFailedError (which keeps the original as `driverError`), by the
 * codes each database's folder lists. A process meets one driver's errors
 * only, so asking both lists is safe.
 */
const DRIVERS: readonly DriverErrorCodes[] = [
  MYSQL_ERROR_CODES,
  SQLITE_ERROR_CODES,
];

function hasCode(
  error: unknown,
  kind: 'unavailable' | 'duplicateKey' | 'transient' | 'counterOverflow',
): boolean {
  const { code } = driverErrorOf(error);
  return code !== undefined && DRIVERS.some((driver) => driver[kind].has(code));
}
interface DriverError {
  code?: string;
  errno?: number;
  sqlState?: string;
  fatal?: boolean;
  message?: string;
}

/** The driver's own error, inside TypeORM's wrapper or as thrown. */
export function driverErrorOf(error: unknown): DriverError {
  if (typeof error !== 'object' || error === null) return {};
  const wrapped = (error as { driverError?: unknown }).driverError;
  return typeof wrapped === 'object' && wrapped !== null ? wrapped : error;
}

/** The database cannot be reached or is shutting down: the client should retry later. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const driverError = driverErrorOf(error);
  return (
    hasCode(error, 'unavailable') ||
    driverError.fatal === true ||
    /^Pool is closed|connection is in closed state/i.test(
      driverError.message ?? '',
    )
  );
}

/**
 * A table or column the build uses is missing: the schema is behind the
 * build (the service started with MIGRATIONS_RUN=false before the
 * migrations ran).
 */
export function isSchemaBehind(error: unknown): boolean {
  const { code, message = '' } = driverErrorOf(error);
  return (
    code !== undefined &&
    DRIVERS.some((driver) => driver.schemaBehind(code, message))
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
  return (
    hasCode(error, 'transient') || driverErrorOf(error).code === 'DATABASE_BUSY'
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
  return hasCode(error, 'duplicateKey');
}

/** A counter would pass the largest value its column holds. */
export function isCounterOverflow(error: unknown): boolean {
  return hasCode(error, 'counterOverflow');
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
    DRIVERS.some((driver) => code?.startsWith(driver.codePrefix)) ||
    (typeof error === 'object' && error !== null && 'driverError' in error);
  if (!fromDriver) return { summary: String(error), stack };
  const at = stack?.indexOf('\n    at ') ?? -1;
  return {
    summary: databaseErrorCode(error),
    stack: at === -1 ? undefined : stack?.slice(at + 1),
  };
}
