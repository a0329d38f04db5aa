import { readUuid } from '../../src/database/repositories/sql-values';
import { firstKeptDay } from '../../src/common/ledger-retention';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { exitOf, RunningService } from '../support/service-process';
import { countersOffTheLedger } from '../support/counters-off-the-ledger';
import { useGaleraDatabase } from '../support/galera-cluster';
import { aMessage, WireMessage } from '../support/message-factory';
import { expectCleanRaces } from '../support/uuid-races';
import { voidRaceRound } from '../support/void-races';

const NODES = [0, 1, 2];

const MIGRATIONS = (
  buildDataSourceOptions({ type: 'sqlite', path: ':memory:' })
    .migrations as unknown[]
).length;

async function post(base: string, message: WireMessage): Promise<number> {
  try {
    const response = await fetch(`${base}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(30_000),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

/**
 * The ledger's messages summed per (customer, type) and local day or
 * month of their instants, as ICU puts them: what GET /stats answers in a
 * zone, apart from the service's own calendar.
 */
async function localPeriodsOfLedger(sql: {
  query(sql: string): Promise<unknown>;
}) {
  const [rows] = (await sql.query(
    `SELECT customer_id, CONVERT(type USING utf8mb4) AS type, CAST(amount_milli AS CHAR) AS milli,
  TIMESTAMPDIFF(MICROSECOND, '1970-01-01', COALESCE(event_at, received_at)) DIV 1000 AS ms
FROM messages WHERE voided_at IS NULL`,
  )) as [
    Array<{ customer_id: number; type: string; milli: string; ms: string }>,
  ];
  return (zone: string, groupBy: 'day' | 'month', from: string, to: string) => {
    const localDay = new Intl.DateTimeFormat('en-CA', { timeZone: zone });
    const groups = new Map<
      string,
      { key: [number, string, string]; count: number; milli: bigint }
    >();
    for (const row of rows) {
      const day = localDay.format(Number(row.ms));
      if (day < from || day > to) continue;
      const period = groupBy === 'day' ? day : day.slice(0, 7);
      const id = JSON.stringify([row.customer_id, row.type, period]);
      const group = groups.get(id) ?? {
        key: [Number(row.customer_id), row.type, period],
        count: 0,
        milli: 0n,
      };
      group.count += 1;
      group.milli += BigInt(row.milli);
      groups.set(id, group);
    }
    return [...groups.values()]
      .sort(
        (a, b) =>
          a.key[0] - b.key[0] ||
          Buffer.compare(Buffer.from(a.key[1]), Buffer.from(b.key[1])) ||
          a.key[2].localeCompare(b.key[2]),
      )
      .map(({ key: [customerId, type, period], count, milli }) => ({
        customerId,
        type,
        [groupBy === 'day' ? 'date' : 'month']: period,
        messageCount: count,
        totalAmount: `${milli / 1000n}.${String(milli % 1000n).padStart(3, '0')}`,
      }));
  };
}

/**
 * Three replicas of the service, one on each node of a 3-node MariaDB
 * Galera cluster (scripts/galera-cluster.sh): a multi-primary cluster
 * aborts the later of two conflicting transactions at COMMIT, or between
 * its statements, instead of making it wait; a named lock holds on one node
 * only; and a node applies another's commits a moment after they return.
 */
describe('three replicas on a three-node Galera cluster', () => {
  const cluster = useGaleraDatabase();

  const startAll = async (): Promise<RunningService[]> =>
    Promise.all(NODES.map((node) => cluster.start(node)));

  // Without a lock every node agrees on, one trial in three failed.
  it.each([1, 2, 3])(
    'starts every replica when all three start together on an empty database (trial %d)',
    async () => {
      // Each starts its migrations at once; only one may apply them.
      const replicas = await Promise.all(
        NODES.map((node) => cluster.start(node, { LOG_LEVEL: 'info' })),
      );
      for (const replica of replicas) {
        expect((await fetch(`${replica.base}/health`)).status).toBe(200);
      }
      const applied = replicas.map(
        (replica) => replica.output.text().match(/applied /g)?.length ?? 0,
      );
      expect(applied.sort()).toEqual([0, 0, MIGRATIONS]);
    },
  );

  it('counts each uuid once and keeps the counters equal to the ledger on every node while writers race across nodes', async () => {
    const bases = (await startAll()).map((replica) => replica.base);
    await expectCleanRaces(bases, 4);
    for (const node of NODES) {
      const sql = await cluster.sql(node);
      expect({ node, off: await countersOffTheLedger(sql) }).toEqual({
        node,
        off: [],
      });
    }
    // Each node's writers incremented a slot of their own.
    const [slots] = await (
      await cluster.sql(0)
    ).query('SELECT DISTINCT slot FROM daily_statistics ORDER BY slot');
    expect(slots).toEqual([{ slot: 0 }, { slot: 1 }, { slot: 2 }]);
  });

  it('counts messages on the days their timestamps name, once each, with the counters equal to the ledger on every node', async () => {
    const bases = (await startAll()).map((replica) => replica.base);
    await expectCleanRaces(bases, 2, { spreadOverWindow: true });
    for (const node of NODES) {
      const sql = await cluster.sql(node);
      expect({ node, off: await countersOffTheLedger(sql) }).toEqual({
        node,
        off: [],
      });
    }
    const [[{ days }]] = (await (
      await cluster.sql(0)
    ).query(
      'SELECT COUNT(DISTINCT stat_date) AS days FROM daily_statistics',
    )) as unknown as [[{ days: number }]];
    expect(Number(days)).toBeGreaterThan(20);
    // Every node answers a zone's days and months as the ledger's instants
    // put them there, from the counters its writers left in three slots.
    const expected = await localPeriodsOfLedger(await cluster.sql(0));
    const [from, to] = [
      new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10),
      new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
    ];
    expect(expected('Asia/Kathmandu', 'day', from, to).length).toBeGreaterThan(
      20,
    );
    for (const node of NODES) {
      for (const [timeZone, groupBy] of [
        ['Asia/Kathmandu', 'day'],
        ['America/St_Johns', 'month'],
      ] as const) {
        const response = await fetch(
          `${bases[node]}/stats?from=${from}&to=${to}&timeZone=${timeZone}&groupBy=${groupBy}&limit=10000`,
        );
        const { items } = (await response.json()) as { items: unknown[] };
        expect({ node, timeZone, items }).toEqual({
          node,
          timeZone,
          items: expected(timeZone, groupBy, from, to),
        });
      }
    }
  });

  it('races voids against ingestion and each other across nodes, answering each alike and keeping the counters equal to the ledger on every node', async () => {
    const bases = (await startAll()).map((replica) => replica.base);
    for (let round = 0; round < 3; round++) {
      const findings = await voidRaceRound(bases, round);
      expect({ round, findings: findings.slice(0, 5) }).toEqual({
        round,
        findings: [],
      });
      for (const node of NODES) {
        const sql = await cluster.sql(node);
        expect({ round, node, off: await countersOffTheLedger(sql) }).toEqual({
          round,
          node,
          off: [],
        });
      }
    }
  });

  it('removes the days past retention on every node, by itself, while writers race, keeping the counters equal to the ledger', async () => {
    // Ledger rows of days long settled, without counters: once they are
    // gone, the counters still equal the ledger. Two months of them get
    // partitions of their own, so that retention drops them whole, a DDL
    // every node runs in the same order (total order isolation). They are
    // seeded before any replica runs retention: a pass between the
    // partitions' change and the insert finds the months empty and drops
    // them, and the rows then land in p_gap, a partition of this test's
    // own making that retention never empties.
    const migrator = await cluster.start(0, {
      LEDGER_RETENTION_INTERVAL_S: '0',
    });
    const first = await cluster.sql(0);
    const [[firstMonth]] = (await first.query(
      `SELECT PARTITION_DESCRIPTION AS bound FROM information_schema.PARTITIONS
WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'messages' AND PARTITION_NAME = 'p_before'`,
    )) as unknown as [[{ bound: string }]];
    await first.query(
      `ALTER TABLE messages REORGANIZE PARTITION p_before INTO (
  PARTITION p_before VALUES LESS THAN ('2020-01-01'),
  PARTITION m202001 VALUES LESS THAN ('2020-02-01'),
  PARTITION m202002 VALUES LESS THAN ('2020-03-01'),
  PARTITION p_gap VALUES LESS THAN (${firstMonth.bound})
)`,
    );
    await first.query(
      `INSERT INTO messages (uuid, customer_id, type, amount_milli, stat_date, received_at)
SELECT UNHEX(REPLACE(UUID(), '-', '')), 9, 'old', 1, IF(seq % 2 = 0, '2020-01-01', '2020-02-29'), '2020-01-01 00:00:00.000' FROM seq_1_to_12000`,
    );
    await first.query(
      "INSERT INTO message_uuids (uuid, stat_date) SELECT uuid, stat_date FROM messages WHERE customer_id = 9 AND type = 'old'",
    );
    migrator.child.kill();
    await exitOf(migrator.child);
    const replicas = await Promise.all(
      NODES.map((node) =>
        cluster.start(node, { LEDGER_RETENTION_INTERVAL_S: '1' }),
      ),
    );
    await expectCleanRaces(
      replicas.map((replica) => replica.base),
      2,
    );
    const old = async (node: number) => {
      const [[row]] = (await (
        await cluster.sql(node)
      ).query(
        `SELECT (SELECT COUNT(*) FROM messages WHERE stat_date < '2021-01-01')
  + (SELECT COUNT(*) FROM message_uuids WHERE stat_date < '2021-01-01') AS n`,
      )) as unknown as [[{ n: number }]];
      return Number(row.n);
    };
    // Within the test's own time, so that a slow removal fails on the
    // expectations below, naming what is left, not on the timeout.
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline && (await old(0)) > 0) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const firstKept = firstKeptDay(new Date(), 400);
    for (const node of NODES) {
      const sql = await cluster.sql(node);
      const [names] = (await sql.query(
        "SELECT PARTITION_NAME AS name FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'messages'",
      )) as unknown as [Array<{ name: string }>];
      expect({
        node,
        monthsLeft: names
          .map((row) => row.name)
          .filter((name) => ['m202001', 'm202002'].includes(name)),
      }).toEqual({ node, monthsLeft: [] });
      const [[horizon]] = (await sql.query(
        "SELECT DATE_FORMAT(first_kept_day, '%Y-%m-%d') AS day FROM ledger_horizon",
      )) as unknown as [[{ day: string }]];
      // The partitions still holding seeded rows: which step did not run.
      const heldIn: Record<string, number> = {};
      for (const { name } of names) {
        const [[row]] = (await sql.query(
          `SELECT COUNT(*) AS n FROM messages PARTITION (${name}) WHERE stat_date < '2021-01-01'`,
        )) as unknown as [[{ n: number }]];
        if (Number(row.n) > 0) heldIn[name] = Number(row.n);
      }
      expect({
        node,
        old: await old(node),
        heldIn,
        // A pass just after midnight UTC may have moved it a day on.
        horizon: horizon.day >= firstKept,
        off: await countersOffTheLedger(sql),
      }).toEqual({ node, old: 0, heldIn: {}, horizon: true, off: [] });
    }
    // Three replicas started, two months seeded, writers raced, then up to
    // 90 s for retention: on a loaded machine more than the default minute.
  }, 180_000);

  it('answers a message counted on one node at once on the others', async () => {
    const bases = (await startAll()).map((replica) => replica.base);
    const missed: string[] = [];
    for (let i = 0; i < 100; i++) {
      const message = aMessage({ customerId: 1 + (i % 3) });
      const writer = i % 3;
      expect(await post(bases[writer], message)).toBe(201);
      for (const reader of NODES.filter((node) => node !== writer)) {
        const response = await fetch(
          `${bases[reader]}/messages/${String(message.uuid)}`,
        );
        if (response.status !== 200) {
          missed.push(
            `${String(message.uuid)} on node ${reader + 1}: ${response.status}`,
          );
        }
      }
    }
    expect(missed).toEqual([]);
  });

  it('loses and doubles nothing acknowledged when a node is killed with kill -9 under load, and counts on it again once it rejoins', async () => {
    const replicas = await startAll();
    const acknowledged = new Set<string>();
    const statuses = NODES.map(() => new Map<string, number>());
    let phase = 'before';
    let writing = true;
    const writers = replicas.flatMap((replica, node) =>
      Array.from({ length: 4 }, async () => {
        while (writing) {
          const message = aMessage({ customerId: 1 + (node % 2) });
          const status = await post(replica.base, message);
          if (status === 201) acknowledged.add(String(message.uuid));
          const key = `${phase} ${status}`;
          statuses[node].set(key, (statuses[node].get(key) ?? 0) + 1);
          if (status !== 201) await new Promise((r) => setTimeout(r, 50));
        }
      }),
    );
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    try {
      await pause(2000);
      phase = 'down';
      await cluster.killNode(2);
      await pause(4000);
      phase = 'rejoining';
      await cluster.restartNode(2);
      phase = 'after';
      await pause(3000);
    } finally {
      // Whatever failed, the writers stop: left running, they kept jest
      // (and a core) busy long after the run had failed.
      writing = false;
      await Promise.all(writers);
    }

    const summary = statuses.map((byStatus) => Object.fromEntries(byStatus));
    // The killed node's replica answers 503 while its node is gone; none
    // answers 500, and every replica counts again at the end.
    for (const [node, byStatus] of summary.entries()) {
      const unexpected = Object.keys(byStatus).filter(
        (key) => !/ (201|503)$/.test(key),
      );
      const errors = replicas[node].output
        .text()
        .split('\n')
        .filter((line) => line.includes('"level":50'))
        .slice(0, 3);
      expect({ node, unexpected, summary, errors }).toEqual({
        node,
        unexpected: [],
        summary,
        errors: [],
      });
      expect({
        node,
        countedAfter: (byStatus['after 201'] ?? 0) > 0,
        summary,
      }).toEqual({
        node,
        countedAfter: true,
        summary,
      });
    }
    for (const node of [0, 1]) {
      expect({
        node,
        countedWhileDown: (summary[node]['down 201'] ?? 0) > 0,
        summary,
      }).toEqual({
        node,
        countedWhileDown: true,
        summary,
      });
    }
    for (const node of NODES) {
      const sql = await cluster.sql(node);
      const [rows] = await sql.query('SELECT uuid FROM messages');
      const stored = new Set(
        (rows as Array<{ uuid: Buffer }>).map((r) => readUuid(r.uuid)),
      );
      const lost = [...acknowledged].filter((uuid) => !stored.has(uuid));
      expect({ node, lost: lost.slice(0, 5), lostCount: lost.length }).toEqual({
        node,
        lost: [],
        lostCount: 0,
      });
      expect({ node, off: await countersOffTheLedger(sql) }).toEqual({
        node,
        off: [],
      });
    }
  });
});
