import { aMessage } from './support/message-factory';
import { useTestApp } from './support/test-app';

const PRODUCER = 'producer-key-0123456789abcdef';
const DASHBOARD = 'dashboard-key-0123456789abcdef';
const OPS = 'ops-key-0123456789abcdef';
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe(`rate limits (${process.env.E2E_DATABASE})`, () => {
  const t = useTestApp({
    apiKeys: `producer:ingest:${PRODUCER},dashboard:read:${DASHBOARD},ops:ingest+read:${OPS}`,
    rateLimits: 'read=2/m,ops=3/m',
  });

  const stats = (key: string) =>
    t.http().get('/stats?from=2026-01-01&to=2026-01-01').set(bearer(key));

  it('answer a key past its limit with a 429 problem and Retry-After, and leave other scopes alone', async () => {
    await stats(DASHBOARD).expect(200);
    await stats(DASHBOARD).expect(200);

    const limited = await stats(DASHBOARD)
      .expect(429)
      .expect('content-type', /^application\/problem\+json/);

    // 2 a minute: the next request is allowed 30 s later.
    expect(limited.headers['retry-after']).toBe('30');
    expect(limited.body).toMatchObject({
      type: 'urn:message-stats:problem:rate-limited',
      status: 429,
      detail: expect.stringContaining('"dashboard"'),
      requestId: limited.headers['x-request-id'],
    });
    for (let i = 0; i < 5; i++) {
      await t
        .http()
        .post('/messages')
        .set(bearer(PRODUCER))
        .send(aMessage())
        .expect(201);
    }
  });

  it("hold a key to a limit of its own, over all of its routes, instead of its scopes'", async () => {
    await t
      .http()
      .post('/messages')
      .set(bearer(OPS))
      .send(aMessage())
      .expect(201);
    await stats(OPS).expect(200);
    await stats(OPS).expect(200);

    await t
      .http()
      .post('/messages')
      .set(bearer(OPS))
      .send(aMessage())
      .expect(429);
    await stats(OPS).expect(429);
  });

  it('refuse a request before reading its body', async () => {
    const before = await t.countRows('messages');
    await t
      .http()
      .post('/messages')
      .set('content-type', 'application/json')
      .send('{"this is not": JSON')
      .expect(401);
    expect(await t.countRows('messages')).toBe(before);
  });
});
