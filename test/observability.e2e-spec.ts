import { aMessage } from './support/message-factory';
import { createTestApp, TestApp, useTestApp } from './support/test-app';

describe(`request ids and metrics (${process.env.E2E_DATABASE})`, () => {
  const t = useTestApp();

  describe('the request id', () => {
    it('is made for each request and sent back in X-Request-Id', async () => {
      const first = await t.http().get('/health').expect(200);
      const second = await t.http().get('/health').expect(200);
      expect(first.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(second.headers['x-request-id']).not.toBe(
        first.headers['x-request-id'],
      );
    });

    it("is the caller's own X-Request-Id when it is a sane token, and is in error bodies", async () => {
      const response = await t
        .http()
        .post('/messages')
        .set('x-request-id', 'trace-42.abc:7')
        .send({ customerId: 'x' })
        .expect(400);
      expect(response.headers['x-request-id']).toBe('trace-42.abc:7');
      expect(response.body.requestId).toBe('trace-42.abc:7');
    });

    it.each([['has spaces'], ['x'.repeat(129)], ['new\\nline']])(
      'is replaced when the caller sends %j',
      async (id) => {
        const response = await t
          .http()
          .get('/health')
          .set('x-request-id', id)
          .expect(200);
        expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      },
    );
  });

  describe('GET /metrics', () => {
    // An app of its own, so the counts are this test's alone.
    let m: TestApp;

    beforeAll(async () => {
      m = await createTestApp();
    });

    afterAll(async () => {
      await m.close();
    });

    it('counts messages by outcome, times requests by route, and counts database trouble', async () => {
      const message = aMessage();
      await m.http().post('/messages').send(message).expect(201);
      await m.http().post('/messages').send(message).expect(200);
      await m
        .http()
        .post('/messages')
        .send({ ...message, amount: '9' })
        .expect(409);
      await m
        .http()
        .post('/messages')
        .send({ ...message, amount: 9 })
        .expect(400);
      await m
        .http()
        .post('/messages/batch')
        .send([aMessage(), aMessage()])
        .expect(200);

      const response = await m
        .http()
        .get('/metrics')
        .expect(200)
        .expect('content-type', /^text\/plain; version=0\.0\.4/);

      const metrics = response.text;
      expect(metrics).toContain(
        'message_stats_messages_total{outcome="counted"} 3',
      );
      expect(metrics).toContain(
        'message_stats_messages_total{outcome="duplicate"} 1',
      );
      expect(metrics).toContain(
        'message_stats_messages_total{outcome="conflict"} 1',
      );
      expect(metrics).toContain(
        'message_stats_messages_total{outcome="invalid"} 1',
      );
      expect(metrics).toMatch(
        /message_stats_http_request_duration_seconds_count\{method="POST",route="\/messages",status="201"\} 1/,
      );
      expect(metrics).toContain('message_stats_transaction_retries_total 0');
      expect(metrics).toContain(
        '# TYPE message_stats_database_errors_total counter',
      );
      // Under their standard names, as stock Node.js dashboards expect them.
      expect(metrics).toMatch(/^process_resident_memory_bytes \d/m);
      expect(metrics).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
      expect(metrics).not.toMatch(/^message_stats_(process|nodejs)_/m);
      if (process.env.E2E_DATABASE === 'mysql') {
        expect(metrics).toMatch(
          /message_stats_database_pool_connections\{state="open"\} \d+/,
        );
      }
    });
  });
});
