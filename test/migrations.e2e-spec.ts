import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { createTestApp } from './support/test-app';
import {
  assertTestDatabaseName,
  createTestDatabase,
  TestDatabase,
} from './support/test-database';

describe(`the migrations (${process.env.E2E_DATABASE})`, () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(
      buildDataSourceOptions(database.config),
    ).initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('apply to an empty database', async () => {
    expect(await dataSource.showMigrations()).toBe(true);

    const applied = await dataSource.runMigrations();

    expect(applied.map((migration) => migration.name)).toEqual([
      'CreateLedgerAndDailyStatistics1764100000000',
    ]);
    expect(await dataSource.showMigrations()).toBe(false);
    for (const table of ['messages', 'daily_statistics']) {
      expect(await dataSource.createQueryRunner().hasTable(table)).toBe(true);
    }
  });

  it('leave the schema exactly as the entities describe it', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('revert cleanly', async () => {
    await dataSource.undoLastMigration();
    expect(await dataSource.createQueryRunner().hasTable('messages')).toBe(
      false,
    );
    expect(
      await dataSource.createQueryRunner().hasTable('daily_statistics'),
    ).toBe(false);
  });
});

describe(`start-up migrations (${process.env.E2E_DATABASE})`, () => {
  it('are applied by default, and not with MIGRATIONS_RUN=false', async () => {
    const migrated = await createTestApp();
    const untouched = await createTestApp({ migrationsRun: false });
    try {
      expect(await migrated.dataSource.showMigrations()).toBe(false);
      expect(await untouched.dataSource.showMigrations()).toBe(true);
      expect(
        await untouched.dataSource.createQueryRunner().hasTable('messages'),
      ).toBe(false);
    } finally {
      await migrated.close();
      await untouched.close();
    }
  });
});

describe('the test databases', () => {
  it('are refused when their name lacks "test"', () => {
    expect(() => assertTestDatabaseName('message_stats')).toThrow(
      /lacks "test"/,
    );
    expect(() => assertTestDatabaseName('test_e2e_0a1b2c3d')).not.toThrow();
  });
});
