/**
 * npm run bench: measures, in one run on one machine, the HTTP ceiling, the
 * database ceiling, the service's ingestion, and statistics queries on a
 * 10-million-row table, then writes the results into docs/benchmarks.md.
 *
 * BENCH_DATABASE_URL names the MySQL/MariaDB server (default: the local test
 * server); the benchmark creates and drops its own database on it.
 * BENCH_SECONDS sets each load's duration (default 10). BENCH_ONLY runs only
 * the scenarios whose names contain it, or any of a comma-separated list
 * (e.g. BENCH_ONLY=stats, BENCH_ONLY=http,database,service).
 * BENCH_ONLY=consumer measures the RabbitMQ consumer (BENCH_AMQP_URL, default
 * the local broker) beside the batch endpoint.
 * BENCH_GALERA_URLS (one server URL per node, scripts/galera-cluster.sh)
 * adds ingestion on one Galera node against all of them (BENCH_ONLY=cluster).
 * BENCH_BASELINE=/path/to/another/checkout (built) adds the A/B comparison
 * of POST /messages and POST /messages/batch with that build (BENCH_ONLY=ab
 * for it alone), and with BENCH_ONLY=intervals one customer's year read by
 * both builds from the same data; BENCH_BASELINE_NODE=/path/to/node runs that build on
 * another Node.js (the same code on two runtimes). BENCH_AB_LEDGER=year runs
 * the A/B writes on each build's own copy of the intervals dataset (a year of
 * ledger, its counters rebuilt by that build) instead of on empty tables.
 */
import autocannon, { Result } from 'autocannon';
import * as amqp from 'amqplib';
import { ChildProcess, execFile, fork, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import {
  createConnection,
  createPool,
  Pool,
  PoolConnection,
} from 'mysql2/promise';
import type { ExecuteValues } from 'mysql2';
import { Flood, floodFromAnotherProcess } from '../test/support/flood';
import { percentile, startProbe } from '../test/support/probe';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const BASELINE_NODE = process.env.BENCH_BASELINE_NODE || undefined;
const AB_ROUNDS = Number(process.env.BENCH_AB_ROUNDS ?? 3);
/**
 * Load before a latency target's measured run, so that it measures a
 * service running, not starting: under one customer's year at 16
 * connections V8's compiler threads were still busy 8 s into the load
 * (10 % of the machine's CPU in the seconds after a 3 s warm-up).
 */
const WARM_UP_SECONDS = 10;
/** BENCH_AB_LEDGER=year: the A/B writes on a year of ledger (the intervals dataset), not on empty tables. */
const AB_LEDGER_CUSTOMERS =
  process.env.BENCH_AB_LEDGER === 'year'
    ? Number(process.env.BENCH_INTERVAL_CUSTOMERS ?? 1000)
    : 0;
const CONNECTIONS = 64;
const ONLY = process.env.BENCH_ONLY ?? '';
const SERVER_URL = new URL(
  (
    process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/test'
  ).replace(/^mariadb:/, 'mysql:'),
);
const DATABASE = 'bench_message_stats';
const databaseUrl = (() => {
  const url = new URL(SERVER_URL);
  url.pathname = `/${DATABASE}`;
  return url.toString();
})();
const ROOT = join(__dirname, '..');
const TYPES = ['A', 'B', 'C', 'D', 'E'];
/** The service runs as in production, so with an API key, which every request sends. */
const API_KEY = randomBytes(24).toString('hex');
const AUTHORIZATION = { authorization: `Bearer ${API_KEY}` };

interface Line {
  name: string;
  unit: string;
  throughput: number;
  p50: number;
  p99: number;
  errors: number;
  rssMb?: number;
  /** CPU time (user + system) the server process spent per unit. */
  cpuUs?: number;
  ceilings?: Array<{ name: string; throughput: number }>;
  /** Anything else worth a word, in the ratio column. */
  note?: string;
}

const lines: Line[] = [];

function aMessage() {
  return {
    customerId: 1 + Math.floor(Math.random() * 1000),
    type: TYPES[Math.floor(Math.random() * TYPES.length)],
    amount: (Math.floor(Math.random() * 10000) / 1000).toFixed(3),
    uuid: randomUUID(),
  };
}

function selected(name: string): boolean {
  return ONLY === '' || ONLY.split(',').some((only) => name.includes(only));
}

async function load(
  url: string,
  options: Partial<autocannon.Options> & { makeBody?: () => string },
): Promise<Result> {
  const { makeBody, ...rest } = options;
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: AUTHORIZATION,
    ...(makeBody && {
      method: 'POST',
      headers: { ...AUTHORIZATION, 'content-type': 'application/json' },
      requests: [
        { setupRequest: (request) => ({ ...request, body: makeBody() }) },
      ],
    }),
    ...rest,
  });
}

