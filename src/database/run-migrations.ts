import { Logger } from '@nestjs/common';
import type { DataSource, Migration } from 'typeorm';
import type { DatabaseEngine } from './database-engine';

/**
 * Applies pending migrations under the database's migration lock, so that
 * replicas starting together do not race to create the same tables.
 */
export async function runPendingMigrations(
  dataSource: DataSource,
  engine: Pick<DatabaseEngine, 'withMigrationLock'>,
): Promise<void> {
  report(
    await engine.withMigrationLock(dataSource, () =>
      dataSource.runMigrations(),
    ),
  );
}

/**
 * The names of the build's migrations that the database has not applied,
 * oldest first, read without writing anything (TypeORM's own look-up
 * creates its migrations table).
 */
export async function pendingMigrationNames(
  dataSource: DataSource,
): Promise<string[]> {
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const runner = dataSource.createQueryRunner();
  try {
    const applied = new Set<string>();
    if (await runner.hasTable(table)) {
      const rows = (await runner.query(`SELECT name FROM ${table}`)) as Array<{
        name: string;
      }>;
      for (const { name } of rows) applied.add(name);
    }
    return dataSource.migrations
      .map(({ name = '' }) => name)
      .filter((name) => !applied.has(name));
  } finally {
    await runner.release();
  }
}

/** One line for a schema that is behind: what is pending and how to apply it. */
export function describePending(pending: string[]): string {
  return `the database schema is behind this build: ${pending.length} migration(s) pending (${pending.join(', ')}); run them with npm run migration:run, or node dist/cli/migrate.js run in the image`;
}

/** One line per migration applied, or one saying there was none to apply. */
function report(applied: Migration[]): void {
  const logger = new Logger('Migrations');
  if (applied.length === 0) logger.log('the schema is up to date');
  for (const { name } of applied) logger.log(`applied ${name}`);
}
