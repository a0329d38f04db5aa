import { ChildProcess } from 'node:child_process';
import { RunningService, startHealthyService } from './service-process';
import { createTestDatabase, TestDatabase } from './test-database';

export interface FaultDatabase {
  /** The database's URL, once the test (or the file) has begun. */
  readonly url: string;
  /** Starts the service on it; it is killed when the test (or the file) ends. */
  start(env?: Record<string, string>): Promise<RunningService>;
}

/**
 * The life cycle every fault test shares: a fresh MySQL/MariaDB database
 * for each test (or, with 'all', for the whole file), service processes
 * started on it and killed with SIGKILL afterwards, and the database
 * dropped.
 */
export function useFaultDatabase(
  lifetime: 'each' | 'all' = 'each',
): FaultDatabase {
  let database: TestDatabase | undefined;
  const children: ChildProcess[] = [];
  const [setUp, tearDown] =
    lifetime === 'each' ? [beforeEach, afterEach] : [beforeAll, afterAll];

  setUp(async () => {
    database = await createTestDatabase();
    if (database.config.type !== 'mysql') {
      throw new Error('fault tests run on MySQL/MariaDB (TEST_DATABASE_URL)');
    }
  });

  tearDown(async () => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    await database?.drop();
  });

  return {
    get url() {
      if (database?.config.type !== 'mysql') throw new Error('no database yet');
      return database.config.url;
    },
    start(env = {}) {
      return startHealthyService({ DATABASE_URL: this.url, ...env }, children);
    },
  };
}
