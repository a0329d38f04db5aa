import type { Scenario } from '../support/scenario';
import { Pool } from 'mysql2/promise';
import { percentile } from '../../load/probe';
import {
  BASELINE_NODE,
  AB_ROUNDS,
  databaseUrl,
  ROOT,
} from '../support/settings';
import { Line, lines } from '../support/report';
import { fromAutocannon, loadRunning } from '../support/load';
import {
  startService,
  stop,
  forkServer,
  TS_NODE,
} from '../support/service-process';
import { truncate } from '../support/database';
import { YEAR_TYPES, seedYear } from '../support/seed-year';
import { timeAlternately, timeRequests } from '../support/timed-requests';

/**
 * The answer as the service gave it before the monthly counters: the day
 * rows of the interval, summed per group (its SQL, run straight through
 * mysql2), timed over `runs` runs one after another.
 */
export async function timeDayPlan(
  pool: Pool,
  from: string,
  to: string,
  runs: number,
  customerId?: number,
): Promise<{ p50: number; p99: number; rows: number }> {
  const times: number[] = [];
  let rows = 0;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const [result] = await pool.query(
      `SELECT customer_id, type, SUM(message_count) AS message_count, SUM(total_amount_milli) AS total_amount_milli
FROM daily_statistics
WHERE stat_date BETWEEN ? AND ?${customerId === undefined ? '' : ' AND customer_id = ?'}
GROUP BY customer_id, type ORDER BY customer_id, type LIMIT 10001`,
      customerId === undefined ? [from, to] : [from, to, customerId],
    );
    times.push(performance.now() - started);
    rows = (result as unknown[]).length;
  }
  times.sort((a, b) => a - b);
  return {
    p50: Math.round(percentile(times, 50)),
    p99: Math.round(percentile(times, 99)),
    rows,
  };
}

/** One customer's year of the intervals dataset, `{n}` a random customer. */
export const ONE_CUSTOMER_YEAR =
  '/stats?from=2025-01-01&to=2025-12-31&customerId={n}';

/**
 * One customer's year, a random customer per request, at 16 connections:
 * the service's CPU per request, and the machine's split into MariaDB's,
 * RabbitMQ's and the service's.
 */
export async function oneCustomerYear(
  pid: number,
  base: string,
  customers: number,
  dataset: string,
  suffix = '',
): Promise<void> {
  const { result, cpuUs, note } = await loadRunning(pid, {
    url: base,
    connections: 16,
    path: ONE_CUSTOMER_YEAR,
    upTo: customers,
  });
  lines.push({
    ...fromAutocannon(
      `GET /stats one customer, one year (${dataset}), 16 connections${suffix}`,
      result,
    ),
    cpuUs,
    note,
  });
}

/**
 * One customer's year answered by the framework floor (no work, no
 * database), loaded as oneCustomerYear loads the service: the latency this
 * machine gives any Nest service at 16 connections, in the same minutes as
 * the service's line.
 */
export async function floorOfOneCustomerYear(customers: number): Promise<Line> {
  const child = await forkServer('nest-floor-server.ts', TS_NODE);
  try {
    const { result, cpuUs, note } = await loadRunning(child.pid!, {
      url: 'http://127.0.0.1:3999',
      connections: 16,
      path: ONE_CUSTOMER_YEAR,
      upTo: customers,
    });
    return {
      ...fromAutocannon(
        'framework floor: GET /stats of four fixed items, no work, 16 connections',
        result,
      ),
      cpuUs,
      note,
    };
  } finally {
    await stop(child);
  }
}

