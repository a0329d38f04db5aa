import type { Scenario } from '../support/scenario';
import { truncate } from '../support/database';
import { startService, stop } from '../support/service-process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'mysql2/promise';
import { Flood, floodFromAnotherProcess } from '../../load/flood';
import { percentile, startProbe } from '../../load/probe';
import { SECONDS, API_KEY } from '../support/settings';
import { Line } from '../support/report';
import { peakRssMb, cpuSeconds } from '../support/cpu';
import { BACKFILL_MONTHS, BACKFILL_YEARS } from '../support/database';

// --- 3b. a lone producer beside floods -------------------------------------------
export const FLOODS: Array<{ kind: Flood; connections: number; what: string }> =
  [
    { kind: 'batches', connections: 128, what: '128 concurrent 1 MiB batches' },
    {
      kind: 'invalid-batches',
      connections: 64,
      what: '64 concurrent invalid 1 MiB batches',
    },
    {
      kind: 'stats',
      connections: 32,
      what: '32 clients scanning GET /stats (240,000 day rows)',
    },
  ];

/** Day counters for the /stats flood: 1000 customers × 4 types × 60 days. */
export async function seedFloodStatistics(pool: Pool): Promise<void> {
  for (let first = 1; first <= 1000; first += 10) {
    const rows: unknown[][] = [];
    for (let customer = first; customer < first + 10; customer++) {
      for (const type of ['A', 'B', 'C', 'D']) {
        for (let day = 0; day < 60; day++) {
          rows.push([
            customer,
            type,
            new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10),
            1,
            1000,
          ]);
        }
      }
    }
    await pool.query(
      'INSERT INTO daily_statistics (customer_id, type, stat_date, message_count, total_amount_milli) VALUES ?',
      [rows],
    );
  }
  await pool.query(BACKFILL_MONTHS);
  await pool.query(BACKFILL_YEARS);
}

/**
 * A lone producer (one POST /messages at a time, 20 ms apart) and a
 * readiness check every 250 ms, alone and then beside each flood. Errors
 * count the producer's non-201 answers and readiness's non-200 ones.
 */
export async function lonelyProducer(
  pid: number,
  base: string,
  flood?: (typeof FLOODS)[number],
): Promise<Line> {
  const before = cpuSeconds(pid);
  const probe = startProbe(base, API_KEY);
  const counts = flood
    ? await floodFromAnotherProcess(
        base,
        flood.kind,
        flood.connections,
        SECONDS,
        API_KEY,
      )
    : await sleep(SECONDS * 1000);
  const seen = await probe.stop();
  const cpu = cpuSeconds(pid) - before;
  const bad = (counts: Record<string, number>, good: string) =>
    Object.entries(counts)
      .filter(([status]) => status !== good)
      .reduce((sum, [, n]) => sum + n, 0);
  return {
    name: `lone POST /messages${flood ? ` beside ${flood.what}` : ', nothing else running'}`,
    unit: 'req/s',
    throughput: Math.round(seen.latencies.length / SECONDS),
    p50: Math.round(
      percentile(
        [...seen.latencies].sort((a, b) => a - b),
        50,
      ),
    ),
    p99: Math.round(
      percentile(
        [...seen.latencies].sort((a, b) => a - b),
        99,
      ),
    ),
    errors: bad(seen.posts, '201') + bad(seen.ready, '200'),
    rssMb: peakRssMb(pid),
    ...(counts && {
      ceilings: [],
      note: `flood answered ${Object.entries(counts)
        .map(([status, n]) => `${n} × ${status}`)
        .join(', ')}; readiness ${Object.entries(seen.ready)
        .map(([status, n]) => `${n} × ${status}`)
        .join(', ')}; service CPU ${Math.round(cpu * 100) / 100} s`,
    }),
  };
}

/** A lone producer's latency alone, then beside each flood. */
export const floodsScenario: Scenario = {
  name: 'floods',
  async run({ pool }) {
    await truncate(pool);
    await seedFloodStatistics(pool);
    const { child, base } = await startService(3998);
    const found = [await lonelyProducer(child.pid!, base)];
    for (const flood of FLOODS) {
      found.push(await lonelyProducer(child.pid!, base, flood));
    }
    await stop(child);
    return found;
  },
};
