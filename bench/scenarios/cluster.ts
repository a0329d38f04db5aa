import type { Scenario } from '../support/scenario';
import { createConnection, createPool } from 'mysql2/promise';
import {
  CONNECTIONS,
  DATABASE,
  ROOT,
  AUTHORIZATION,
  aMessage,
} from '../support/settings';
import { lines } from '../support/report';
import { peakRssMb, cpuSeconds } from '../support/cpu';
import { load } from '../support/load';
import { startService, stop } from '../support/service-process';
import { truncate } from '../support/database';

// --- ingestion on a Galera cluster ------------------------------------------------
export const GALERA_URLS = (process.env.BENCH_GALERA_URLS ?? '')
  .split(',')
  .filter(Boolean);

/** The sum of a counter of the service's /metrics. */
export async function metric(base: string, name: string): Promise<number> {
  const text = await (
    await fetch(`${base}/metrics`, { headers: AUTHORIZATION })
  ).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(name))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

/**
 * POST /messages and POST /messages/batch through one replica on one node,
 * then through a replica on each node with the same connections in all,
 * on the same cluster in one run. Every node applies every write, so a
 * cluster adds availability and read capacity, not write capacity; and
 * writers on different nodes that touch the same counter conflict at
 * COMMIT, where one of them is aborted and retried.
 */
export async function clusterIngestion(): Promise<void> {
  if (GALERA_URLS.length < 2) {
    console.warn('cluster: BENCH_GALERA_URLS names no cluster; skipped');
    return;
  }
  const urls = GALERA_URLS.map((server) => {
    const url = new URL(server.replace(/^mariadb:/, 'mysql:'));
    url.pathname = `/${DATABASE}`;
    return url.toString();
  });
  const admin = await createConnection({ uri: GALERA_URLS[0] });
  await admin.query(`DROP DATABASE IF EXISTS \`${DATABASE}\``);
  await admin.query(`CREATE DATABASE \`${DATABASE}\``);
  const pool = createPool({ uri: urls[0], connectionLimit: 2 });
  try {
    const loads = [
      { path: '/messages', connections: CONNECTIONS, perRequest: 1 },
      { path: '/messages/batch', connections: 16, perRequest: 500 },
    ];
    for (const { path, connections, perRequest } of loads) {
      for (const nodes of [1, urls.length]) {
        const replicas = [];
        for (const [i, url] of urls.slice(0, nodes).entries()) {
          replicas.push(
            await startService(3990 + i, {}, { root: ROOT, databaseUrl: url }),
          );
        }
        await truncate(pool);
        const makeBody =
          perRequest === 1
            ? () => JSON.stringify(aMessage())
            : () =>
                JSON.stringify(Array.from({ length: perRequest }, aMessage));
        const before = replicas.map(({ child }) => cpuSeconds(child.pid!));
        const results = await Promise.all(
          replicas.map(({ base }, i) =>
            load(`${base}${path}`, {
              // The same connections in all, spread over the replicas.
              connections:
                Math.floor(connections / nodes) +
                (i < connections % nodes ? 1 : 0),
              makeBody,
            }),
          ),
        );
        const requests = results.reduce((n, r) => n + r.requests.total, 0);
        const cpu = replicas.reduce(
          (sum, { child }, i) => sum + cpuSeconds(child.pid!) - before[i],
          0,
        );
        const retries = (
          await Promise.all(
            replicas.map(({ base }) =>
              metric(base, 'message_stats_transaction_retries_total'),
            ),
          )
        ).reduce((a, b) => a + b, 0);
        const [stored] = (await pool.query(
          'SELECT COUNT(*) AS n FROM messages',
        )) as unknown as [[{ n: number }]];
        lines.push({
          name: `cluster: ${path === '/messages' ? 'POST /messages' : `POST /messages/batch, ${perRequest} per request`}, ${connections} connections, ${nodes === 1 ? 'one replica on one node' : `a replica on each of ${nodes} nodes`}`,
          unit: perRequest === 1 ? 'req/s' : 'messages/s',
          throughput: Math.round(
            results.reduce((sum, r) => sum + r.requests.average, 0) *
              perRequest,
          ),
          p50: Math.max(...results.map((r) => r.latency.p50)),
          p99: Math.max(...results.map((r) => r.latency.p99)),
          errors: results.reduce(
            (n, r) => n + r.errors + r.timeouts + r.non2xx,
            0,
          ),
          rssMb: Math.max(
            ...replicas.map(({ child }) => peakRssMb(child.pid!)),
          ),
          cpuUs: Math.round((cpu * 1e6) / (requests * perRequest)),
          note: `${retries} transaction retries; ${stored[0].n.toLocaleString('en-US')} messages in the ledger`,
        });
        for (const { child } of replicas) await stop(child);
      }
    }
  } finally {
    await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS \`${DATABASE}\``);
    await admin.end();
  }
}

/** Writes its own lines; runs only with BENCH_GALERA_URLS. */
export const clusterScenario: Scenario = {
  name: 'cluster',
  async run() {
    await clusterIngestion();
    return [];
  },
};