export async function intervals(pool: Pool, customers: number): Promise<void> {
  await truncate(pool);
  const { seedSeconds, rebuildSeconds } = await seedYear(pool, customers);
  await pool.query(
    'ANALYZE TABLE messages, daily_statistics, monthly_statistics, yearly_statistics',
  );
  const messages = customers * YEAR_TYPES.length * 365;
  const dataset = `${customers} customers × ${YEAR_TYPES.length} types × 365 days`;
  const { child, base } = await startService(3998);
  try {
    const queries: Array<[string, string, string, number | undefined]> = [
      // How the cost grows with the interval's length.
      ['one day, all customers', '2025-06-15', '2025-06-15', undefined],
      ['ten days, all customers', '2025-06-11', '2025-06-20', undefined],
      ['one month, all customers', '2025-06-01', '2025-06-30', undefined],
      ['ragged quarter, all customers', '2025-04-02', '2025-06-29', undefined],
      [
        'ragged half-year, all customers',
        '2025-01-02',
        '2025-06-29',
        undefined,
      ],
      ['ragged year, all customers', '2025-01-02', '2025-12-30', undefined],
      ['one customer, one year', '2025-01-01', '2025-12-31', 777],
    ];
    const groups = customers * YEAR_TYPES.length;
    // Issue 25: the same intervals as days of a time zone, each beside
    // the same interval in UTC, timed in turn with it.
    const zoned: Array<[string, string, string, string, string?]> = [
      ['one month, all customers', '2025-06-01', '2025-06-30', 'Asia/Kolkata'],
      [
        'one month, all customers',
        '2025-06-01',
        '2025-06-30',
        'America/New_York',
      ],
      [
        'ragged year, all customers',
        '2025-01-02',
        '2025-12-30',
        'Asia/Kathmandu',
      ],
      [
        'one customer, one year by month',
        '2025-01-01',
        '2025-12-31',
        'Europe/Rome',
        '&customerId=777&groupBy=month',
      ],
    ];
    for (const [what, from, to, zone, narrowed = ''] of zoned) {
      const pages = narrowed ? 1 : Math.ceil(groups / 10_000);
      const paths = (timeZone: string) => () =>
        Array.from(
          { length: pages },
          () =>
            `/stats?from=${from}&to=${to}&limit=10000&timeZone=${timeZone}${narrowed}`,
        );
      // One customer's reads are short: more of them, for a steady median.
      const runs = narrowed ? 200 : 20;
      // Warmed first: the first of these reads is the service's first.
      await timeRequests(paths(zone), base, runs);
      const [utc, local] = await timeAlternately(
        paths('UTC'),
        paths(zone),
        base,
        runs,
      );
      lines.push({
        name: `GET /stats ${what} in ${zone} (${dataset}), one at a time${pages > 1 ? `, in ${pages} pages` : ''}`,
        unit: 'items',
        throughput: local.items,
        p50: local.p50,
        p99: local.p99,
        errors: 0,
        note: `${(local.p50 / utc.p50).toFixed(2)}× the same interval in UTC, timed in turn with it: p50 ${utc.p50} ms, p99 ${utc.p99} ms, ${utc.items} items`,
      });
    }
    for (const [what, from, to, customerId] of queries) {
      const query = `/stats?from=${from}&to=${to}&limit=10000${customerId === undefined ? '' : `&customerId=${customerId}`}`;
      // All customers: every group, in as many pages of 10,000 (the most a page holds) as it takes.
      const pages = customerId === undefined ? Math.ceil(groups / 10_000) : 1;
      const served = await timeRequests(
        () => Array.from({ length: pages }, () => query),
        base,
        20,
      );
      // At 10 k customers the day rows of a year take minutes: time them once.
      const before = await timeDayPlan(
        pool,
        from,
        to,
        customers > 1000 ? 1 : 5,
        customerId,
      );
      lines.push({
        name: `GET /stats ${what} (${dataset}), one at a time${pages > 1 ? `, in ${pages} pages` : ''}`,
        unit: 'items',
        throughput: served.items,
        p50: served.p50,
        p99: served.p99,
        errors: 0,
        note: `the day rows alone, as before: p50 ${before.p50} ms, p99 ${before.p99} ms (SQL only${pages > 1 ? ', first page' : ''})`,
      });
    }
    await oneCustomerYear(child.pid!, base, customers, dataset);
    lines.push(await floorOfOneCustomerYear(customers));
    // The first min(groups, 10000) groups, as one answer and in pages of 1000.
    const items = Math.min(groups, 10_000);
    for (const [what, interval] of [
      ['one month', 'from=2025-06-01&to=2025-06-30'],
      ['ragged year', 'from=2025-01-02&to=2025-12-30'],
    ]) {
      const whole = await timeRequests(
        () => [`/stats?${interval}&limit=${items}`],
        base,
        10,
      );
      const paged = await timeRequests(
        () =>
          Array.from(
            { length: Math.ceil(items / 1000) },
            () => `/stats?${interval}&limit=1000`,
          ),
        base,
        10,
      );
      lines.push({
        name: `GET /stats ${what}, all customers, ${items} items walked in pages of 1000 (${dataset})`,
        unit: 'items',
        throughput: paged.items,
        p50: paged.p50,
        p99: paged.p99,
        errors: 0,
        note: `one answer of ${items}: p50 ${whole.p50} ms`,
      });
    }
  } finally {
    await stop(child);
  }
  if (process.env.BENCH_BASELINE) {
    // The same data, read by each build in turn, the order rotated each round.
    const builds = [
      { name: 'this build', root: ROOT, databaseUrl, node: undefined },
      ...process.env.BENCH_BASELINE.split(',').map((root, index) => ({
        name: `baseline ${index + 1} ${root}`,
        root,
        databaseUrl,
        node: BASELINE_NODE,
      })),
    ];
    for (let round = 1; round <= AB_ROUNDS; round++) {
      const first = (round - 1) % builds.length;
      for (const build of [...builds.slice(first), ...builds.slice(0, first)]) {
        const started = await startService(3998, {}, build);
        try {
          await oneCustomerYear(
            started.child.pid!,
            started.base,
            customers,
            dataset,
            `, A/B round ${round}, ${build.name}`,
          );
        } finally {
          await stop(started.child);
        }
      }
    }
  }
  lines.push({
    name: `seeded ${messages.toLocaleString('en-US')} ledger rows in ${seedSeconds.toFixed(0)} s, stats:rebuild in ${rebuildSeconds.toFixed(0)} s`,
    unit: '',
    throughput: 0,
    p50: 0,
    p99: 0,
    errors: 0,
  });
}

/** Writes its own lines. */
export const intervalsScenario: Scenario = {
  name: 'intervals',
  async run({ pool }) {
    await intervals(pool, Number(process.env.BENCH_INTERVAL_CUSTOMERS ?? 1000));
    return [];
  },
};
