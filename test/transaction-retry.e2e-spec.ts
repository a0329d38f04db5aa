import { randomUUID } from 'node:crypto';
import { Connection, createConnection } from 'mysql2/promise';
import { aMessage } from './support/message-factory';
import { createTestApp, TestApp } from './support/test-app';

// Deadlocks are an InnoDB matter: SQLite runs each transaction whole, alone.
const describeMysql =
  process.env.E2E_DATABASE === 'mysql' ? describe : describe.skip;

describeMysql('a transaction that loses a deadlock (mysql)', () => {
  let t: TestApp;
  let other: Connection;

  beforeAll(async () => {
    t = await createTestApp();
    const options = t.dataSource.options as { url: string };
    other = await createConnection({ uri: options.url });
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
      await other.query(
        "INSERT INTO messages VALUES (?, 9, 'X', 1, '2026-11-25', '2026-11-25 12:00:00.000')",
        [randomUUID()],
      );
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
    await other.query(
      "INSERT INTO messages VALUES (?, 9, 'X', 1, '2026-11-25', '2026-11-25 12:00:00.000')",
      [uuid],
    );
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
});
