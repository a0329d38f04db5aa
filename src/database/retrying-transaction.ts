import { setTimeout as sleep } from 'node:timers/promises';
import { backoff } from '../common/backoff';
import {
  DatabaseBusyError,
  databaseErrorCode,
  isDuplicateKeyError,
  isTransientTransactionError,
} from './database-errors';

const MAX_ATTEMPTS = 5;
/** Short first: the race a transaction lost is usually over in milliseconds. */
const pause = backoff({ firstMs: 10, maxMs: 1000 });

/**
 * Runs a transaction, and runs it again after it lost a race it may win next
 * time: a deadlock, a lock-wait timeout, a busy SQLite file, or another
 * transaction inserting the same key first. Jittered backoff keeps the
 * transactions that collided from colliding again. Still losing after
 * `maxAttempts` (five unless the caller says), it throws a DatabaseBusyError
 * (answered 503, never 500). Any other error is thrown at once.
 */
export async function retryingTransaction<T>(
  run: () => Promise<T>,
  onRetry: (failure: string, attempt: number) => void,
  maxAttempts = MAX_ATTEMPTS,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isTransientTransactionError(error) && !isDuplicateKeyError(error)) {
        throw error;
      }
      // The code only: the driver's message quotes values (a uuid, say).
      const failure = databaseErrorCode(error);
      if (attempt >= maxAttempts) {
        throw new DatabaseBusyError(
          `still failing after ${attempt} attempts (${failure})`,
          { cause: error },
        );
      }
      onRetry(failure, attempt);
      await sleep(pause(attempt));
    }
  }
}
