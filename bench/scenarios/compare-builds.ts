import type { Scenario } from '../support/scenario';
import { createPool } from 'mysql2/promise';
import {
  BASELINE_NODE,
  AB_ROUNDS,
  AB_LEDGER_CUSTOMERS,
  databaseUrlOf,
  DATABASE,
  databaseUrl,
  ROOT,
  aMessage,
} from '../support/settings';
import { lines } from '../support/report';
import { startService, stop } from '../support/service-process';
import { measureWrites } from '../support/write-loads';
import { resetDatabase, dropDatabase, truncate } from '../support/database';
import { seedYear } from '../support/seed-year';

/**
 * BENCH_BASELINE names other checkouts of the service, built (`npm ci &&
 * npm run build` there), comma-separated: their POST /messages and POST
 * /messages/batch run in turn with this build's, three rounds
 * (BENCH_AB_ROUNDS), the order rotated each round, each build on a
 * database of its own. Two checkouts of the same commit give an A/A in
 * the same run: the spread to judge the A/B by. The CPU per request is the
 * measure to trust on a noisy machine; throughput moves more.
 * BENCH_BASELINE_NODE runs the baselines on another Node.js binary (the
 * same build on two runtimes).
 */
export async function compareBuilds(baselines: string[]): Promise<void> {
  const baselineDatabases = baselines.map(
    (_, index) => `${DATABASE}_baseline_${index + 1}`,
  );
  for (const database of baselineDatabases) await resetDatabase(database);
  const builds = [
    { name: 'this build', root: ROOT, databaseUrl, node: undefined },
    ...baselines.map((root, index) => ({
      name: `baseline ${index + 1} ${root}${BASELINE_NODE ? ` on ${BASELINE_NODE}` : ''}`,
      root,
      databaseUrl: databaseUrlOf(baselineDatabases[index]),
      node: BASELINE_NODE,
    })),
  ];
  const onLedger =
    AB_LEDGER_CUSTOMERS > 0
      ? `, on a year of ledger (${AB_LEDGER_CUSTOMERS} customers)`
      : '';
  try {
    if (AB_LEDGER_CUSTOMERS > 0) {
      // The issue's regime: a year of ledger on MariaDB's defaults, which
      // each round's writes add to, as a service's ledger only grows.
      for (const build of builds) {
        // Its first start applies the baseline's migrations. This build's
        // tables are emptied, not its database dropped: that would leave
        // the run's own pool connected to no database.
        const { child } = await startService(3998, {}, build);
        await stop(child);
        const pool = createPool({ uri: build.databaseUrl, connectionLimit: 4 });
        await truncate(pool);
        const seeded = await seedYear(pool, AB_LEDGER_CUSTOMERS, build);
        await pool.end();
        console.log(
          `A/B: ${build.name} seeded in ${seeded.seedSeconds.toFixed(0)} s, rebuilt in ${seeded.rebuildSeconds.toFixed(0)} s`,
        );
      }
    }
    for (let round = 1; round <= AB_ROUNDS; round++) {
      const first = (round - 1) % builds.length;
      const order = [...builds.slice(first), ...builds.slice(0, first)];
      for (const build of order) {
        const { child, base } = await startService(3998, {}, build);
        if (AB_LEDGER_CUSTOMERS === 0) {
          const pool = createPool({
            uri: build.databaseUrl,
            connectionLimit: 2,
          });
          await truncate(pool);
          await pool.end();
        }
        // What MariaDB spends per message is where the builds' writes
        // differ most: shown beside the service's own CPU.
        lines.push(
          ...(await measureWrites(
            child.pid!,
            base,
            `A/B round ${round}, ${build.name}${onLedger}`,
            aMessage,
          )),
        );
        await stop(child);
      }
    }
  } finally {
    for (const database of baselineDatabases) await dropDatabase(database);
  }
}

/** Writes its own lines; runs only with BENCH_BASELINE. */
export const compareBuildsScenario: Scenario = {
  name: 'ab',
  enabled: () => Boolean(process.env.BENCH_BASELINE),
  async run() {
    await compareBuilds(process.env.BENCH_BASELINE!.split(','));
    return [];
  },
};
