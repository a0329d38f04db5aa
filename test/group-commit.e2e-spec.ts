import { randomUUID } from 'node:crypto';
import { mapConcurrently } from './support/concurrently';
import { formatMilli, modelOf } from './support/load';
import { aMessage, WireMessage } from './support/message-factory';
import { useTestApp } from './support/test-app';

describe(`group commit (${process.env.E2E_DATABASE})`, () => {
  const t = useTestApp({}, () => {
    t.clock.set('2026-11-25T12:00:00.000Z');
  });

  const post = (message: WireMessage) =>
    t.http().post('/messages').send(message);

  it('loses nothing when 2000 POSTs race over many counters', async () => {
    const messages = Array.from({ length: 2000 }, (_, i) =>
      aMessage({
        customerId: 1000 + (i % 40),
        type: ['A', 'B', 'C'][i % 3],
        amount: `${i % 7}.${i % 1000}`,
      }),
    );
    const expected = modelOf(messages);

    // Bounded, so that a loaded machine sees 64 connections, not 2000.
    const responses = await mapConcurrently(messages, 64, post);

    expect(responses.filter((r) => r.status !== 201)).toEqual([]);
    const stats = await t
      .http()
      .get('/stats?from=2026-11-25&to=2026-11-25&limit=10000');
    const actual = (
      stats.body.items as Array<{
        customerId: number;
        type: string;
        messageCount: number;
        totalAmount: string;
      }>
    )
      .filter((item) => item.customerId >= 1000 && item.customerId < 1040)
      .map((item) => [`${item.customerId}/${item.type}`, item]);
    expect(actual).toHaveLength(expected.size);
    for (const [key, item] of actual as Array<
      [string, { messageCount: number; totalAmount: string }]
    >) {
      const want = expected.get(key)!;
      expect(item.messageCount).toBe(want.messageCount);
      expect(item.totalAmount).toBe(formatMilli(want.milli));
    }
  });

  it('counts each uuid once when copies race inside and across batches', async () => {
    const originals = Array.from({ length: 20 }, () =>
      aMessage({ customerId: 2000, amount: '1' }),
    );
    const singles = originals.flatMap((m) =>
      Array.from({ length: 5 }, () => post(m)),
    );
    const batches = Array.from({ length: 4 }, () =>
      t
        .http()
        .post('/messages/batch')
        .send([...originals, ...originals]),
    );

    const [singleResponses, batchResponses] = await Promise.all([
      Promise.all(singles),
      Promise.all(batches),
    ]);

    const counted = new Map<string, number>();
    for (const r of singleResponses) {
      expect([200, 201]).toContain(r.status);
      if (r.status === 201)
        counted.set(r.body.uuid, (counted.get(r.body.uuid) ?? 0) + 1);
    }
    for (const r of batchResponses) {
      expect(r.status).toBe(200);
      for (const result of r.body.results as Array<{
        uuid: string;
        status: string;
      }>) {
        expect(['counted', 'duplicate']).toContain(result.status);
        if (result.status === 'counted')
          counted.set(result.uuid, (counted.get(result.uuid) ?? 0) + 1);
      }
    }
    expect([...counted.values()]).toEqual(Array(20).fill(1));
    const stats = await t
      .http()
      .get('/stats?from=2026-11-25&to=2026-11-25&customerId=2000');
    expect(stats.body.items).toEqual([
      { customerId: 2000, type: 'A', messageCount: 20, totalAmount: '20.000' },
    ]);
  });

  it('answers a conflict in a batch with 409 and counts its neighbours', async () => {
    const known = aMessage({ customerId: 3000, amount: '1' });
    await post(known).expect(201);
    const neighbours = Array.from({ length: 200 }, () =>
      aMessage({ customerId: 3000, amount: '0.5' }),
    );
    const conflicts = Array.from({ length: 5 }, () => ({
      ...known,
      amount: '9',
    }));

    // Concurrent and spread among the neighbours, so the conflicts share
    // transactions with them.
    const sent = neighbours.flatMap((m, i) =>
      i % 40 === 20 ? [m, conflicts[(i - 20) / 40]] : [m],
    );
    const responses = await mapConcurrently(sent, 64, post);

    const statusOf = (m: WireMessage) => responses[sent.indexOf(m)].status;
    expect(neighbours.map(statusOf)).toEqual(Array(200).fill(201));
    for (const conflict of conflicts) {
      const response = responses[sent.indexOf(conflict)];
      expect(response.status).toBe(409);
      expect(response.headers['content-type']).toMatch(
        /^application\/problem\+json/,
      );
    }
    const stats = await t
      .http()
      .get('/stats?from=2026-11-25&to=2026-11-25&customerId=3000');
    expect(stats.body.items).toEqual([
      {
        customerId: 3000,
        type: 'A',
        messageCount: 201,
        totalAmount: '101.000',
      },
    ]);
  });

  it('answers a lone request promptly', async () => {
    const started = Date.now();
    await post(aMessage({ uuid: randomUUID() })).expect(201);
    // Loose on purpose: the benchmark measures latency; this only catches a stuck batch.
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
