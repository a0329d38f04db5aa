/**
 * Checks and repairs the daily, monthly and yearly counters against the ledger.
 *
 *   npm run stats:verify  -- --from 2026-11-01 --to 2026-11-30   exit 1 if any counter differs
 *   npm run stats:rebuild -- --from 2026-11-01 --to 2026-11-30   rewrite the days and their months from the ledger, their years from the months
 *
 * In the image: node dist/cli/stats.js verify --from … --to …
 * The database is DATABASE_URL's, as for the service. Exit codes: 0 all
 * match, 1 some differ, 64 usage, 69 database unreachable, 2 other.
 */
import '../config/supported-node';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { isCalendarDate } from '../common/utc-date';
import { AppConfig, describeDatabase } from '../config/app-config';
import { engineFor } from '../database/database-engine';
import { LedgerNotKeptError } from '../database/ledger-not-kept.error';
import { periodName, PERIODS } from '../database/periods';
import { runOperatorCommand, UsageError } from './operator-command';
import { CounterDifference } from '../database/repositories/statistics-audit.repository';

const USAGE = 'usage: stats <verify|rebuild> --from YYYY-MM-DD --to YYYY-MM-DD';

export interface StatsCommand {
  command: 'verify' | 'rebuild';
  from: string;
  to: string;
}

/** Reads the command line; throws a one-line usage error. */
export function parseCommand(argv: string[]): StatsCommand {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { from: { type: 'string' }, to: { type: 'string' } },
  });
  const [command] = positionals;
  const { from, to } = values;
  if (command !== 'verify' && command !== 'rebuild')
    throw new UsageError(USAGE);
  if (!isCalendarDate(from) || !isCalendarDate(to) || from > to) {
    throw new UsageError(`${USAGE} (real days, from not after to)`);
  }
  return { command, from, to };
}

export function describeDifference(d: CounterDifference): string {
  return (
    `customer ${d.customerId}, ${d.date}, type ${JSON.stringify(d.type)}: ` +
    `counted ${d.stored.messageCount} messages / ${d.stored.totalAmount.toString()}, ` +
    `ledger ${d.fromLedger.messageCount} messages / ${d.fromLedger.totalAmount.toString()}`
  );
}

async function statsCommand(
  { command, from, to }: StatsCommand,
  dataSource: DataSource,
  config: AppConfig,
): Promise<number> {
  const audit = engineFor(config.database).audit(dataSource);
  console.log(
    `${command} ${from} … ${to} on ${describeDatabase(config.database)}`,
  );
  const firstKept = await audit.firstKeptDay();
  if (from < firstKept) {
    throw new UsageError(new LedgerNotKeptError(from, firstKept).message);
  }
  const early = PERIODS.filter(
    (period) => period.finer && period.firstDay(from) < firstKept,
  ).map(
    (period) => `${period.name} ${periodName(period, period.firstDay(from))}`,
  );
  if (early.length > 0) {
    console.log(
      `${early.join(' and ')} began before ${firstKept}, the ledger's first kept day: ${command === 'rebuild' ? 'summed from' : 'checked against'} their finer counters`,
    );
  }
  if (command === 'rebuild') {
    const rebuilt = await audit.rebuild(from, to);
    console.log(
      `rebuilt ${rebuilt.day} day(s) and their quarter hours, ${rebuilt.month} month(s) and ${rebuilt.year} year(s) from the ledger`,
    );
  }
  const differences = await audit.differences(from, to);
  for (const difference of differences)
    console.log(describeDifference(difference));
  console.log(
    differences.length === 0
      ? 'every counter matches the ledger'
      : `${differences.length} counter(s) differ from the ledger`,
  );
  return differences.length === 0 ? 0 : 1;
}

if (require.main === module) {
  runOperatorCommand('stats', parseCommand, statsCommand);
}
