import { expectDocumentedProblem } from '../support/documented-problems';
import { aMessage } from '../support/message-factory';
import { TcpProxy } from '../support/tcp-proxy';
import { createTestApp, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** The database goes away or hangs while the service runs; the service answers in time and recovers. */
describe('the service when its database fails (mysql)', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let t: TestApp;

  beforeEach(async () => {
    database = await createTestDatabase();
    if (database.config.type !== 'mysql')
      throw new Error('faults run on MySQL/MariaDB');
    const target = new URL(database.config.url);
    proxy = await new TcpProxy(
      target.hostname,
      Number(target.port || 3306),
    ).start();
    const proxied = new URL(database.config.url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    t = await createTestApp({
      database: { type: 'mysql', url: proxied.toString(), poolSize: 4 },
      queryTimeoutMs: 1500,
    });
    t.clock.set('2026-11-25T12:00:00Z');
    await t
      .http()
      .post('/messages')
      .send(aMessage({ customerId: 77 }))
      .expect(201);
  });

  afterEach(async () => {
    await proxy.restore();
    await t.close();
    await proxy.stop();
    await database.drop();
  });

  async function expectUnavailableInTime(): Promise<void> {
    const started = Date.now();
    const responses = await Promise.all([
      t
        .http()
        .post('/messages')
        .send(aMessage({ customerId: 77 })),
      t.http().get('/stats?from=2026-11-25&to=2026-11-25'),
      t.http().get('/health'),
      t.http().get('/health/ready'),
    ]);
    // The process itself is fine: an orchestrator must not restart it.
    await t.http().get('/health/live').expect(200);
    for (const response of responses) {
      expect(response.status).toBe(503);
      expect(response.headers['content-type']).toMatch(
        /application\/problem\+json/,
      );
      expect(response.headers['retry-after']).toBe('5');
    }
    // Each is the answer the OpenAPI document shows for its route.
    expectDocumentedProblem('POST', '/messages', responses[0]);
    expectDocumentedProblem('GET', '/stats', responses[1]);
    expectDocumentedProblem('GET', '/health', responses[2]);
    expectDocumentedProblem('GET', '/health/ready', responses[3]);
    expect(Date.now() - started).toBeLessThan(6000);
  }

  async function expectRecovery(): Promise<void> {
    const started = Date.now();
    for (;;) {
      const response = await t
        .http()
        .post('/messages')
        .send(aMessage({ customerId: 77 }));
      if (response.status === 201) break;
      expect(response.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(15000);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await t.http().get('/health').expect(200);
    await t.http().get('/health/ready').expect(200);
    const stats = await t
      .http()
      .get('/stats?from=2026-11-25&to=2026-11-25&customerId=77')
      .expect(200);
    expect(stats.body.items[0].messageCount).toBeGreaterThanOrEqual(2);
  }

  it('answers 503 quickly while the database refuses, and recovers by itself', async () => {
    await proxy.refuse();
    await expectUnavailableInTime();
    await proxy.restore();
    await expectRecovery();
  });

  it('answers 503 in time while the database hangs, and recovers by itself', async () => {
    proxy.hang();
    await expectUnavailableInTime();
    await proxy.restore();
    await expectRecovery();
  });
});
