import { randomUUID } from 'node:crypto';
import { Connection, createConnection } from 'mysql2/promise';
import { insertMysqlLedgerRow } from './support/ledger-rows';
import { aMessage } from './support/message-factory';
import { createTestApp, TestApp } from './support/test-app';

// Deadlocks are an InnoDB matter: SQLite runs each transaction whole, alone.
/** A row of the other writer's, on the day the service counts on. */
const otherRow = (uuid: string) => ({
  uuid,
  customerId: 9,
  type: 'X',
  amountMilli: 1,
  statDate: '2026-11-25',
  receivedAt: '2026-11-25 12:00:00.000',
});

const describeMysql =
  process.env.E2E_DATABASE === 'mysql' ? describe : describe.skip;

describeMysql('a transaction that loses a deadlock (mysql)', () => {
  let t: TestApp;
  let other: Connection;

  const url = () => (t.dataSource.options as { url: string }).url;

  beforeAll(async () => {
    t = await createTestApp();
    other = await createConnection({ uri: url() });
  });

  afterAll(async () => {
    await other.end();
    await t.close();
  });

  async function lockWaits(): Promise<number> {
    const [rows] = await other.query(
      "SELECT COUNT(*) AS n FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT'",
    );
    return Number((rows as Array<{ n: unknown }>)[0].n);
  }

  // InnoDB refreshes the cache behind innodb_trx and its lock tables only
  // once it has not been read for 0.1 s: every read waits longer than that.
  const pause = () => new Promise((resolve) => setTimeout(resolve, 150));

  /** The InnoDB transaction id of a connection's open transaction. */
  async function transactionOf(connection: Connection): Promise<string> {
    for (;;) {
      await pause();
      const [rows] = await connection.query(
        'SELECT trx_id FROM information_schema.innodb_trx WHERE trx_mysql_thread_id = CONNECTION_ID()',
      );
      const [row] = rows as Array<{ trx_id: unknown }>;
      if (row) return String(row.trx_id);
    }
  }

  /** True while a transaction waits for a lock this transaction holds. */
  async function waitsFor(transaction: string): Promise<boolean> {
    await pause();
    // MariaDB lists lock waits in information_schema, MySQL 8 in sys.
    const [rows] = await other
      .query('SELECT blocking_trx_id FROM information_schema.innodb_lock_waits')
      .catch(() =>
        other.query('SELECT blocking_trx_id FROM sys.innodb_lock_waits'),
      );
    return (rows as Array<{ blocking_trx_id: unknown }>).some(
      (row) => String(row.blocking_trx_id) === transaction,
    );
  }

  it('is retried, and the message is counted exactly once', async () => {
    t.clock.set('2026-11-25T12:00:00.000Z');
    await t
      .http()
      .post('/messages')
      .send(aMessage({ customerId: 9, amount: '1' }))
      .expect(201);
    const uuid = randomUUID();

    // Another writer, made the heavier transaction so InnoDB picks the
    // service's as the deadlock victim: it holds the counter row...
    await other.query('START TRANSACTION');
    for (let i = 0; i < 50; i++) {
      await insertMysqlLedgerRow(other, otherRow(randomUUID()));
    }
    await other.query(
      "SELECT * FROM daily_statistics WHERE customer_id = 9 AND type = 'A' FOR UPDATE",
    );

    // ...the service inserts the ledger row, then waits for the counter...
    const pending = t
      .http()
      .post('/messages')
      .send(aMessage({ uuid, customerId: 9, amount: '2' }));
    const response = pending.then((r) => r);
    // InnoDB refreshes innodb_trx at most every 0.1 s: poll slower than that.
    while ((await lockWaits()) === 0) {
      await new Promise((resolve) => setTimeout(resolve, 150));
    }

    // ...and the other writer now wants the service's ledger row: a deadlock.
    await insertMysqlLedgerRow(other, otherRow(uuid));
    await other.query('ROLLBACK');

    const result = await response;
    expect(result.status).toBe(201);
    expect(result.body).toEqual({ uuid, status: 'counted' });
    const stats = await t
      .http()
      .get('/stats?from=2026-11-25&to=2026-11-25&customerId=9');
    expect(stats.body.items).toEqual([
      { customerId: 9, type: 'A', messageCount: 2, totalAmount: '3.000' },
    ]);
    expect(await t.countRows('messages')).toBe(2);
  });

  it('answers a batch whose uuids other transactions keep inserting, one after another', async () => {
    t.clock.set('2026-11-25T12:00:00.000Z');
    const racing = Array.from({ length: 6 }, () => randomUUID()).sort();
    const messages = [
      ...racing.map((uuid) => aMessage({ uuid, customerId: 11, amount: '1' })),
      aMessage({ customerId: 11, amount: '1' }),
    ];
    // Each racing uuid is inserted, uncommitted, by a writer of its own.
    const writers = await Promise.all(
      racing.map(() => createConnection({ uri: url() })),
    );
    try {
      const transactions: string[] = [];
      for (const [i, writer] of writers.entries()) {
        await writer.query('START TRANSACTION');
        await insertMysqlLedgerRow(writer, {
          uuid: racing[i],
          customerId: 11,
          type: 'A',
          amountMilli: 1000,
          statDate: '2026-11-25',
          receivedAt: '2026-11-25 11:00:00.000',
        });
        transactions.push(await transactionOf(writer));
      }
      const response = t.http().post('/messages/batch').send(messages);
      const answered = response.then((r) => r);

      // The batch inserts in uuid order, so it waits for each writer in
      // turn; each commits while the batch waits for it, so every attempt
      // meets a uuid that was not there when it looked.
      for (const [i, writer] of writers.entries()) {
        while (!(await waitsFor(transactions[i]))) {
          // until the batch reaches this writer's row
        }
        await writer.query('COMMIT');
      }

      const result = await answered;
      expect({ status: result.status, body: result.body }).toEqual({
        status: 200,
        body: {
          results: messages.map((m, i) => ({
            uuid: m.uuid,
            status: i < racing.length ? 'duplicate' : 'counted',
          })),
        },
      });
      const stats = await t
        .http()
        .get('/stats?from=2026-11-25&to=2026-11-25&customerId=11');
      // The writers wrote ledger rows only; the batch counted its one new message.
      expect(stats.body.items).toEqual([
        { customerId: 11, type: 'A', messageCount: 1, totalAmount: '1.000' },
      ]);
    } finally {
      await Promise.all(writers.map((writer) => writer.end()));
    }
  });
});
