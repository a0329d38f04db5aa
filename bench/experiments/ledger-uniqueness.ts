/**
 * What the candidate ledger layouts of issue 24 cost once the ledger is
 * large: bytes per message, and the time to insert new messages with
 * their uuid kept unique, on an empty table and on one holding PRELOAD
 * messages (random uuids, spread over 13 months), in one run.
 *
 *   today    the ledger as it is: uuid CHAR(36) primary key, an index on
 *            the day; the key finds a duplicate.
 *   single   the ledger partitioned by month, keyed (stat_date, uuid
 *            BINARY(16)), beside message_uuids keyed by the uuid alone,
 *            which finds a duplicate: one B-tree of every kept uuid.
 *   probe    the ledger partitioned by month, keyed (uuid, stat_date),
 *            alone: the uuid is looked up in every kept partition first.
 *
 * MariaDB at its default buffer pool, as the service runs on it. The
 * preload inserts 1 M keys at a time in key order, each million spread
 * over the whole key space, so pages split as under random inserts.
 *
 *   npx ts-node --transpile-only bench/experiments/ledger-uniqueness.ts
 *   (URL=mysql://root@127.0.0.1:3306/layout_exp PRELOAD=20000000 NEW=100000 TX=100 LAYOUTS=today,single,probe)
 */
import { randomBytes } from 'node:crypto';
import { createConnection, Connection } from 'mysql2/promise';

const URL = process.env.URL ?? 'mysql://root@127.0.0.1:3306/layout_exp';
const PRELOAD = Number(process.env.PRELOAD ?? 20_000_000);
const NEW = Number(process.env.NEW ?? 100_000);
const TX = Number(process.env.TX ?? 100);
const LAYOUTS = (process.env.LAYOUTS ?? 'today,single,probe').split(',');
const MONTHS = 13;

const monthStarts = Array.from({ length: MONTHS + 1 }, (_, i) =>
  new Date(Date.UTC(2025, 11 + i, 1)).toISOString().slice(0, 10),
);
const PARTITIONS = `PARTITION BY RANGE COLUMNS(stat_date) (${monthStarts
  .slice(1)
  .map((end, i) => `PARTITION p${i} VALUES LESS THAN ('${end}')`)
  .join(', ')})`;
const CURRENT_DAY = monthStarts[MONTHS - 1];
const COLUMNS = `customer_id BIGINT UNSIGNED NOT NULL, type VARBINARY(256) NOT NULL,
  amount_milli BIGINT UNSIGNED NOT NULL, stat_date DATE NOT NULL, received_at DATETIME(3) NOT NULL,
  event_at DATETIME(3) NULL, voided_at DATETIME(3) NULL,
  void_reason VARCHAR(256) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL`;
const DAY_OF = (seq: string) =>
  `'${monthStarts[0]}' + INTERVAL (${seq} % ${MONTHS}) MONTH + INTERVAL (${seq} % 28) DAY`;
const REST_OF = (seq: string) =>
  `1 + ${seq} % 1000, ELT(1 + ${seq} % 4, 'A', 'B', 'C', 'D'), 1 + ${seq} % 100000, ${DAY_OF(seq)}, ${DAY_OF(seq)} + INTERVAL 12 HOUR`;
const TEXT_UUID = `LOWER(INSERT(INSERT(INSERT(INSERT(MD5(seq), 9, 0, '-'), 14, 0, '-'), 19, 0, '-'), 24, 0, '-'))`;
const LEDGER_COLUMNS =
  'uuid, customer_id, type, amount_milli, stat_date, received_at';

interface Layout {
  tables: string[];
  create: string[];
  preload: (from: number, to: number) => string[];
  /** One transaction's statements for these new messages. */
  insert: (sql: Connection, uuids: Buffer[]) => Promise<void>;
}

const row = (uuid: unknown) => [
  uuid,
  1 + Math.floor(Math.random() * 1000),
  'ABCD'[Math.floor(Math.random() * 4)],
  1 + Math.floor(Math.random() * 100_000),
  CURRENT_DAY,
  `${CURRENT_DAY} 12:00:00.000`,
];
const formatted = (uuid: Buffer) =>
  uuid.toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');

