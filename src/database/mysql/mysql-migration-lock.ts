import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, QueryRunner } from 'typeorm';
import { backoff } from '../../common/backoff';
import {
  isDuplicateKeyError,
  isTransientTransactionError,
} from '../database-errors';

const LOCK_NAME = 'message-stats:migrations';
/** Waited for in short attempts, each well within the query timeout. */
const LOCK_ATTEMPT_SECONDS = 5;
const LOCK_ATTEMPTS = 24;
/** Galera: a lock row not refreshed for this long was left by a process that died. */
const LOCK_STALE_SECONDS = 30;
const LOCK_HEARTBEAT_MS = 5000;
/** Between attempts at the lock row: 250 to 500 ms, never growing. */
const retryPause = backoff({ firstMs: 500, maxMs: 500 });

/**
 * Runs `work` (the pending migrations) one process at a time: replicas
 * starting together would otherwise race to create the same tables. A
 * named lock (GET_LOCK) serializes them; the next process then finds
 * nothing left to do. On a Galera cluster a named lock holds on one node
 * only, so there the lock is a row every node agrees on.
 */
export async function withMysqlMigrationLock<T>(
  dataSource: DataSource,
  galera: boolean,
  work: () => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  try {
    const release = galera ? await lockRow(runner) : await namedLock(runner);
    try {
      return await work();
    } finally {
      await release();
    }
  } finally {
    await runner.release();
  }
}

type Release = () => Promise<void>;

async function namedLock(runner: QueryRunner): Promise<Release> {
  for (let attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
    const [row] = (await runner.query('SELECT GET_LOCK(?, ?) AS locked', [
      LOCK_NAME,
      LOCK_ATTEMPT_SECONDS,
    ])) as Array<{ locked: unknown }>;
    if (Number(row.locked) === 1) {
      return async () => {
        await runner.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]);
      };
    }
  }
  throw new Error(
    `another process held the migration lock for ${LOCK_ATTEMPT_SECONDS * LOCK_ATTEMPTS} s`,
  );
}

/**
 * The lock as the one row of a table: inserting it takes the lock, and the
 * cluster certifies one insert of the row and aborts (or refuses as a
 * duplicate) every other. The holder refreshes the row while it works; a
 * row gone stale belonged to a process that died, and is taken over.
 * Taking the lock also means this node has applied the previous holder's
 * release, and so the migrations it recorded before it.
 */
async function lockRow(runner: QueryRunner): Promise<Release> {
  await runner.query(`CREATE TABLE IF NOT EXISTS migrations_lock (
  id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  holder CHAR(36) NOT NULL,
  heartbeat_at DATETIME(3) NOT NULL
) ENGINE=InnoDB`);
  const holder = randomUUID();
  const deadline = Date.now() + LOCK_ATTEMPT_SECONDS * LOCK_ATTEMPTS * 1000;
  for (;;) {
    try {
      await runner.query(
        `DELETE FROM migrations_lock WHERE id = 1 AND heartbeat_at < NOW(3) - INTERVAL ${LOCK_STALE_SECONDS} SECOND`,
      );
      await runner.query(
        'INSERT INTO migrations_lock (id, holder, heartbeat_at) VALUES (1, ?, NOW(3))',
        [holder],
      );
      break;
    } catch (error) {
      if (!isDuplicateKeyError(error) && !isTransientTransactionError(error)) {
        throw error;
      }
    }
    if (Date.now() > deadline) {
      throw new Error(
        `another process held the migration lock for ${LOCK_ATTEMPT_SECONDS * LOCK_ATTEMPTS} s`,
      );
    }
    await sleep(retryPause(0));
  }
  const heartbeat = setInterval(() => {
    runner
      .query(
        'UPDATE migrations_lock SET heartbeat_at = NOW(3) WHERE id = 1 AND holder = ?',
        [holder],
      )
      .catch(() => undefined);
  }, LOCK_HEARTBEAT_MS);
  return async () => {
    clearInterval(heartbeat);
    await runner.query(
      'DELETE FROM migrations_lock WHERE id = 1 AND holder = ?',
      [holder],
    );
  };
}
