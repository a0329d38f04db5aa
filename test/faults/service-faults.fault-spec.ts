import { Connection, createConnection } from 'mysql2/promise';
import { uuidBytes } from '../../src/database/mysql/mysql-uuid';
import { readUuid } from '../../src/database/repositories/sql-values';
import { formatMilli, modelOf, sendAll } from '../support/load';
import { aMessage, WireMessage } from '../support/message-factory';
import { useFaultDatabase } from '../support/fault-database';
import { exitOf } from '../support/service-process';

/**
 * Real processes, killed for real, on the real MariaDB: what got a 2xx is
 * counted, and sending everything again counts the rest exactly once.
 */
describe('the service under faults (mysql)', () => {
  const database = useFaultDatabase();
  const start = (env?: Record<string, string>) => database.start(env);
  let sql: Connection | undefined;

  afterEach(async () => {
    await sql?.end();
    sql = undefined;
  });

  async function ledgerHas(uuids: string[]): Promise<Set<string>> {
    sql ??= await createConnection({ uri: database.url });
    if (uuids.length === 0) return new Set();
    const [rows] = await sql.query(
      'SELECT m.uuid FROM message_uuids u JOIN messages m ON m.stat_date = u.stat_date AND m.uuid = u.uuid WHERE u.uuid IN (?)',
      [uuids.map(uuidBytes)],
    );
    return new Set(
      (rows as Array<{ uuid: Buffer }>).map((row) => readUuid(row.uuid)),
    );
  }

  async function expectCountedExactlyOnce(
    base: string,
    messages: WireMessage[],
  ): Promise<void> {
    const response = await fetch(
      `${base}/stats?from=2000-01-01&to=2100-12-31&limit=10000`,
    );
    const body = (await response.json()) as {
      items: Array<{
        customerId: number;
        type: string;
        messageCount: number;
        totalAmount: string;
      }>;
    };
    const model = modelOf(messages);
    expect(body.items).toHaveLength(model.size);
    for (const item of body.items) {
      const want = model.get(`${item.customerId}/${item.type}`)!;
      expect({
        key: `${item.customerId}/${item.type}`,
        count: item.messageCount,
        total: item.totalAmount,
      }).toEqual({
        key: `${item.customerId}/${item.type}`,
        count: want.messageCount,
        total: formatMilli(want.milli),
      });
    }
    sql ??= await createConnection({ uri: database.url });
    const [rows] = await sql.query('SELECT COUNT(*) AS n FROM messages');
    expect(Number((rows as Array<{ n: unknown }>)[0].n)).toBe(messages.length);
  }

  const workload = (size: number) =>
    Array.from({ length: size }, (_, i) =>
      aMessage({
        customerId: 1 + (i % 17),
        type: ['A', 'B', 'c'][i % 3],
        amount: `${i % 50}.${i % 1000}`,
      }),
    );

  async function resendAll(
    base: string,
    messages: WireMessage[],
    counted: Set<string>,
  ): Promise<void> {
    const again = await sendAll([base], messages, 32).done;
    for (const message of messages) {
      const uuid = String(message.uuid);
      expect({ uuid, status: again.get(uuid) }).toEqual({
        uuid,
        status: counted.has(uuid) ? 200 : 201,
      });
    }
  }

  it('kill -9 under load: every 2xx was committed, and a resend counts the rest once', async () => {
    const messages = workload(3000);
    const first = await start();
    const load = sendAll([first.base], messages, 32);
    while (load.answered() < 400)
      await new Promise((resolve) => setTimeout(resolve, 10));

    first.child.kill('SIGKILL');
    const outcomes = await load.done;

    const acknowledged = [...outcomes]
      .filter(([, o]) => o === 200 || o === 201)
      .map(([uuid]) => uuid);
    expect(acknowledged.length).toBeGreaterThanOrEqual(400);
    expect(
      [...outcomes.values()].filter((o) => typeof o === 'number' && o >= 500),
    ).toEqual([]);
    const committed = await ledgerHas(messages.map((m) => String(m.uuid)));
    expect(acknowledged.filter((uuid) => !committed.has(uuid))).toEqual([]);

    const second = await start();
    await resendAll(second.base, messages, committed);
    await expectCountedExactlyOnce(second.base, messages);
  });

  it('SIGTERM under load: in-flight requests get their answer, nothing is lost', async () => {
    const messages = workload(2000);
    const first = await start();
    const exited = exitOf(first.child);
    const load = sendAll([first.base], messages, 32);
    while (load.answered() < 300)
      await new Promise((resolve) => setTimeout(resolve, 10));

    first.child.kill('SIGTERM');
    const outcomes = await load.done;
    expect(await exited).toBe('SIGTERM');

    // After SIGTERM new connections are refused ('failed'); no request gets an error status.
    expect(
      [...outcomes.values()].filter((o) => o !== 201 && o !== 'failed'),
    ).toEqual([]);
    const acknowledged = [...outcomes]
      .filter(([, o]) => o === 201)
      .map(([uuid]) => uuid);
    const committed = await ledgerHas(messages.map((m) => String(m.uuid)));
    expect(acknowledged.filter((uuid) => !committed.has(uuid))).toEqual([]);

    const second = await start();
    await resendAll(second.base, messages, committed);
    await expectCountedExactlyOnce(second.base, messages);
  });

  it('two processes on one database: cross-process duplicates count once', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    const messages = workload(1000);
    // Every message goes to both processes at once, in opposite orders.
    const [viaA, viaB] = await Promise.all([
      sendAll([a.base], messages, 16).done,
      sendAll([b.base], [...messages].reverse(), 16).done,
    ]);

    for (const message of messages) {
      const uuid = String(message.uuid);
      const statuses = [viaA.get(uuid), viaB.get(uuid)].sort();
      expect({ uuid, statuses }).toEqual({ uuid, statuses: [200, 201] });
    }
    await expectCountedExactlyOnce(a.base, messages);
  });

  it('lock contention: writers blocked on a locked counter time out, retry and count once', async () => {
    const env = { DATABASE_LOCK_WAIT_TIMEOUT_S: '1' };
    const [a, b] = await Promise.all([start(env), start(env)]);
    const messages = Array.from({ length: 600 }, (_, i) =>
      aMessage({ customerId: 7, type: 'hot', amount: `${i}.${i % 1000}` }),
    );
    const [first, ...rest] = messages;
    expect(
      (await sendAll([a.base], [first], 1).done).get(String(first.uuid)),
    ).toBe(201);

    // Another transaction holds the one counter all the writers need,
    // longer than a lock wait, so every writer times out at least once.
    const locker = await createConnection({ uri: database.url });
    try {
      await locker.query('START TRANSACTION');
      await locker.query(
        'SELECT * FROM daily_statistics WHERE customer_id = 7 FOR UPDATE',
      );
      const load = sendAll([a.base, b.base], rest, 64);
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(load.answered()).toBe(0);
      await locker.query('COMMIT');

      const outcomes = await load.done;
      expect([...new Set(outcomes.values())]).toEqual([201]);
    } finally {
      await locker.end();
    }
    for (const { base } of [a, b]) {
      const metrics = await (await fetch(`${base}/metrics`)).text();
      const retries = /^message_stats_transaction_retries_total (\d+)$/m.exec(
        metrics,
      );
      expect(Number(retries?.[1])).toBeGreaterThan(0);
    }
    await expectCountedExactlyOnce(a.base, messages);
  });
});
