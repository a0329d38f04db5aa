import { Logger } from '@nestjs/common';
import type { DataSource, Migration } from 'typeorm';
import { dialectOf } from './dialect';

const LOCK_NAME = 'message-stats:migrations';
/** Waited for in short attempts, each well within the query timeout. */
const LOCK_ATTEMPT_SECONDS = 5;
const LOCK_ATTEMPTS = 24;

/**
 * Applies pending migrations, one process at a time: replicas starting
 * together would otherwise race to create the same tables. On MySQL a named
 * lock (GET_LOCK) serializes them; the next process then finds nothing left
 * to do. SQLite is one file that one service owns.
 */
export async function runPendingMigrations(
  dataSource: DataSource,
): Promise<void> {
  if (dialectOf(dataSource) !== 'mysql') {
    report(await dataSource.runMigrations());
    return;
  }
  const runner = dataSource.createQueryRunner();
  try {
    let locked = false;
    for (let attempt = 0; !locked && attempt < LOCK_ATTEMPTS; attempt++) {
      const [row] = (await runner.query('SELECT GET_LOCK(?, ?) AS locked', [
        LOCK_NAME,
        LOCK_ATTEMPT_SECONDS,
      ])) as Array<{ locked: unknown }>;
      locked = Number(row.locked) === 1;
    }
    if (!locked) {
      throw new Error(
        `another process held the migration lock for ${LOCK_ATTEMPT_SECONDS * LOCK_ATTEMPTS} s`,
      );
    }
    try {
      report(await dataSource.runMigrations());
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]);
    }
  } finally {
    await runner.release();
  }
}

/** One line per migration applied, or one saying there was none to apply. */
function report(applied: Migration[]): void {
  const logger = new Logger('Migrations');
  if (applied.length === 0) logger.log('the schema is up to date');
  for (const { name } of applied) logger.log(`applied ${name}`);
}
