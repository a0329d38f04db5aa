import { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../../src/config/app-config';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { engineFor } from '../../src/database/database-engine';
import { startHealthyService } from '../support/service-process';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { voidRaceRound } from '../support/void-races';

const ROUNDS = 3;

/**
 * Two service processes on one database, MariaDB or a SQLite file, and
 * clients racing voids against voids, single POSTs and batches of the same
 * uuids. After every round each uuid is counted once, every void of it
 * answers the same, and the counters equal the ledger.
 */
describe.each(['mysql', 'sqlite'] as const)(
  'voids racing ingestion and each other across two processes (%s)',
  (engine) => {
    const children: ChildProcess[] = [];
    let database: TestDatabase | undefined;
    let folder: string | undefined;
    let url = '';

    beforeAll(async () => {
      if (engine === 'mysql') {
        database = await createTestDatabase();
        if (database.config.type !== 'mysql') throw new Error('no MySQL');
        url = database.config.url;
      } else {
        folder = mkdtempSync(join(tmpdir(), 'message-stats-voids-'));
        url = `sqlite:${join(folder, 'voids.sqlite')}`;
      }
    });

    afterAll(async () => {
      for (const child of children.splice(0)) child.kill('SIGKILL');
      await database?.drop();
      if (folder) rmSync(folder, { recursive: true, force: true });
    });

    it('counts each uuid once, answers every void alike, and keeps the counters equal to the ledger', async () => {
      // One after the other: the first applies the migrations.
      const a = await startHealthyService({ DATABASE_URL: url }, children);
      const b = await startHealthyService({ DATABASE_URL: url }, children);
      const config = parseDatabaseUrl(url);
      const dataSource = await new DataSource(
        buildDataSourceOptions(config),
      ).initialize();
      try {
        const audit = engineFor(config).audit(dataSource);
        for (let round = 0; round < ROUNDS; round++) {
          const findings = await voidRaceRound([a.base, b.base], round);
          const differences = await audit.differences(
            '2026-01-01',
            '9999-12-31',
          );
          expect({
            round,
            findings: findings.slice(0, 5),
            count: findings.length,
            differences: differences.slice(0, 5),
          }).toEqual({ round, findings: [], count: 0, differences: [] });
        }
      } finally {
        await dataSource.destroy();
      }
    });
  },
);
