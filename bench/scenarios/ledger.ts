import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { createConnection, createPool } from 'mysql2/promise';
import type { Scenario } from '../support/scenario';
import { dropDatabase, resetDatabase } from '../support/database';
import { lines } from '../support/report';
import { sendBatches } from '../support/send-batches';
import { startService, stop } from '../support/service-process';
import {
  aMessage,
  DATABASE,
  databaseUrlOf,
  ROOT,
  SERVER_URL,
} from '../support/settings';
import { measureWrites } from '../support/write-loads';

// --- ledger: the bounded-ledger targets (issue 24), each build against the others in one run ---

/** How many messages the large ledger holds (BENCH_LEDGER_MESSAGES). */
const MESSAGES = Number(process.env.BENCH_LEDGER_MESSAGES ?? 20_000_000);
/** Customers of the year rebuilt (× 4 types × 365 days; BENCH_LEDGER_YEAR_CUSTOMERS). */
const YEAR_CUSTOMERS = Number(process.env.BENCH_LEDGER_YEAR_CUSTOMERS ?? 1000);
const DAY_MS = 86_400_000;
/** The buffer pool while the ledger is filled (BENCH_LEDGER_SEED_POOL, bytes). */
const SEED_POOL_BYTES = Number(
  process.env.BENCH_LEDGER_SEED_POOL ?? 8 * 2 ** 30,
);
/** Timestamps reach back over the whole ledger: a window and retention wide enough. */
const SEEDING = {
  MAX_EVENT_AGE_DAYS: '3650',
  LEDGER_RETENTION_DAYS: '3651',
  LEDGER_RETENTION_INTERVAL_S: '0',
};

interface Build {
  name: string;
  root: string;
  databaseUrl: string;
}

/** A random message of the last 390 days, at a random instant of its day. */
const aMessageOfTheLastYear = (now: number) => () => ({
  ...aMessage(),
  timestamp: new Date(
    now - Math.floor(Math.random() * 390 * DAY_MS),
  ).toISOString(),
});

/** An amount of `milli` thousandths, as the API takes it: no float involved. */
const thousandths = (milli: number) =>
  `${Math.floor(milli / 1000)}.${String(milli % 1000).padStart(3, '0')}`;

/** One message per customer, type and day of 2025, as the intervals dataset. */
const yearMessage = (index: number) => {
  const day = index % 365;
  const type = Math.floor(index / 365) % 4;
  const customer = 1 + Math.floor(index / (365 * 4));
  return {
    customerId: customer,
    type: 'ABCD'[type],
    amount: thousandths(1 + Math.floor(Math.random() * 100_000)),
    uuid: randomUUID(),
    timestamp: new Date(Date.UTC(2025, 0, 1 + day, 12)).toISOString(),
  };
};

/** Seconds a stats command of `build` takes, checked to find every counter matching. */
async function timedStats(
  build: Build,
  command: 'verify' | 'rebuild',
  from: string,
  to: string,
): Promise<number> {
  const started = Date.now();
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['dist/cli/stats.js', command, '--from', from, '--to', to],
    {
      cwd: build.root,
      env: { ...process.env, DATABASE_URL: build.databaseUrl, ...SEEDING },
      maxBuffer: 64 * 2 ** 20,
    },
  );
  if (!stdout.includes('every counter matches the ledger')) {
    throw new Error(`${build.name}: ${command} found differences`);
  }
  return (Date.now() - started) / 1000;
}

/**
 * Runs `seed` with MariaDB's buffer pool raised to BENCH_LEDGER_SEED_POOL
 * (8 GiB), then puts it back as it was: at the default 128 MiB, a ledger of
 * random uuids past about 2 M rows takes a page read per message and fills
 * at ~2 k messages/s (20 M would take hours). The measurements run at the
 * pool the server had. The pool resizes online.
 */
async function withSeedingPool<T>(seed: () => Promise<T>): Promise<T> {
  const admin = await createConnection({ uri: SERVER_URL.toString() });
  const poolBytes = async () => {
    const [[row]] = (await admin.query(
      'SELECT @@innodb_buffer_pool_size AS bytes',
    )) as unknown as [[{ bytes: number }]];
    return Number(row.bytes);
  };
  const resize = async (bytes: number) => {
    await admin.query('SET GLOBAL innodb_buffer_pool_size = ?', [bytes]);
    for (let i = 0; i < 600 && (await poolBytes()) !== bytes; i++) {
      await sleep(500);
    }
  };
  const original = await poolBytes();
  try {
    await resize(SEED_POOL_BYTES);
    return await seed();
  } finally {
    await resize(original);
    await admin.end();
  }
}

/**
 * Bytes of the ledger's tables (every table but the counters and the
 * bookkeeping) per message the ledger holds, after ANALYZE TABLE.
 */
