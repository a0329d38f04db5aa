import { QueryFailedError } from 'typeorm';
import {
  DatabaseBusyError,
  databaseErrorCode,
  isCounterOverflow,
  isDatabaseUnavailable,
  isDuplicateKeyError,
  isTransientTransactionError,
  loggableError,
} from './database-errors';

const driverError = (fields: Record<string, unknown>) =>
  Object.assign(new Error('x'), fields);
const wrapped = (fields: Record<string, unknown>) =>
  new QueryFailedError('SELECT 1', [], driverError(fields));

describe('database errors', () => {
  it.each([
    driverError({ code: 'ECONNREFUSED' }),
    driverError({ code: 'PROTOCOL_CONNECTION_LOST', fatal: true }),
    wrapped({ code: 'ETIMEDOUT' }),
    driverError({ message: 'Pool is closed.' }),
    wrapped({ code: 'ER_UNKNOWN_COM_ERROR', errno: 1047 }),
  ])('tells an unreachable database: %p', (error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('does not call a constraint error unavailability', () => {
    expect(isDatabaseUnavailable(wrapped({ code: 'ER_DUP_ENTRY' }))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });

  it('tells deadlocks and lock-wait timeouts, which are worth retrying', () => {
    expect(
      isTransientTransactionError(wrapped({ code: 'ER_LOCK_DEADLOCK' })),
    ).toBe(true);
    expect(
      isTransientTransactionError(wrapped({ code: 'ER_LOCK_WAIT_TIMEOUT' })),
    ).toBe(true);
    expect(
      isTransientTransactionError(driverError({ code: 'SQLITE_BUSY' })),
    ).toBe(true);
    expect(isTransientTransactionError(wrapped({ code: 'ER_DUP_ENTRY' }))).toBe(
      false,
    );
  });

  it('tells a duplicate primary key on either database', () => {
    expect(isDuplicateKeyError(wrapped({ code: 'ER_DUP_ENTRY' }))).toBe(true);
    expect(
      isDuplicateKeyError(
        driverError({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' }),
      ),
    ).toBe(true);
    expect(
      isDuplicateKeyError(driverError({ code: 'SQLITE_CONSTRAINT_CHECK' })),
    ).toBe(false);
  });

  it('counts retries that ran out as busy, to be answered 503', () => {
    expect(isTransientTransactionError(new DatabaseBusyError('gave up'))).toBe(
      true,
    );
  });

  it('tells a counter overflow on either database', () => {
    expect(isCounterOverflow(wrapped({ code: 'ER_DATA_OUT_OF_RANGE' }))).toBe(
      true,
    );
    expect(
      isCounterOverflow(driverError({ code: 'SQLITE_CONSTRAINT_CHECK' })),
    ).toBe(true);
    expect(isCounterOverflow(wrapped({ code: 'ER_DUP_ENTRY' }))).toBe(false);
  });

  it('describes an error by its code, never by its message, which quotes values', () => {
    const duplicate = wrapped({
      code: 'ER_DUP_ENTRY',
      errno: 1062,
      message: "Duplicate entry 'a596b362-08be-419f-8070-9c3055566e7c'",
    });
    expect(databaseErrorCode(duplicate)).toBe('ER_DUP_ENTRY 1062');
    expect(databaseErrorCode(new DatabaseBusyError('x'))).toBe('DATABASE_BUSY');
    expect(databaseErrorCode(new RangeError('secret'))).toBe('RangeError');
  });
});

describe('loggableError', () => {
  it("words a database error by its code, never by the driver's message, which quotes values", () => {
    const { summary, stack } = loggableError(
      new QueryFailedError(
        'INSERT …',
        [],
        Object.assign(
          new Error("Incorrect string value: 'secret-value' for column"),
          { code: 'ER_TRUNCATED_WRONG_VALUE_FOR_FIELD', errno: 1366 },
        ),
      ),
    );
    expect(summary).toBe('ER_TRUNCATED_WRONG_VALUE_FOR_FIELD 1366');
    expect(`${summary}${stack}`).not.toContain('secret-value');
    expect(stack).toMatch(/^ {4}at /);
  });

  it('keeps the message of an error that is not the database’s', () => {
    expect(loggableError(new Error('boom')).summary).toBe('Error: boom');
  });
});
