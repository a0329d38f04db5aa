import { createConnection } from 'mysql2/promise';
import { floodFromAnotherProcess } from '../../load/flood';
import { percentile, startProbe } from '../../load/probe';
import { useFaultDatabase } from '../support/fault-database';

const PRODUCER = 'producer-key-0123456789abcdef';
const FLOODER = 'flooder-key-0123456789abcdef';
const READER = 'reader-key-0123456789abcdef';
const SECONDS = 8;

/** Day counters straight into the table: 1000 customers × 4 types × 60 days. */
async function seedStatistics(url: string): Promise<void> {
  const sql = await createConnection({ uri: url });
  try {
    for (let first = 1; first <= 1000; first += 10) {
      const rows: unknown[][] = [];
      for (let customer = first; customer < first + 10; customer++) {
        for (const type of ['A', 'B', 'C', 'D']) {
          for (let day = 0; day < 60; day++) {
            const date = new Date(Date.UTC(2025, 0, 1 + day))
              .toISOString()
              .slice(0, 10);
            rows.push([customer, type, date, 1, 1000]);
          }
        }
      }
      await sql.query(
        'INSERT INTO daily_statistics (customer_id, type, stat_date, message_count, total_amount_milli) VALUES ?',
        [rows],
      );
    }
    // Their monthly and yearly counters, as the ledger would have written them.
    await sql.query(`INSERT INTO monthly_statistics (stat_month, customer_id, type, message_count, total_amount_milli)
SELECT DATE_FORMAT(stat_date, '%Y-%m-01'), customer_id, type, SUM(message_count), SUM(total_amount_milli)
FROM daily_statistics GROUP BY 1, 2, 3`);
    await sql.query(`INSERT INTO yearly_statistics (stat_year, customer_id, type, message_count, total_amount_milli)
SELECT DATE_FORMAT(stat_month, '%Y-01-01'), customer_id, type, SUM(message_count), SUM(total_amount_milli)
FROM monthly_statistics GROUP BY 1, 2, 3`);
  } finally {
    await sql.end();
  }
}

/**
 * Floods that once starved ingestion and made readiness fail: 128 valid
 * 1 MiB batches at once, 64 invalid ones, 32 clients with only the read
 * scope scanning /stats. A lone producer must keep being answered promptly,
 * and readiness must keep saying 200 while the database answers.
 */
describe('a lone producer beside floods (mysql)', () => {
  const database = useFaultDatabase('all');
  let base: string;

  beforeAll(async () => {
    ({ base } = await database.start({
      API_KEYS: `producer:ingest:${PRODUCER},flooder:ingest:${FLOODER},reader:read:${READER}`,
    }));
    await seedStatistics(database.url);
  });

  it.each([
    ['128 concurrent 1 MiB batches', 'batches', 128, FLOODER, ['200', '503']],
    [
      '64 concurrent invalid 1 MiB batches',
      'invalid-batches',
      64,
      FLOODER,
      ['400', '503'],
    ],
    [
      '32 read-only clients scanning /stats',
      'stats',
      32,
      READER,
      ['200', '503'],
    ],
  ] as const)(
    'keeps answering a lone producer and readiness during %s',
    async (_what, kind, connections, key, floodStatuses) => {
      const probe = startProbe(base, PRODUCER);
      // The probe stops even when the flood fails: left running, its loops
      // would outlive the test and keep jest from exiting.
      const flooded = await floodFromAnotherProcess(
        base,
        kind,
        connections,
        SECONDS,
        key,
      ).finally(() => probe.stop());
      const seen = await probe.stop(); // stopped already: its result

      // The flood itself gets answers, or a 503 when there is no room.
      for (const status of Object.keys(flooded)) {
        expect({ flood: flooded, status }).toEqual({
          flood: flooded,
          status: expect.stringMatching(`^(${floodStatuses.join('|')})$`),
        });
      }
      expect(flooded[floodStatuses[0]]).toBeGreaterThan(0);
      // Readiness never says the database is down: it is only busy.
      expect(seen.ready).toEqual({ '200': expect.any(Number) });
      expect(seen.posts).toEqual({ '201': seen.latencies.length });
      // Loose for a loaded CI machine: the benchmark measures the p99.
      // Before the workloads were kept apart this took 5 to 19 s.
      const p95 = Math.round(percentile(seen.latencies, 95));
      const max = Math.round(Math.max(...seen.latencies));
      expect({ p95, max, fast: p95 < 1000 && max < 5000 }).toEqual({
        p95,
        max,
        fast: true,
      });
    },
  );
});