async function bytesPerMessage(build: Build): Promise<number> {
  const pool = createPool({ uri: build.databaseUrl, connectionLimit: 1 });
  try {
    const [tables] = await pool.query(
      `SELECT TABLE_NAME AS name FROM information_schema.TABLES
WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME NOT LIKE '%statistics' AND TABLE_NAME NOT IN ('typeorm_migrations', 'ledger_horizon')`,
    );
    let bytes = 0;
    for (const { name } of tables as Array<{ name: string }>) {
      await pool.query(`ANALYZE TABLE \`${name}\``);
      const [[size]] = (await pool.query(
        'SELECT DATA_LENGTH + INDEX_LENGTH AS bytes FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
        [name],
      )) as unknown as [[{ bytes: number }]];
      bytes += Number(size.bytes);
    }
    const [[{ n }]] = (await pool.query(
      'SELECT COUNT(*) AS n FROM messages',
    )) as unknown as [[{ n: number }]];
    return bytes / Number(n);
  } finally {
    await pool.end();
  }
}

/**
 * The bounded-ledger issue's targets, for this build and each of
 * BENCH_BASELINE's in one run, phase by phase so that each phase's builds
 * run close in time: the write path on an empty ledger and on one of
 * BENCH_LEDGER_MESSAGES random messages over the last 13 months (the ratio
 * per build is the target), the ledger's bytes per message, stats:verify of
 * a month of that ledger, and stats:rebuild of a year of 1000 customers × 4
 * types. Every message goes in through the API, so builds with different
 * tables get the same data.
 */
export async function ledgerAtScale(baselines: string[]): Promise<void> {
  const builds: Build[] = [
    {
      name: 'this build',
      root: ROOT,
      databaseUrl: databaseUrlOf(`${DATABASE}_ledger_0`),
    },
    ...baselines.map((root, index) => ({
      name: `baseline ${index + 1} ${root}`,
      root,
      databaseUrl: databaseUrlOf(`${DATABASE}_ledger_${index + 1}`),
    })),
  ];
  const years = builds.map((build, index) => ({
    ...build,
    databaseUrl: databaseUrlOf(`${DATABASE}_year_${index}`),
  }));
  /** The write path's lines for `build` on the ledger it has now. */
  const writes = async (build: Build, ledger: string) => {
    const { child, base } = await startService(3998, SEEDING, build);
    lines.push(
      ...(await measureWrites(
        child.pid!,
        base,
        `ledger, ${build.name}, ${ledger}`,
        aMessage,
      )),
    );
    await stop(child);
  };
  // Printed, for the benchmarks doc: single figures, not load lines.
  const note = (text: string) => console.log(`ledger: ${text}`);
  try {
    for (const build of [...builds, ...years]) {
      await resetDatabase(new URL(build.databaseUrl).pathname.slice(1));
    }
    for (const build of builds) await writes(build, 'empty');
    const now = Date.now();
    await withSeedingPool(async () => {
      for (const build of builds) {
        const { child, base } = await startService(3998, SEEDING, build);
        const seconds = await sendBatches(
          base,
          MESSAGES,
          aMessageOfTheLastYear(now),
        );
        await stop(child);
        note(
          `${build.name}: ${MESSAGES} messages sent in ${seconds.toFixed(0)} s (buffer pool ${SEED_POOL_BYTES / 2 ** 30} GiB)`,
        );
      }
    });
    for (const build of builds) await writes(build, `${MESSAGES} messages`);
    for (const build of builds) {
      note(
        `${build.name}: ${(await bytesPerMessage(build)).toFixed(0)} bytes per message`,
      );
    }
    const month = new Date(now - 180 * DAY_MS).toISOString().slice(0, 7);
    const last = new Date(
      Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 0),
    )
      .toISOString()
      .slice(0, 10);
    for (const build of builds) {
      const seconds = await timedStats(build, 'verify', `${month}-01`, last);
      note(
        `${build.name}: stats:verify of ${month} in ${seconds.toFixed(1)} s`,
      );
    }
    await withSeedingPool(async () => {
      for (const build of years) {
        const { child, base } = await startService(3998, SEEDING, build);
        await sendBatches(base, YEAR_CUSTOMERS * 4 * 365, yearMessage);
        await stop(child);
      }
    });
    for (const build of years) {
      const seconds = await timedStats(
        build,
        'rebuild',
        '2025-01-01',
        '2025-12-31',
      );
      note(
        `${build.name}: stats:rebuild of 2025 (${YEAR_CUSTOMERS} customers × 4 types × 365 days) in ${seconds.toFixed(1)} s`,
      );
    }
  } finally {
    for (const build of [...builds, ...years]) {
      await dropDatabase(new URL(build.databaseUrl).pathname.slice(1));
    }
  }
}

/** Writes its own lines; BENCH_ONLY=ledger, with BENCH_BASELINE the build before the issue. */
export const ledgerScenario: Scenario = {
  name: 'ledger',
  enabled: () => process.env.BENCH_ONLY?.split(',').includes('ledger') ?? false,
  async run() {
    await ledgerAtScale(process.env.BENCH_BASELINE?.split(',') ?? []);
    return [];
  },
};
