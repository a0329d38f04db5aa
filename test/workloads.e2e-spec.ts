import { connect, Socket } from 'node:net';
import { expectDocumentedProblem } from './support/documented-problems';
import { aMessage } from './support/message-factory';
import { parseRawResponse } from './support/raw-http';
import { createTestApp, useTestApp } from './support/test-app';

/** Starts a batch request whose body stops halfway, so it holds its turn. */
function startSlowBatch(baseUrl: string): {
  socket: Socket;
  finish(): Promise<number>;
} {
  const { hostname, port } = new URL(baseUrl);
  const body = JSON.stringify([aMessage({ customerId: 90 })]);
  const socket = connect(Number(port), hostname);
  let answer = '';
  socket.on('data', (chunk) => (answer += chunk.toString()));
  const closed = new Promise<void>((resolve) => socket.on('close', resolve));
  socket.write(
    `POST /messages/batch HTTP/1.1\r\nHost: x\r\nConnection: close\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n` +
      body.slice(0, 10),
  );
  return {
    socket,
    async finish() {
      socket.write(body.slice(10));
      await closed;
      return parseRawResponse(answer).status;
    },
  };
}

describe(`workloads (${process.env.E2E_DATABASE})`, () => {
  const t = useTestApp({
    workloads: { batch: { concurrency: 1, queueLimit: 1, maxWaitMs: 5000 } },
  });

  const batch = () =>
    t
      .http()
      .post('/messages/batch')
      .send([aMessage({ customerId: 91 })]);

  async function until(condition: () => boolean): Promise<void> {
    while (!condition())
      await new Promise((resolve) => setTimeout(resolve, 10));
  }

  it('queue batches beyond their share, refuse them past the queue, and keep single messages and health apart', async () => {
    const slow = startSlowBatch(t.baseUrl);
    // The slow batch holds the only turn; the next one waits for it...
    await new Promise((resolve) => setTimeout(resolve, 200));
    let queuedStatus: number | undefined;
    const queued = batch().then((r) => (queuedStatus = r.status));

    // ...and one more finds the queue full: a 503 problem at once.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const refused = await batch()
      .expect(503)
      .expect('content-type', /^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      type: 'urn:message-stats:problem:busy',
      detail: expect.stringContaining('POST /messages/batch'),
    });
    expect(refused.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expectDocumentedProblem('POST', '/messages/batch', refused);

    // Single messages and readiness do not wait for batches.
    await t.http().post('/messages').send(aMessage()).expect(201);
    await t.http().get('/health/ready').expect(200);
    expect(queuedStatus).toBeUndefined();

    expect(await slow.finish()).toBe(200);
    await queued;
    expect(queuedStatus).toBe(200);
  });

  it('give a waiting batch up after WORKLOAD_MAX_WAIT_MS, and its turn back when its caller leaves', async () => {
    const impatient = await createTestApp({
      workloads: { batch: { concurrency: 1, queueLimit: 5, maxWaitMs: 300 } },
    });
    try {
      const slow = startSlowBatch(impatient.baseUrl);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const started = Date.now();
      await impatient
        .http()
        .post('/messages/batch')
        .send([aMessage()])
        .expect(503);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);

      // The slow client goes away: its turn is free again.
      slow.socket.destroy();
      await until(() => slow.socket.destroyed);
      await impatient
        .http()
        .post('/messages/batch')
        .send([aMessage()])
        .expect(200);
    } finally {
      await impatient.close();
    }
  });
});
