import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { Pool } from 'mysql2/promise';
import { uuidBytes } from '../../src/database/mysql/mysql-uuid';
import { databaseUrl, ROOT } from './settings';

// --- 5. intervals: a year of data through the ledger and stats:rebuild (issue 10) ---
export const YEAR_TYPES = ['A', 'B', 'C', 'D'];

/**
 * When a group's message of a day arrives, HH:MM, spread over the day
 * alike for every build: a zone's edge quarter hours then hold about as
 * many groups as live traffic of one message a day would put there.
 */
function minuteOfDay(customer: number, type: number, day: number): string {
  const minute = (customer * 7919 + type * 104_729 + day * 15_485_863) % 1440;
  const hh = String(Math.floor(minute / 60)).padStart(2, '0');
  return `${hh}:${String(minute % 60).padStart(2, '0')}`;
}

/**
 * A year (2025) of one message per customer, type and day, at a time of
 * the day that depends on all three (minuteOfDay), written into
 * the ledger, then every derived table built from it by stats:rebuild, as
 * an operator would after a restore.
 */
export async function seedYear(
  pool: Pool,
  customers: number,
  build: { root: string; databaseUrl: string } = { root: ROOT, databaseUrl },
): Promise<{ seedSeconds: number; rebuildSeconds: number }> {
  const started = Date.now();
  const days = Array.from({ length: 365 }, (_, d) =>
    new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10),
  );
  const [tables] = await pool.query(
    "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'message_uuids'",
  );
  const keyedByDay = (tables as unknown[]).length > 0;
  let next = 1;
  async function worker(): Promise<void> {
    while (next <= customers) {
      const customer = next++;
      const rows: unknown[][] = [];
      for (const [t, type] of YEAR_TYPES.entries()) {
        for (const [d, day] of days.entries()) {
          rows.push([
            randomUUID(),
            customer,
            type,
            1 + Math.floor(Math.random() * 100_000),
            day,
            `${day} ${minuteOfDay(customer, t, d)}:00.000`,
          ]);
        }
      }
      if (keyedByDay) {
        // A build keyed by day (KeyLedgerByDay1764900000000): 16-byte uuids, kept once in message_uuids.
        for (const row of rows) row[0] = uuidBytes(row[0] as string);
        await pool.query(
          'INSERT INTO message_uuids (uuid, stat_date) VALUES ?',
          [rows.map((row) => [row[0], row[4]])],
        );
      }
      await pool.query(
        'INSERT INTO messages (uuid, customer_id, type, amount_milli, stat_date, received_at) VALUES ?',
        [rows],
      );
    }
  }
  await Promise.all(Array.from({ length: 4 }, worker));
  const seeded = Date.now();
  await promisify(execFile)(
    'node',
    [
      'dist/cli/stats.js',
      'rebuild',
      '--from',
      '2025-01-01',
      '--to',
      '2025-12-31',
    ],
    {
      cwd: build.root,
      env: { ...process.env, DATABASE_URL: build.databaseUrl },
    },
  );
  return {
    seedSeconds: (seeded - started) / 1000,
    rebuildSeconds: (Date.now() - seeded) / 1000,
  };
}
