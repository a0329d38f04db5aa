/**
 * npm run bench: measures, in one run on one machine, the HTTP ceiling, the
 * database ceiling, the service's ingestion, and statistics queries on a
 * 10-million-row table, then writes the results into docs/benchmarks.md.
 *
 * BENCH_DATABASE_URL names the MySQL/MariaDB server (default: the local test
 * server); the benchmark creates and drops its own database on it.
 * BENCH_SECONDS sets each load's duration (default 10). BENCH_ONLY runs only
 * the scenarios it names, comma-separated (e.g. BENCH_ONLY=stats,
 * BENCH_ONLY=http,database,service).
 * BENCH_ONLY=consumer measures the RabbitMQ consumer (BENCH_AMQP_URL, default
 * the local broker) beside the batch endpoint.
 * BENCH_GALERA_URLS (one server URL per node, scripts/galera-cluster.sh)
 * adds ingestion on one Galera node against all of them (BENCH_ONLY=cluster).
 * BENCH_BASELINE=/path/to/a/checkout,… (built) adds the A/B comparison of
 * POST /messages and POST /messages/batch with those builds (BENCH_ONLY=ab
 * for it alone; two checkouts of one commit give an A/A), and with
 * BENCH_ONLY=intervals one customer's year read by each build from the
 * same data. BENCH_BASELINE_NODE=/path/to/node runs the baselines on
 * another Node.js (the same code on two runtimes). BENCH_AB_LEDGER=year runs
 * the A/B writes on each build's own copy of the intervals dataset (a year of
 * ledger, its counters rebuilt by that build) instead of on empty tables.
 * BENCH_ONLY=explorer times the explorer page in headless Chromium (skipped
 * when there is none) from a query to its drawn chart.
 * BENCH_ONLY=ledger measures the bounded-ledger targets for this build and
 * BENCH_BASELINE's (bench/scenarios/ledger.ts); it runs only when named.
 */
import { createConnection, createPool } from 'mysql2/promise';
import { databaseCeilingScenarios } from './scenarios/database-ceiling';
import { batchScenario } from './scenarios/batch';
import { clusterScenario } from './scenarios/cluster';
import { compareBuildsScenario } from './scenarios/compare-builds';
import { consumerScenario } from './scenarios/consumer';
import { eventWindowScenario } from './scenarios/event-window';
import { explorerScenario } from './scenarios/explorer';
import { floodsScenario } from './scenarios/floods';
import { httpCeilingScenario } from './scenarios/http-ceiling';
import { intervalsScenario } from './scenarios/intervals';
import { ledgerScenario } from './scenarios/ledger';
import { nestFloorScenario } from './scenarios/nest-floor';
import { serviceScenario } from './scenarios/service';
import { statsScenario } from './scenarios/stats';
import { resetDatabase } from './support/database';
import { lines, markdown, writeResults } from './support/report';
import type { BenchContext, Scenario } from './support/scenario';
import { startService, stop } from './support/service-process';
import {
  CONNECTIONS,
  DATABASE,
  databaseUrl,
  ONLY,
  selected,
  SERVER_URL,
} from './support/settings';

/** Every scenario, in the order they run: ceilings first, as later lines are compared with them. */
const SCENARIOS: Scenario[] = [
  httpCeilingScenario,
  nestFloorScenario,
  ...databaseCeilingScenarios,
  serviceScenario,
  batchScenario,
  eventWindowScenario,
  consumerScenario,
  clusterScenario,
  compareBuildsScenario,
  floodsScenario,
  intervalsScenario,
  statsScenario,
  explorerScenario,
  ledgerScenario,
];

async function main(): Promise<void> {
  await resetDatabase();
  // The service applies the migrations on its first start.
  const first = await startService(3998);
  await stop(first.child);
  const context: BenchContext = {
    pool: createPool({
      uri: databaseUrl,
      connectionLimit: CONNECTIONS,
      supportBigNumbers: true,
      bigNumberStrings: true,
    }),
    ceilings: {},
  };
  try {
    for (const scenario of SCENARIOS) {
      if (!selected(scenario.name) || scenario.enabled?.() === false) continue;
      console.log(`== ${scenario.name}`);
      lines.push(...(await scenario.run(context)));
    }
  } finally {
    await context.pool.end();
    const admin = await createConnection({ uri: SERVER_URL.toString() });
    await admin.query(`DROP DATABASE IF EXISTS \`${DATABASE}\``);
    await admin.end();
  }
  const text = markdown(context.seedSeconds);
  console.log(`\n${text}\n`);
  if (ONLY === '') writeResults(text);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