function fromAutocannon(
  name: string,
  result: Result,
  unitPerRequest = 1,
): Line {
  return {
    name,
    unit: unitPerRequest === 1 ? 'req/s' : 'messages/s',
    throughput: (result.requests.average * unitPerRequest) | 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/** Peak resident memory of a process so far (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /s, '')
    .split(' ');
  // utime and stime, fields 14 and 15 of stat, in clock ticks of 1/100 s.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Every process whose command name is `name` (pgrep -x), or none. */
function pidsOf(name: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name;
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

/**
 * CPU seconds of the whole machine so far (all cores, /proc/stat): busy,
 * and stolen, which the hypervisor gave to other machines while this one
 * wanted it. On a shared host steal moves a latency line more than a
 * change of the service does: one customer's year at 16 connections, the
 * same build four times in a row, gave p99 16 ms with 2 % of the cores
 * stolen and 29 ms with 19 %.
 */
function machineCpuSeconds(): { busy: number; stolen: number } {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .map(Number);
  // user nice system idle iowait irq softirq steal: all but idle and iowait.
  const busy = ticks.slice(0, 8).reduce((sum, value) => sum + value, 0);
  return { busy: (busy - ticks[3] - ticks[4]) / 100, stolen: ticks[7] / 100 };
}

/**
 * Where the machine's CPU goes while a load runs: the whole machine's,
 * and the database's, the broker's and the service's shares of it. On two
 * shared cores, messages/s can be no more than two CPU seconds over what
 * all of them spend per message.
 */
function cpuShares(servicePid: number) {
  const processes = {
    MariaDB: pidsOf('mariadbd'),
    RabbitMQ: pidsOf('beam.smp'),
    service: [servicePid],
  };
  const sample = (): Record<string, number> => {
    const { busy, stolen } = machineCpuSeconds();
    return {
      wall: performance.now() / 1000,
      stolen,
      machine: busy,
      ...Object.fromEntries(
        Object.entries(processes).map(([name, pids]) => [
          name,
          pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0),
        ]),
      ),
    };
  };
  const before = sample();
  return {
    /** CPU µs per unit since the start, for `units` units: the service's, and all shares as a note. */
    perUnit(
      units: number,
      unit = 'message',
    ): { serviceUs: number; note: string } {
      const after = sample();
      const us = (name: string) =>
        Math.round(((after[name] - before[name]) * 1e6) / units);
      const parts = Object.keys(processes)
        .map((name) => `${name} ${us(name)}`)
        .join(', ');
      const stolen = Math.round(
        (100 * (after.stolen - before.stolen)) /
          ((after.wall - before.wall) * cpus().length),
      );
      return {
        serviceUs: us('service'),
        note: `machine CPU ${us('machine')} µs per ${unit} (${parts}), ${stolen} % of the cores stolen by the host`,
      };
    },
  };
}

/**
 * A latency target's load on the service `pid`, run by bench/load-process.js
 * in a process of its own (see there why), after WARM_UP_SECONDS of the same
 * load: the target is the latency of a running service, and one just started
 * answers its first thousands of requests before V8 has optimised their path
 * (p99 13 against 8-9 ms in one run). What the warm-up measured is returned
 * as a note, not counted.
 */
async function loadRunning(
  pid: number,
  options: { url: string; connections: number; path: string; upTo?: number },
): Promise<{ result: Result; cpuUs: number; note: string }> {
  const load = { headers: AUTHORIZATION, upTo: 1, ...options };
  const warmUp = await loadFromAnotherProcess({
    ...load,
    duration: WARM_UP_SECONDS,
  });
  const shares = cpuShares(pid);
  const result = await loadFromAnotherProcess({ ...load, duration: SECONDS });
  const { serviceUs, note } = shares.perUnit(result.requests.total, 'request');
  return {
    result,
    cpuUs: serviceUs,
    note: `${note}; the first ${WARM_UP_SECONDS} s of load, before it: p50 ${warmUp.latency.p50} / p99 ${warmUp.latency.p99} ms`,
  };
}

/** A load run by bench/load-process.js in a process of its own (see there why). */
async function loadFromAnotherProcess(
  options: Record<string, unknown>,
): Promise<Result> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(__dirname, 'load-process.js'), JSON.stringify(options)],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as Result;
}

