/**
 * How long KeyLedgerByDay1764900000000 takes on a large ledger: a database
 * is migrated to the migration before it, filled with ROWS messages
 * (random v4-like uuids, spread over 13 months, as a year of the service
 * would leave them) straight in SQL, then the upgrade runs alone and is
 * timed. The fill runs with the buffer pool raised to 8 GiB (random
 * uuids at the default pool take hours); the upgrade runs at the pool the
 * server had. Its writes are the downtime of an upgrade (docs/operations.md).
 *
 *   npm run build && node -r ts-node/register/transpile-only bench/experiments/upgrade-ledger.ts
 *   (URL=mysql://root@127.0.0.1:3306/upgrade_exp ROWS=10000000)
 */
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source-options';

const URL = process.env.URL ?? 'mysql://root@127.0.0.1:3306/upgrade_exp';
const ROWS = Number(process.env.ROWS ?? 10_000_000);
const FILL_CHUNK = 1_000_000;

async function main(): Promise<void> {
  const server = await createConnection({ uri: URL.replace(/\/\w+$/, '/') });
  const database = new globalThis.URL(URL).pathname.slice(1);
  await server.query(`DROP DATABASE IF EXISTS ${database}`);
  await server.query(`CREATE DATABASE ${database}`);
  const [[{ pool }]] = (await server.query(
    'SELECT @@innodb_buffer_pool_size AS pool',
  )) as unknown as [[{ pool: number }]];
  const resize = async (bytes: number) => {
    await server.query('SET GLOBAL innodb_buffer_pool_size = ?', [bytes]);
    for (let i = 0; i < 600; i++) {
      const [[now]] = (await server.query(
        'SELECT @@innodb_buffer_pool_size AS pool',
      )) as unknown as [[{ pool: number }]];
      if (Number(now.pool) === Number(bytes)) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };

  const options = buildDataSourceOptions({
    type: 'mysql',
    url: URL,
    poolSize: 4,
  });
  const migrations = options.migrations as Array<new () => unknown>;
  const before = await new DataSource({
    ...options,
    migrations: migrations.slice(0, 8),
  }).initialize();
  await before.runMigrations();
  const filling = Date.now();
  await resize(8 * 2 ** 30);
  for (let from = 0; from < ROWS; from += FILL_CHUNK) {
    const to = Math.min(ROWS, from + FILL_CHUNK);
    await before.query(
      `INSERT INTO messages (uuid, customer_id, type, amount_milli, stat_date, received_at)
SELECT LOWER(INSERT(INSERT(INSERT(INSERT(MD5(seq), 9, 0, '-'), 14, 0, '-'), 19, 0, '-'), 24, 0, '-')),
  1 + seq % 1000, ELT(1 + seq % 4, 'A', 'B', 'C', 'D'), 1 + seq % 100000,
  '2025-12-01' + INTERVAL (seq % 13) MONTH + INTERVAL (seq % 28) DAY,
  '2025-12-01 12:00:00' + INTERVAL (seq % 13) MONTH + INTERVAL (seq % 28) DAY
FROM seq_${from + 1}_to_${to}`,
    );
  }
  await before.destroy();
  await resize(Number(pool));
  console.log(`filled ${ROWS} rows in ${(Date.now() - filling) / 1000} s`);

  const after = await new DataSource(options).initialize();
  const started = Date.now();
  const applied = await after.runMigrations();
  const seconds = (Date.now() - started) / 1000;
  const [{ n }] = await after.query<Array<{ n: string }>>(
    'SELECT COUNT(*) AS n FROM message_uuids',
  );
  await after.destroy();
  await server.query(`DROP DATABASE ${database}`);
  await server.end();
  console.log(
    JSON.stringify({
      migration: applied.map((m) => m.name),
      rows: ROWS,
      uuids: Number(n),
      seconds,
      rowsPerSecond: Math.round(ROWS / seconds),
    }),
  );
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
