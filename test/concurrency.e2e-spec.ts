import { randomUUID } from 'node:crypto';
import { mapConcurrently } from './support/concurrently';
import { aMessage } from './support/message-factory';
import { useTestApp } from './support/test-app';

describe(`concurrent requests (${process.env.E2E_DATABASE})`, () => {
  const t = useTestApp({}, () => {
    t.clock.set('2026-11-25T12:00:00.000Z');
  });

  it('lose no increment when 500 POSTs race for one counter', async () => {
    const responses = await mapConcurrently(
      Array.from({ length: 500 }, () =>
        aMessage({ customerId: 42, type: 'hot', amount: '0.001' }),
      ),
      64,
      (message) => t.http().post('/messages').send(message),
    );

    expect(responses.map((r) => r.status)).toEqual(Array(500).fill(201));
    const stats = await t
      .http()
      .get('/stats?from=2026-11-25&to=2026-11-25&customerId=42');
    expect(stats.body.items).toEqual([
      { customerId: 42, type: 'hot', messageCount: 500, totalAmount: '0.500' },
    ]);
  });

  it('count one uuid once when 50 copies race', async () => {
    const message = aMessage({
      customerId: 43,
      uuid: randomUUID(),
      amount: '2.5',
    });

    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        t.http().post('/messages').send(message),
      ),
    );

    const statuses = responses.map((r) => r.status).sort((a, b) => a - b);
    expect(statuses).toEqual([...Array<number>(49).fill(200), 201]);
    const stats = await t
      .http()
      .get('/stats?from=2026-11-25&to=2026-11-25&customerId=43');
    expect(stats.body.items).toEqual([
      { customerId: 43, type: 'A', messageCount: 1, totalAmount: '2.500' },
    ]);
  });
});