/** Runs a load against a server process and adds what the process spent per unit. */
async function loadOn(
  pid: number,
  url: string,
  options: Parameters<typeof load>[1],
  unitPerRequest = 1,
): Promise<{ result: Result; cpuUs: number }> {
  const before = cpuSeconds(pid);
  const result = await load(url, options);
  const units = result.requests.total * unitPerRequest;
  return {
    result,
    cpuUs: Math.round(((cpuSeconds(pid) - before) * 1e6) / units),
  };
}

async function waitForHealth(base: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  throw new Error(`${base} did not come up`);
}

/** The built service of `root` (this checkout, or BENCH_BASELINE's) on its database. */
async function startService(
  port: number,
  env: Record<string, string> = {},
  build: { root: string; databaseUrl: string; node?: string } = {
    root: ROOT,
    databaseUrl,
  },
) {
  const child = spawn(build.node ?? process.execPath, ['dist/main.js'], {
    cwd: build.root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: build.databaseUrl,
      API_KEYS: `bench:ingest+read:${API_KEY}`,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base);
  return { child, base };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function resetDatabase(name = DATABASE): Promise<void> {
  const admin = await createConnection({ uri: SERVER_URL.toString() });
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE \`${name}\``);
  await admin.end();
}

async function dropDatabase(name: string): Promise<void> {
  const admin = await createConnection({ uri: SERVER_URL.toString() });
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.end();
}

async function truncate(pool: Pool): Promise<void> {
  await pool.query('TRUNCATE TABLE messages');
  await pool.query('TRUNCATE TABLE daily_statistics');
  // A baseline build may predate the monthly or yearly counters.
  for (const table of ['monthly_statistics', 'yearly_statistics']) {
    await pool
      .query(`TRUNCATE TABLE ${table}`)
      .catch((error: { code?: string }) => {
        if (error.code !== 'ER_NO_SUCH_TABLE') throw error;
      });
  }
}

/**
 * The monthly and yearly counters of day rows seeded straight into
 * daily_statistics, as the ledger would have written them.
 */
const BACKFILL_MONTHS = `INSERT INTO monthly_statistics (stat_month, customer_id, type, message_count, total_amount_milli)
SELECT DATE_FORMAT(stat_date, '%Y-%m-01'), customer_id, type, SUM(message_count), SUM(total_amount_milli)
FROM daily_statistics GROUP BY 1, 2, 3`;
const BACKFILL_YEARS = `INSERT INTO yearly_statistics (stat_year, customer_id, type, message_count, total_amount_milli)
SELECT DATE_FORMAT(stat_month, '%Y-01-01'), customer_id, type, SUM(message_count), SUM(total_amount_milli)
FROM monthly_statistics GROUP BY 1, 2, 3`;

/** Forks a stand-alone server of bench/ on port 3999 and waits until it listens. */
async function forkServer(
  file: string,
  execArgv: string[] = [],
): Promise<ChildProcess> {
  const child = fork(join(__dirname, file), [], {
    env: { ...process.env, PORT: '3999' },
    execArgv,
  });
  await new Promise((resolve) => child.once('message', resolve));
  return child;
}

/** Forks a stand-alone server of bench/, loads its POST /messages, stops it. */
async function loadForkedServer(
  file: string,
  execArgv: string[] = [],
): Promise<{ result: Result; cpuUs: number; rssMb: number }> {
  const child = await forkServer(file, execArgv);
  const measured = await loadOn(child.pid!, 'http://127.0.0.1:3999/messages', {
    makeBody: () => JSON.stringify(aMessage()),
  });
  const rssMb = peakRssMb(child.pid!);
  await stop(child);
  return { ...measured, rssMb };
}

// --- 1. the HTTP ceiling ------------------------------------------------------
async function httpCeiling(): Promise<Line> {
  const { result, cpuUs, rssMb } = await loadForkedServer(
    'bare-http-server.js',
  );
  return {
    ...fromAutocannon('HTTP ceiling: bare node:http, JSON parse, 201', result),
    rssMb,
    cpuUs,
  };
}

// --- 1b. the framework floor -------------------------------------------------
const TS_NODE = ['-r', 'ts-node/register/transpile-only'];

async function nestFloor(): Promise<Line> {
  const { result, cpuUs } = await loadForkedServer(
    'nest-floor-server.ts',
    TS_NODE,
  );
  return {
    ...fromAutocannon(
      'framework floor: Nest on Fastify, one POST route, no work',
      result,
    ),
    // No RSS: ts-node compiles this server in its own process, which would count.
    cpuUs,
  };
}

// --- 2. the database ceiling ----------------------------------------------------
const INSERT_LEDGER = `INSERT INTO messages (uuid, customer_id, type, amount_milli, stat_date, received_at) VALUES `;
const INCREMENT = `INSERT INTO daily_statistics (customer_id, type, stat_date, message_count, total_amount_milli) VALUES `;
const ON_DUPLICATE = ` ON DUPLICATE KEY UPDATE message_count = message_count + VALUES(message_count), total_amount_milli = total_amount_milli + VALUES(total_amount_milli)`;

/**
 * `text` sends the statements as mysql2's `query` does (values escaped into
 * the SQL text, as the service does); `prepared` sends the two inserts as
 * server-side prepared statements (`execute`), cached per connection.
 */
async function databaseCeiling(
  pool: Pool,
  perTransaction: number,
  statements: 'text' | 'prepared' = 'text',
): Promise<Line> {
  const send =
    statements === 'text'
      ? (c: PoolConnection, sql: string, values: unknown[]) =>
          c.query(sql, values)
      : (c: PoolConnection, sql: string, values: unknown[]) =>
          c.execute(sql, values as ExecuteValues[]);
  const cpuBefore = process.cpuUsage();
  const deadline = Date.now() + SECONDS * 1000;
  const latencies: number[] = [];
  let messages = 0;
  let errors = 0;
  const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
  const date = now.slice(0, 10);
  async function worker(): Promise<void> {
    const connection = await pool.getConnection();
    try {
      while (Date.now() < deadline) {
        const batch = Array.from({ length: perTransaction }, aMessage);
        const counters = new Map<string, [number, string, number, bigint]>();
        for (const m of batch) {
          const key = `${m.customerId}\u0000${m.type}`;
          const counter = counters.get(key) ?? [m.customerId, m.type, 0, 0n];
          counter[2] += 1;
          counter[3] += BigInt(m.amount.replace('.', ''));
          counters.set(key, counter);
        }
        const sorted = [...counters.values()].sort(
          (a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1),
        );
        const started = performance.now();
        try {
          await connection.query(
            'SET TRANSACTION ISOLATION LEVEL READ COMMITTED',
          );
          await connection.beginTransaction();
          await send(
            connection,
            INSERT_LEDGER + batch.map(() => '(?, ?, ?, ?, ?, ?)').join(', '),
            batch.flatMap((m) => [
              m.uuid,
              m.customerId,
              m.type,
              m.amount.replace('.', ''),
              date,
              now,
            ]),
          );
          await send(
            connection,
            INCREMENT +
              sorted.map(() => '(?, ?, ?, ?, ?)').join(', ') +
              ON_DUPLICATE,
            sorted.flatMap(([customerId, type, count, milli]) => [
              customerId,
              type,
              date,
              count,
              milli.toString(),
            ]),
          );
          await connection.commit();
          messages += perTransaction;
          latencies.push(performance.now() - started);
        } catch {
          errors += 1;
          await connection.rollback().catch(() => undefined);
        }
      }
    } finally {
      connection.release();
    }
  }
  const started = Date.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const elapsed = (Date.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  return {
    name: `database ceiling: mysql2${statements === 'prepared' ? ' prepared statements' : ''}, ${perTransaction} message${perTransaction > 1 ? 's' : ''} per transaction, ${CONNECTIONS} workers`,
    unit: 'messages/s',
    throughput: (messages / elapsed) | 0,
    p50: Math.round(percentile(latencies, 50)),
    p99: Math.round(percentile(latencies, 99)),
    errors,
    // The client's CPU: the benchmark process, which runs only mysql2 here.
    cpuUs: Math.round((cpu.user + cpu.system) / messages),
  };
}

// --- 3b. a lone producer beside floods -------------------------------------------
const FLOODS: Array<{ kind: Flood; connections: number; what: string }> = [
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
async function seedFloodStatistics(pool: Pool): Promise<void> {
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
async function lonelyProducer(
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

// --- 3c. this build against another, A B A B -------------------------------------
/**
 * BENCH_BASELINE names another checkout of the service, built (`npm ci &&
 * npm run build` there): its POST /messages and POST /messages/batch run in
 * turn with this build's, three rounds (BENCH_AB_ROUNDS), the order swapped each round, each
 * build on a database of its own. The CPU per request is the measure to
 * trust on a noisy machine; throughput moves more. BENCH_BASELINE_NODE runs
 * the baseline on another Node.js binary (the same build on two runtimes).
 */
async function compareBuilds(baseline: string): Promise<void> {
  const baselineDatabase = `${DATABASE}_baseline`;
  const baselineUrl = (() => {
    const url = new URL(SERVER_URL);
    url.pathname = `/${baselineDatabase}`;
    return url.toString();
  })();
  await resetDatabase(baselineDatabase);
  const builds = [
    { name: 'this build', root: ROOT, databaseUrl },
    {
      name: `baseline ${baseline}${BASELINE_NODE ? ` on ${BASELINE_NODE}` : ''}`,
      root: baseline,
      databaseUrl: baselineUrl,
      node: BASELINE_NODE,
    },
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
      const order = round % 2 === 1 ? builds : [...builds].reverse();
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
        const singleShares = cpuShares(child.pid!);
        const single = await loadOn(child.pid!, `${base}/messages`, {
          makeBody: () => JSON.stringify(aMessage()),
        });
        lines.push({
          ...fromAutocannon(
            `A/B round ${round}, ${build.name}${onLedger}: POST /messages`,
            single.result,
          ),
          rssMb: peakRssMb(child.pid!),
          cpuUs: single.cpuUs,
          note: singleShares.perUnit(single.result.requests.total).note,
        });
        const batchShares = cpuShares(child.pid!);
        const batch = await loadOn(
          child.pid!,
          `${base}/messages/batch`,
          {
            connections: 16,
            makeBody: () =>
              JSON.stringify(Array.from({ length: 500 }, aMessage)),
          },
          500,
        );
        lines.push({
          ...fromAutocannon(
            `A/B round ${round}, ${build.name}${onLedger}: POST /messages/batch, 500 per request, 16 connections`,
            batch.result,
            500,
          ),
          rssMb: peakRssMb(child.pid!),
          cpuUs: batch.cpuUs,
          note: batchShares.perUnit(batch.result.requests.total * 500).note,
        });
        await stop(child);
      }
    }
  } finally {
    await dropDatabase(baselineDatabase);
  }
}

// --- ingestion on a Galera cluster ------------------------------------------------
const GALERA_URLS = (process.env.BENCH_GALERA_URLS ?? '')
  .split(',')
  .filter(Boolean);

/** The sum of a counter of the service's /metrics. */
async function metric(base: string, name: string): Promise<number> {
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
async function clusterIngestion(): Promise<void> {
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

// --- the RabbitMQ consumer -------------------------------------------------------
const AMQP_URL =
  process.env.BENCH_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

/**
 * The consumer's throughput: a queue filled first (publisher confirms),
 * then a service started on it, timed until the ledger holds every message.
 * Beside it, the batch endpoint's line of the same run.
 */
async function consumerThroughput(pool: Pool): Promise<Line> {
  const total = Math.max(50_000, Math.round(SECONDS * 10_000));
  const queue = `bench.message-stats.${randomBytes(4).toString('hex')}`;
  const connection = await amqp.connect(AMQP_URL);
  const channel = await connection.createConfirmChannel();
  try {
    await channel.assertQueue(queue, { durable: true });
    for (let sent = 0; sent < total; sent += 1000) {
      for (let i = 0; i < 1000; i++) {
        channel.sendToQueue(queue, Buffer.from(JSON.stringify(aMessage())), {
          persistent: true,
        });
      }
      await channel.waitForConfirms();
    }
    await truncate(pool);
    const { child, base } = await startService(3998, {
      AMQP_URL,
      AMQP_QUEUE: queue,
      ...(process.env.BENCH_AMQP_PREFETCH && {
        AMQP_PREFETCH: process.env.BENCH_AMQP_PREFETCH,
      }),
    });
    // The consumer starts before the service answers its health check:
    // the machine's CPU is shared out over what is consumed from here on.
    // Progress is read off the service's counter, seldom: a COUNT(*) of
    // the ledger every 50 ms scanned it and halved the consumer's rate
    // (MariaDB's CPU), and each scrape of /metrics costs the service too.
    const shares = cpuShares(child.pid!);
    const consumed = () => metric(base, 'message_stats_amqp_messages_total');
    const consumedBefore = await consumed();
    while ((await consumed()) < total) await sleep(250);
    // From the first group's commit to the last's: the consumer starts
    // consuming before the service answers its health check.
    const [[span]] = (await pool.query(
      'SELECT TIMESTAMPDIFF(MICROSECOND, MIN(received_at), MAX(received_at)) AS us FROM messages',
    )) as unknown as [[{ us: number }]];
    const seconds = Number(span.us) / 1e6;
    // The service's CPU and its share are of the same window and messages.
    const { serviceUs: cpuUs, note: machineCpu } = shares.perUnit(
      total - consumedBefore,
    );
    const rssMb = peakRssMb(child.pid!);
    await stop(child);
    return {
      name: `consumer: ${total.toLocaleString('en-US')} messages from RabbitMQ, prefetch ${process.env.BENCH_AMQP_PREFETCH ?? 2000}, groups of 500`,
      unit: 'messages/s',
      throughput: Math.round(total / seconds),
      p50: 0,
      p99: 0,
      errors: 0,
      rssMb,
      cpuUs,
      note: `${seconds.toFixed(1)} s from the first commit to the last (latency not measured); ${machineCpu}`,
    };
  } finally {
    await channel.deleteQueue(queue).catch(() => undefined);
    await channel.deleteQueue(`${queue}.dead`).catch(() => undefined);
    await connection.close();
  }
}

// --- 4. statistics on 10 million rows -------------------------------------------
const SEED_CUSTOMERS = 10_000;
const SEED_DAYS = 200;
const SEED_START = Date.UTC(2026, 0, 1);

async function seedStatistics(pool: Pool): Promise<number> {
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

// --- 5. intervals: a year of data through the ledger and stats:rebuild (issue 10) ---
const YEAR_TYPES = ['A', 'B', 'C', 'D'];

/**
 * A year (2025) of one message per customer, type and day, written into
 * the ledger, then every derived table built from it by stats:rebuild, as
 * an operator would after a restore.
 */
async function seedYear(
  pool: Pool,
  customers: number,
  build: { root: string; databaseUrl: string } = { root: ROOT, databaseUrl },
): Promise<{ seedSeconds: number; rebuildSeconds: number }> {
  const started = Date.now();
  const days = Array.from({ length: 365 }, (_, d) =>
    new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10),
  );
  let next = 1;
  async function worker(): Promise<void> {
    while (next <= customers) {
      const customer = next++;
      const rows: unknown[][] = [];
      for (const type of YEAR_TYPES) {
        for (const day of days) {
          rows.push([
            randomUUID(),
            customer,
            type,
            1 + Math.floor(Math.random() * 100_000),
            day,
            `${day} 12:00:00.000`,
          ]);
        }
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

/**
 * The answer as the service gave it before the monthly counters: the day
 * rows of the interval, summed per group (its SQL, run straight through
 * mysql2), timed over `runs` runs one after another.
 */
async function timeDayPlan(
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

/** One request at a time, `runs` times: the latency of a query alone. */
async function timeRequests(
  paths: () => string[],
  base: string,
  runs: number,
): Promise<{ p50: number; p99: number; items: number }> {
  const times: number[] = [];
  let items = 0;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    items = 0;
    let cursor: string | null = null;
    for (const path of paths()) {
      const url: string = `${base}${path}${cursor === null ? '' : `&cursor=${cursor}`}`;
      const response = await fetch(url, { headers: AUTHORIZATION });
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
      const body = (await response.json()) as {
        items: unknown[];
        nextCursor: string | null;
      };
      items += body.items.length;
      cursor = body.nextCursor;
    }
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    p50: Math.round(percentile(times, 50)),
    p99: Math.round(percentile(times, 99)),
    items,
  };
}

/** One customer's year of the intervals dataset, `{n}` a random customer. */
const ONE_CUSTOMER_YEAR = '/stats?from=2025-01-01&to=2025-12-31&customerId={n}';

/**
 * One customer's year, a random customer per request, at 16 connections:
 * the service's CPU per request, and the machine's split into MariaDB's,
 * RabbitMQ's and the service's.
 */
async function oneCustomerYear(
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
async function floorOfOneCustomerYear(customers: number): Promise<Line> {
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

async function intervals(pool: Pool, customers: number): Promise<void> {
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
    // The same data, read by each build in turn, the order swapped each round.
    const builds = [
      { name: 'this build', root: ROOT, databaseUrl },
      {
        name: `baseline ${process.env.BENCH_BASELINE}`,
        root: process.env.BENCH_BASELINE,
        databaseUrl,
        node: BASELINE_NODE,
      },
    ];
    for (let round = 1; round <= AB_ROUNDS; round++) {
      for (const build of round % 2 === 1 ? builds : [...builds].reverse()) {
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

function markdown(seedSeconds: number | undefined): string {
  const rows = lines.map((line) => {
    const ratio = [
      ...(line.ceilings ?? []).map(
        ({ name, throughput }) =>
          `${((100 * line.throughput) / throughput).toFixed(0)}% of ${name}`,
      ),
      ...(line.note ? [line.note] : []),
    ].join('; ');
    return `| ${line.name} | ${line.throughput.toLocaleString('en-US')} ${line.unit} | ${line.p50} | ${line.p99} | ${line.errors} | ${line.rssMb ?? ''} | ${line.cpuUs ?? ''} | ${ratio} |`;
  });
  return [
    `Run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${SECONDS} s per load, ${CONNECTIONS} connections.`,
    ...(seedSeconds === undefined
      ? []
      : [
          `Seeding 10,000,000 statistics rows took ${seedSeconds.toFixed(0)} s.`,
        ]),
    '',
    '| scenario | throughput | p50 ms | p99 ms | errors | peak RSS MB | CPU µs per unit | ratio |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

function writeResults(text: string): void {
  const file = join(ROOT, 'docs', 'benchmarks.md');
  const current = readFileSync(file, 'utf8');
  const start = '<!-- results:start -->';
  const end = '<!-- results:end -->';
  const updated =
    current.slice(0, current.indexOf(start) + start.length) +
    `\n${text}\n` +
    current.slice(current.indexOf(end));
  writeFileSync(file, updated);
}

async function main(): Promise<void> {
  await resetDatabase();
  // The service applies the migrations on its first start.
  const first = await startService(3998);
  await stop(first.child);
  const pool = createPool({
    uri: databaseUrl,
    connectionLimit: CONNECTIONS,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  let seedSeconds: number | undefined;
  try {
    let http: Line | undefined;
    if (selected('http')) lines.push((http = await httpCeiling()));
    let floor: Line | undefined;
    if (selected('floor')) lines.push((floor = await nestFloor()));

    let single: Line | undefined;
    let batched: Line | undefined;
    if (selected('database')) {
      await truncate(pool);
      lines.push((single = await databaseCeiling(pool, 1)));
      await truncate(pool);
      lines.push((batched = await databaseCeiling(pool, 64)));
    }
    if (selected('prepared')) {
      await truncate(pool);
      lines.push(await databaseCeiling(pool, 1, 'prepared'));
      await truncate(pool);
      lines.push(await databaseCeiling(pool, 64, 'prepared'));
    }

    if (selected('service')) {
      await truncate(pool);
      const { child, base } = await startService(3998);
      const { result, cpuUs } = await loadOn(child.pid!, `${base}/messages`, {
        makeBody: () => JSON.stringify(aMessage()),
      });
      const ceilings = [
        ...(single ? [{ name: 'DB 1/tx', throughput: single.throughput }] : []),
        ...(http ? [{ name: 'HTTP', throughput: http.throughput }] : []),
        ...(floor
          ? [{ name: 'Nest floor', throughput: floor.throughput }]
          : []),
      ];
      lines.push({
        ...fromAutocannon('service: POST /messages', result),
        rssMb: peakRssMb(child.pid!),
        cpuUs,
        ceilings,
      });
      // One request at a time: group commit must not delay a lone request.
      const lone = await loadOn(child.pid!, `${base}/messages`, {
        connections: 1,
        makeBody: () => JSON.stringify(aMessage()),
      });
      lines.push({
        ...fromAutocannon(
          'service: POST /messages, 1 connection (each request alone)',
          lone.result,
        ),
        rssMb: peakRssMb(child.pid!),
        cpuUs: lone.cpuUs,
      });
      await stop(child);
    }

    if (selected('batch')) {
      await truncate(pool);
      const { child, base } = await startService(3998);
      const shares = cpuShares(child.pid!);
      const { result, cpuUs } = await loadOn(
        child.pid!,
        `${base}/messages/batch`,
        {
          connections: 16,
          makeBody: () => JSON.stringify(Array.from({ length: 500 }, aMessage)),
        },
        500,
      );
      lines.push({
        ...fromAutocannon(
          'service: POST /messages/batch, 500 per request, 16 connections',
          result,
          500,
        ),
        rssMb: peakRssMb(child.pid!),
        cpuUs,
        ceilings: batched
          ? [{ name: 'DB 64/tx', throughput: batched.throughput }]
          : [],
        note: shares.perUnit(result.requests.total * 500).note,
      });
      await stop(child);
    }

    if (selected('consumer')) {
      const line = await consumerThroughput(pool);
      lines.push({
        ...line,
        ceilings: batched
          ? [{ name: 'DB 64/tx', throughput: batched.throughput }]
          : [],
      });
    }

    if (selected('cluster')) await clusterIngestion();

    if (process.env.BENCH_BASELINE && selected('ab')) {
      await compareBuilds(process.env.BENCH_BASELINE);
    }

    if (selected('floods')) {
      await truncate(pool);
      await seedFloodStatistics(pool);
      const { child, base } = await startService(3998);
      lines.push(await lonelyProducer(child.pid!, base));
      for (const flood of FLOODS) {
        lines.push(await lonelyProducer(child.pid!, base, flood));
      }
      await stop(child);
    }

    if (selected('intervals')) {
      await intervals(
        pool,
        Number(process.env.BENCH_INTERVAL_CUSTOMERS ?? 1000),
      );
    }

    if (selected('stats')) {
      await truncate(pool);
      seedSeconds = await seedStatistics(pool);
      const { child, base } = await startService(3998);
      // The same query at two loads: throughput at 16 connections, latency at 4.
      for (const connections of [16, 4]) {
        const oneCustomer = await loadRunning(child.pid!, {
          url: base,
          connections,
          path: '/stats?from=2026-01-01&to=2026-12-31&customerId={n}',
          upTo: SEED_CUSTOMERS,
        });
        lines.push({
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
      lines.push({
        ...fromAutocannon(
          'GET /stats: first 1000 items, all customers, one day (10M rows), 16 connections',
          oneDay.result,
        ),
        rssMb: peakRssMb(child.pid!),
        cpuUs: oneDay.cpuUs,
        note: oneDay.note,
      });
      await stop(child);
    }
  } finally {
    await pool.end();
    const admin = await createConnection({ uri: SERVER_URL.toString() });
    await admin.query(`DROP DATABASE IF EXISTS \`${DATABASE}\``);
    await admin.end();
  }
  const text = markdown(seedSeconds);
  console.log(`\n${text}\n`);
  if (ONLY === '') writeResults(text);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
