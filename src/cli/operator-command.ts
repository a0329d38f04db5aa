import { DataSource } from 'typeorm';
import { AppConfig, describeDatabase } from '../config/app-config';
import { buildDataSourceOptions } from '../database/data-source-options';
import { isDatabaseUnavailable } from '../database/database-errors';

/** Exit codes of the operator commands, as sysexits.h names them, beside 0 and 1 (a finding). */
export const ExitCode = {
  /** The command line is wrong. */
  usage: 64,
  /** The database cannot be reached. */
  unavailable: 69,
  /** Anything else went wrong. */
  failed: 2,
} as const;

/** A wrong command line: printed with the usage, exit 64. */
export class UsageError extends Error {}

/**
 * Runs an operator command (migrate, stats) on DATABASE_URL's database:
 * reads the configuration as an operator (no API keys needed), opens the
 * database without the server's start-up, and exits with the command's
 * code, or with a code that tells a usage error, an unreachable database
 * and any other failure apart, each on one line that names the database
 * with its password masked.
 */
export function runOperatorCommand<Args>(
  name: string,
  parse: (argv: string[]) => Args,
  command: (
    args: Args,
    dataSource: DataSource,
    config: AppConfig,
  ) => Promise<number>,
): void {
  let config: AppConfig | undefined;
  const run = async (): Promise<number> => {
    const args = parse(process.argv.slice(2));
    config = AppConfig.fromEnv(process.env, 'operator');
    const dataSource = new DataSource(buildDataSourceOptions(config.database));
    await dataSource.initialize();
    try {
      return await command(args, dataSource, config);
    } finally {
      await dataSource.destroy();
    }
  };
  run().then(
    (code) => process.exit(code),
    (error: Error) => {
      if (error instanceof UsageError) {
        console.error(`${name}: ${error.message}`);
        process.exit(ExitCode.usage);
      }
      if (config && isDatabaseUnavailable(error)) {
        console.error(
          `${name}: cannot reach the database at ${describeDatabase(config.database)}: ${error.message}`,
        );
        process.exit(ExitCode.unavailable);
      }
      console.error(`${name}: ${error.message}`);
      process.exit(ExitCode.failed);
    },
  );
}