const LAYOUTS_BY_NAME: Record<string, Layout> = {
  today: {
    tables: ['messages'],
    create: [
      `CREATE TABLE messages (uuid CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY, ${COLUMNS}, KEY idx_messages_stat_date (stat_date)) ENGINE=InnoDB`,
    ],
    preload: (from, to) => [
      `INSERT INTO messages (${LEDGER_COLUMNS}) SELECT ${TEXT_UUID}, ${REST_OF('seq')} FROM seq_${from}_to_${to} ORDER BY 1`,
    ],
    insert: async (sql, uuids) => {
      await sql.query(`INSERT INTO messages (${LEDGER_COLUMNS}) VALUES ?`, [
        uuids.map((uuid) => row(formatted(uuid))),
      ]);
    },
  },
  single: {
    tables: ['message_uuids', 'ledger'],
    create: [
      'CREATE TABLE message_uuids (uuid BINARY(16) NOT NULL PRIMARY KEY, stat_date DATE NOT NULL) ENGINE=InnoDB',
      `CREATE TABLE ledger (uuid BINARY(16) NOT NULL, ${COLUMNS}, PRIMARY KEY (stat_date, uuid)) ENGINE=InnoDB ${PARTITIONS}`,
    ],
    preload: (from, to) => [
      `INSERT INTO message_uuids (uuid, stat_date) SELECT UNHEX(MD5(seq)), ${DAY_OF('seq')} FROM seq_${from}_to_${to} ORDER BY 1`,
      `INSERT INTO ledger (${LEDGER_COLUMNS}) SELECT UNHEX(MD5(seq)), ${REST_OF('seq')} FROM seq_${from}_to_${to} ORDER BY 1`,
    ],
    insert: async (sql, uuids) => {
      await sql.query('INSERT INTO message_uuids (uuid, stat_date) VALUES ?', [
        uuids.map((uuid) => [uuid, CURRENT_DAY]),
      ]);
      await sql.query(`INSERT INTO ledger (${LEDGER_COLUMNS}) VALUES ?`, [
        uuids.map(row),
      ]);
    },
  },
  probe: {
    tables: ['probe_ledger'],
    create: [
      `CREATE TABLE probe_ledger (uuid BINARY(16) NOT NULL, ${COLUMNS}, PRIMARY KEY (uuid, stat_date)) ENGINE=InnoDB ${PARTITIONS}`,
    ],
    preload: (from, to) => [
      `INSERT INTO probe_ledger (${LEDGER_COLUMNS}) SELECT UNHEX(MD5(seq)), ${REST_OF('seq')} FROM seq_${from}_to_${to} ORDER BY 1`,
    ],
    insert: async (sql, uuids) => {
      const [found] = await sql.query(
        'SELECT uuid FROM probe_ledger WHERE uuid IN (?) LOCK IN SHARE MODE',
        [uuids],
      );
      if ((found as unknown[]).length > 0) throw new Error('a new uuid found');
      await sql.query(`INSERT INTO probe_ledger (${LEDGER_COLUMNS}) VALUES ?`, [
        uuids.map(row),
      ]);
    },
  },
};

async function reset(sql: Connection, layout: Layout): Promise<void> {
  for (const table of layout.tables) {
    await sql.query(`DROP TABLE IF EXISTS ${table}`);
  }
  for (const statement of layout.create) await sql.query(statement);
}

/** Seconds per message to insert NEW new messages in transactions of TX. */
async function insertNew(sql: Connection, layout: Layout): Promise<number> {
  const started = process.hrtime.bigint();
  for (let done = 0; done < NEW; done += TX) {
    const uuids = Array.from({ length: TX }, () => randomBytes(16));
    await sql.query('START TRANSACTION');
    await layout.insert(sql, uuids);
    await sql.query('COMMIT');
  }
  return Number(process.hrtime.bigint() - started) / 1e9 / NEW;
}

async function bytes(sql: Connection, layout: Layout): Promise<number> {
  let total = 0;
  for (const table of layout.tables) {
    await sql.query(`ANALYZE TABLE ${table}`);
    const [[size]] = (await sql.query(
      'SELECT DATA_LENGTH + INDEX_LENGTH AS bytes FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
      [table],
    )) as unknown as [[{ bytes: number }]];
    total += Number(size.bytes);
  }
  return total;
}

async function main(): Promise<void> {
  const sql = await createConnection({ uri: URL });
  const [[pool]] = (await sql.query(
    'SELECT @@innodb_buffer_pool_size AS bytes, @@innodb_flush_method AS flush, @@version AS version',
  )) as unknown as [[{ bytes: number; flush: string; version: string }]];
  console.log(
    `${pool.version}, buffer pool ${Number(pool.bytes) / 2 ** 20} MiB, ${pool.flush}; ${PRELOAD} messages preloaded, ${NEW} new in transactions of ${TX}`,
  );
  for (const name of LAYOUTS) {
    const layout = LAYOUTS_BY_NAME[name];
    await reset(sql, layout);
    const empty = await insertNew(sql, layout);
    await reset(sql, layout);
    const loading = Date.now();
    for (let from = 1; from <= PRELOAD; from += 1_000_000) {
      const to = Math.min(PRELOAD, from + 999_999);
      for (const statement of layout.preload(from, to)) {
        await sql.query(statement);
      }
    }
    const loadS = (Date.now() - loading) / 1000;
    const perMessage = (await bytes(sql, layout)) / PRELOAD;
    // Twice: the first run also warms the buffer pool.
    const warm = await insertNew(sql, layout);
    const loaded = await insertNew(sql, layout);
    const us = (s: number) => (s * 1e6).toFixed(1);
    console.log(
      `${name}: ${perMessage.toFixed(0)} bytes/message (loaded in ${loadS.toFixed(0)} s); insert ${us(empty)} µs/message empty, ${us(warm)} then ${us(loaded)} loaded: ${(empty / loaded).toFixed(2)}× the empty rate`,
    );
    for (const table of layout.tables) await sql.query(`DROP TABLE ${table}`);
  }
  await sql.end();
}

void main();
