import { randomUUID } from 'node:crypto';
import { aMessage } from './support/message-factory';
import { useTestApp } from './support/test-app';

describe(`POST /messages/batch (${process.env.E2E_DATABASE})`, () => {
  const t = useTestApp();

  const batch = (body: unknown) =>
    t
      .http()
      .post('/messages/batch')
      .set('content-type', 'application/json')
      .send(JSON.stringify(body));

  async function statsOf(customerId: number): Promise<unknown> {
    const response = await t
      .http()
      .get(`/stats?from=2026-11-25&to=2026-11-25&customerId=${customerId}`)
      .expect(200);
    return response.body.items;
  }

  it('counts every message in one go and answers for each, in order', async () => {
    const messages = [
      aMessage({ customerId: 101, type: 'A', amount: '0.5' }),
      aMessage({ customerId: 101, type: 'B', amount: '1' }),
      aMessage({ customerId: 101, type: 'A', amount: '0.25' }),
    ];

    const response = await batch(messages).expect(200);

    expect(response.body).toEqual({
      results: messages.map((m) => ({ uuid: m.uuid, status: 'counted' })),
    });
    expect(await statsOf(101)).toEqual([
      { customerId: 101, type: 'A', messageCount: 2, totalAmount: '0.750' },
      { customerId: 101, type: 'B', messageCount: 1, totalAmount: '1.000' },
    ]);
  });

  it('counts a uuid once within a batch and against earlier messages, without failing its neighbours', async () => {
    const known = aMessage({ customerId: 102, amount: '1' });
    await t.http().post('/messages').send(known).expect(201);
    const repeated = aMessage({ customerId: 102, amount: '2' });
    const fresh = aMessage({ customerId: 102, amount: '3' });

    const response = await batch([
      { ...known },
      { ...known, amount: '9' },
      repeated,
      {
        ...repeated,
        uuid: String(repeated.uuid).toUpperCase(),
        amount: '2.000',
      },
      { ...repeated, type: 'other' },
      fresh,
    ]).expect(200);

    const results = response.body.results as Array<{ status: string }>;
    expect(results.map((r) => r.status)).toEqual([
      'duplicate',
      'conflict',
      'counted',
      'duplicate',
      'conflict',
      'counted',
    ]);
    expect(await statsOf(102)).toEqual([
      { customerId: 102, type: 'A', messageCount: 3, totalAmount: '6.000' },
    ]);
  });

  it('writes nothing when any message is invalid, and names each by index and field', async () => {
    const before = await t.countRows('messages');

    const response = await batch([
      aMessage(),
      aMessage({ amount: 1.5 }),
      aMessage(),
      'not a message',
      aMessage({ uuid: 'nope', customerId: -1 }),
    ])
      .expect(400)
      .expect('content-type', /application\/problem\+json/);

    expect(response.body.errors).toEqual([
      { field: '[1].amount', message: expect.any(String) },
      { field: '[3]', message: expect.any(String) },
      { field: '[4].customerId', message: expect.any(String) },
      { field: '[4].uuid', message: expect.any(String) },
    ]);
    expect(await t.countRows('messages')).toBe(before);
  });

  it('names a customerId whose text is not an exact integer, and writes nothing', async () => {
    const before = await t.countRows('messages');
    const items = [
      aMessage(),
      { ...aMessage(), customerId: '@' },
      aMessage(),
    ].map((m) => JSON.stringify(m));
    const body = `[${items.join(',')}]`.replace(
      '"customerId":"@"',
      '"customerId":2.9999999999999999',
    );

    const response = await t
      .http()
      .post('/messages/batch')
      .set('content-type', 'application/json')
      .send(body)
      .expect(400);

    expect(response.body.errors).toEqual([
      { field: '[1].customerId', message: expect.any(String) },
    ]);
    expect(await t.countRows('messages')).toBe(before);
  });

  it('names the first 100 invalid messages of a batch of 1000, and writes nothing', async () => {
    const before = await t.countRows('messages');
    const response = await batch(
      Array.from({ length: 1000 }, () => aMessage({ amount: 1 })),
    ).expect(400);

    const named = (response.body.errors as Array<{ field: string }>).map(
      (e) => e.field,
    );
    expect(named).toEqual(
      Array.from({ length: 100 }, (_, i) => `[${i}].amount`),
    );
    expect(await t.countRows('messages')).toBe(before);
  });

  it.each([[{}], [[]], ['text'], [null]])(
    'is a 400 when the body %j is not an array of messages',
    async (body) => {
      const response = await batch(body).expect(400);
      expect(response.body.errors).toEqual([
        { field: 'body', message: expect.any(String) },
      ]);
    },
  );

  it('takes 1000 messages', async () => {
    const messages = Array.from({ length: 1000 }, () =>
      aMessage({ customerId: 103, amount: '0.001' }),
    );
    const response = await batch(messages).expect(200);
    expect(response.body.results).toHaveLength(1000);
    expect(await statsOf(103)).toEqual([
      { customerId: 103, type: 'A', messageCount: 1000, totalAmount: '1.000' },
    ]);
  });

  it('is a 413 with 1001 messages, and writes nothing', async () => {
    const before = await t.countRows('messages');
    const response = await batch(Array.from({ length: 1001 }, () => aMessage()))
      .expect(413)
      .expect('content-type', /application\/problem\+json/);
    expect(response.body.status).toBe(413);
    expect(await t.countRows('messages')).toBe(before);
  });

  it('is a 413 over 1 MiB, and takes a body over the single-message 64 KiB limit', async () => {
    const padded = (size: number) => [aMessage({ padding: 'x'.repeat(size) })];
    await batch(padded(1024 * 1024)).expect(413);
    await batch(padded(100 * 1024)).expect(200);
  });

  it('is documented with its examples and response codes', async () => {
    const document = (await t.http().get('/docs-json').expect(200)).body;
    const operation = document.paths['/messages/batch'].post;
    expect(Object.keys(operation.responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '408',
      '413',
      '415',
      '422',
      '429',
      '431',
      '500',
      '503',
    ]);
    expect(
      operation.requestBody.content['application/json'].examples,
    ).toHaveProperty('batch');
  });

  it('keeps single messages to 64 KiB', async () => {
    await t
      .http()
      .post('/messages')
      .send({
        ...aMessage(),
        uuid: randomUUID(),
        padding: 'x'.repeat(100 * 1024),
      })
      .expect(413);
  });
});
