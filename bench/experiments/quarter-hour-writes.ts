/**
 * What counters per UTC quarter hour (issue 25) would cost the write path,
 * measured in the database before any of it is built: the service's own
 * statements (recordStatements) against the same statements plus a
 * quarter-hour upsert, sent from a bare mysql2 client as one packet per
 * transaction, in rotated rounds (A B, B A, …) on one database. Each load
 * starts from empty tables; messages count on the current quarter hour,
 * as live traffic does.
 *
 *   npm run build && npx ts-node --transpile-only bench/experiments/quarter-hour-writes.ts
 *   (URL=mysql://root@127.0.0.1:3306/quarter_exp SECONDS=10 ROUNDS=4 TX=1,64 WORKERS=64)
 *
 * Prints, per load, the messages per second and MariaDB's CPU per message
 * (all mariadbd processes, /proc), then the medians and their ratio.
 */
import { execFileSync } from 'node:child_process';
import { createConnection, createPool, Pool } from 'mysql2/promise';
import {
  onePacket,
  recordStatements,
  Statement,
  UPSERT,
} from '../../src/database/mysql/record-statements';
import {
  LedgerEntry,
  rowPlaceholders,
} from '../../src/database/repositories/ledger-entries';
import { cpuSeconds, pidsOf } from '../support/cpu';
import { entriesReceivedNow } from '../support/settings';

const URL = process.env.URL ?? 'mysql://root@127.0.0.1:3306/quarter_exp';
const SECONDS = Number(process.env.SECONDS ?? 10);
const ROUNDS = Number(process.env.ROUNDS ?? 4);
const SIZES = (process.env.TX ?? '1,64').split(',').map(Number);
const WORKERS = Number(process.env.WORKERS ?? 64);

const QUARTER_TABLE = `CREATE TABLE quarter_hour_statistics (
  stat_date DATE NOT NULL,
  quarter TINYINT UNSIGNED NOT NULL,
  customer_id BIGINT UNSIGNED NOT NULL,
  type VARBINARY(256) NOT NULL,
  slot TINYINT UNSIGNED NOT NULL DEFAULT 0,
  message_count BIGINT UNSIGNED NOT NULL,
  total_amount_milli BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (stat_date, quarter, customer_id, type, slot)
) ENGINE=InnoDB`;

type Variant = 'today' | 'quarters';

interface QuarterDelta {
  date: string;
  quarter: number;
  customerId: number;
  type: string;
  count: number;
  milli: bigint;
}

/** The quarter hours' upsert, in the table's key order: finest first, before the day's. */
function quarterUpsert(entries: LedgerEntry[]): Statement {
  const deltas = new Map<string, QuarterDelta>();
  for (const entry of entries) {
    const at = entry.eventAt ?? entry.receivedAt;
    const quarter = Math.floor(
      (at.getUTCHours() * 60 + at.getUTCMinutes()) / 15,
    );
    const key = `${entry.date}\u0000${quarter}\u0000${entry.customerId}\u0000${entry.type}`;
    const delta = deltas.get(key);
    if (delta) {
      delta.count += 1;
      delta.milli += entry.amount.milli;
    } else {
      deltas.set(key, {
        date: entry.date,
        quarter,
        customerId: entry.customerId,
        type: entry.type,
        count: 1,
        milli: entry.amount.milli,
      });
    }
  }
  const rows = [...deltas.values()].sort(
    (a, b) =>
      (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
      a.quarter - b.quarter ||
      a.customerId - b.customerId ||
      Buffer.compare(Buffer.from(a.type), Buffer.from(b.type)),
  );
  return {
    sql: `INSERT INTO quarter_hour_statistics (stat_date, quarter, customer_id, type, slot, message_count, total_amount_milli) VALUES ${rowPlaceholders(rows.length, 7)}
${UPSERT}`,
    parameters: rows.flatMap((row) => [
      row.date,
      row.quarter,
      row.customerId,
      row.type,
      0,
      row.count,
      row.milli.toString(),
    ]),
  };
}

function statements(variant: Variant, size: number): Statement[] {
  const entries = entriesReceivedNow(size);
  const recorded = recordStatements(entries, 0);
  if (variant === 'today') return recorded;
  // After the uuids and the ledger row, before the day: finest counter first.
  return [
    ...recorded.slice(0, 2),
    quarterUpsert(entries),
    ...recorded.slice(2),
  ];
}

const mariadbCpu = () =>
  pidsOf('mariadbd').reduce((sum, pid) => sum + cpuSeconds(pid), 0);

async function load(
  pool: Pool,
  variant: Variant,
  size: number,
): Promise<{ rate: number; cpuUs: number }> {
  for (const table of [
    'message_uuids',
    'messages',
    'quarter_hour_statistics',
    'daily_statistics',
    'monthly_statistics',
    'yearly_statistics',
  ]) {
    await pool.query(`TRUNCATE TABLE ${table}`);
  }
  const deadline = Date.now() + SECONDS * 1000;
  let messages = 0;
  const cpuBefore = mariadbCpu();
  const started = Date.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      const connection = await pool.getConnection();
      try {
        while (Date.now() < deadline) {
          await onePacket(connection, [
            { sql: 'SET TRANSACTION ISOLATION LEVEL READ COMMITTED' },
            { sql: 'START TRANSACTION' },
            ...statements(variant, size),
            { sql: 'COMMIT' },
          ]);
          messages += size;
        }
      } finally {
        connection.release();
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  return {
    rate: Math.round(messages / seconds),
    cpuUs: Math.round(((mariadbCpu() - cpuBefore) * 1e6) / messages),
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function main(): Promise<void> {
  const url = new globalThis.URL(URL);
  const database = url.pathname.slice(1);
  const server = new globalThis.URL(URL);
  server.pathname = '/';
  const admin = await createConnection({ uri: server.toString() });
  await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await admin.query(`CREATE DATABASE \`${database}\``);
  await admin.end();
  execFileSync(process.execPath, ['dist/cli/migrate.js', 'run'], {
    env: { ...process.env, DATABASE_URL: URL },
    stdio: 'ignore',
  });
  const pool = createPool({
    uri: URL,
    connectionLimit: WORKERS,
    multipleStatements: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
  });
  try {
    await pool.query(QUARTER_TABLE);
    for (const size of SIZES) {
      const results: Record<Variant, { rate: number[]; cpuUs: number[] }> = {
        today: { rate: [], cpuUs: [] },
        quarters: { rate: [], cpuUs: [] },
      };
      for (let round = 0; round < ROUNDS; round++) {
        const order: Variant[] =
          round % 2 === 0 ? ['today', 'quarters'] : ['quarters', 'today'];
        for (const variant of order) {
          const { rate, cpuUs } = await load(pool, variant, size);
          results[variant].rate.push(rate);
          results[variant].cpuUs.push(cpuUs);
          console.log(
            `${size} per transaction, round ${round + 1}, ${variant}: ${rate} messages/s, MariaDB ${cpuUs} µs per message`,
          );
        }
      }
      const [today, quarters] = [results.today, results.quarters];
      console.log(
        `${size} per transaction, medians: today ${median(today.rate)} messages/s, ${median(today.cpuUs)} µs; ` +
          `with quarters ${median(quarters.rate)} messages/s (${(median(quarters.rate) / median(today.rate)).toFixed(2)}×), ` +
          `${median(quarters.cpuUs)} µs (${(median(quarters.cpuUs) / median(today.cpuUs)).toFixed(2)}× the CPU)`,
      );
    }
  } finally {
    await pool.end();
    const cleanup = await createConnection({ uri: server.toString() });
    await cleanup.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await cleanup.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
