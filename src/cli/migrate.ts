/**
 * Applies, lists or undoes the schema's migrations on DATABASE_URL's
 * database, apart from the server: for a Kubernetes Job or a compose
 * one-off before the service starts with MIGRATIONS_RUN=false.
 *
 *   npm run migration:run      node dist/cli/migrate.js run      apply what is pending (one process at a time)
 *   npm run migration:show     node dist/cli/migrate.js show     list them; exit 1 if any is pending
 *   npm run migration:revert   node dist/cli/migrate.js revert   undo the last one
 *
 * Exit codes: 0 done, 1 pending (show), 64 usage, 69 database unreachable, 2 other.
 */
import '../config/supported-node';
import { DataSource } from 'typeorm';
import { describeDatabase } from '../config/app-config';
import {
  pendingMigrationNames,
  runPendingMigrations,
} from '../database/run-migrations';
import { engineFor } from '../database/database-engine';
import { runOperatorCommand, UsageError } from './operator-command';

const COMMANDS = ['run', 'show', 'revert'] as const;
type MigrateCommand = (typeof COMMANDS)[number];

export function parseMigrateCommand(argv: string[]): MigrateCommand {
  const command = COMMANDS.find((name) => name === argv[0]);
  if (command === undefined || argv.length !== 1) {
    throw new UsageError('usage: migrate <run|show|revert>');
  }
  return command;
}

/** Each migration, applied [X] or pending [ ], oldest first. */
export async function listMigrations(
  dataSource: DataSource,
): Promise<string[]> {
  const pending = new Set(await pendingMigrationNames(dataSource));
  return dataSource.migrations.map(({ name = '' }) =>
    pending.has(name) ? `[ ] ${name}` : `[X] ${name}`,
  );
}

if (require.main === module) {
  runOperatorCommand(
    'migrate',
    parseMigrateCommand,
    async (command, dataSource, config) => {
      console.log(`migrate ${command} on ${describeDatabase(config.database)}`);
      if (command === 'run') {
        await runPendingMigrations(dataSource, engineFor(config.database));
      }
      if (command === 'revert') {
        await dataSource.undoLastMigration({ transaction: 'each' });
      }
      const listed = await listMigrations(dataSource);
      for (const line of listed) console.log(line);
      return command === 'show' && listed.some((line) => line.startsWith('[ ]'))
        ? 1
        : 0;
    },
  );
}
