import type { Scenario } from '../support/scenario';
import type { Line } from '../support/report';
import { truncate } from '../support/database';
import { peakRssMb } from '../support/cpu';
import { fromAutocannon, loadRunning } from '../support/load';
import { startService, stop } from '../support/service-process';
import { Pool } from 'mysql2/promise';
import { TYPES } from '../support/settings';
import { BACKFILL_MONTHS, BACKFILL_YEARS } from '../support/database';

// --- 4. statistics on 10 million rows -------------------------------------------
export const SEED_CUSTOMERS = 10_000;

export const SEED_DAYS = 200;

export const SEED_START = Date.UTC(2026, 0, 1);

export async function seedStatistics(pool: Pool): Promise<number> {
  const started = Date.now();
  const days = Array.from({ length: SEED_DAYS }, (_, d) =>
    new Date(SEED_START + d * 86_400_000).toISOString().slice(0, 10),
  );
  const customersPerStatement = 10;
  let next = 1;
  async function worker(): Promise<void> {
    while (next <= SEED_CUSTOMERS) {
      const first = next;
      next += customersPerStatement;
      const rows: unknown[] = [];
      for (
        let c = first;
        c < first + customersPerStatement && c <= SEED_CUSTOMERS;
        c++
      ) {
        for (const type of TYPES) {
          for (const day of days) rows.push(c, type, day, 3, 4567);
        }
      }
      await pool.query(
        `INSERT INTO daily_statistics (customer_id, type, stat_date, message_count, total_amount_milli) VALUES ${'(?, ?, ?, ?, ?), '.repeat(rows.length / 5 - 1)}(?, ?, ?, ?, ?)`,
        rows,
      );
    }
  }
  await Promise.all(Array.from({ length: 4 }, worker));
  await pool.query(BACKFILL_MONTHS);
  await pool.query(BACKFILL_YEARS);
  await pool.query(
    'ANALYZE TABLE daily_statistics, monthly_statistics, yearly_statistics',
  );
  return (Date.now() - started) / 1000;
}

/** GET /stats on 10 million daily counters: one customer's year, and one day of all. */
export const statsScenario: Scenario = {
  name: 'stats',
  async run(context) {
    await truncate(context.pool);
    context.seedSeconds = await seedStatistics(context.pool);
    const { child, base } = await startService(3998);
    const found: Line[] = [];
    // The same query at two loads: throughput at 16 connections, latency at 4.
    for (const connections of [16, 4]) {
      const oneCustomer = await loadRunning(child.pid!, {
        url: base,
        connections,
        path: '/stats?from=2026-01-01&to=2026-12-31&customerId={n}',
        upTo: SEED_CUSTOMERS,
      });
      found.push({
        ...fromAutocannon(
          `GET /stats: one customer, one year (10M rows), ${connections} connections`,
          oneCustomer.result,
        ),
        rssMb: peakRssMb(child.pid!),
        cpuUs: oneCustomer.cpuUs,
        note: oneCustomer.note,
      });
    }
    const oneDay = await loadRunning(child.pid!, {
      url: base,
      connections: 16,
      path: '/stats?from=2026-03-01&to=2026-03-01&limit=1000',
    });
    found.push({
      ...fromAutocannon(
        'GET /stats: first 1000 items, all customers, one day (10M rows), 16 connections',
        oneDay.result,
      ),
      rssMb: peakRssMb(child.pid!),
      cpuUs: oneDay.cpuUs,
      note: oneDay.note,
    });
    await stop(child);
    return found;
  },
};
