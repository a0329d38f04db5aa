import { randomUUID } from 'node:crypto';
import { aMessage } from './support/message-factory';
import { createTestApp, useTestApp } from './support/test-app';

const PRODUCER = 'producer-key-0123456789abcdef';
const DASHBOARD = 'dashboard-key-0123456789abcdef';

describe(`API keys (${process.env.E2E_DATABASE})`, () => {
  const t = useTestApp({
    apiKeys: `producer:ingest:${PRODUCER},dashboard:read:${DASHBOARD}`,
  });

  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

  it('refuse a request without a key with a 401 problem that asks for one', async () => {
    const before = await t.countRows('messages');
    const response = await t
      .http()
      .post('/messages')
      .send(aMessage())
      .expect(401)
      .expect('content-type', /application\/problem\+json/)
      .expect('www-authenticate', 'Bearer');
    expect(response.body).toMatchObject({ status: 401, title: 'Unauthorized' });
    expect(await t.countRows('messages')).toBe(before);
  });

  it.each([
    [
      'an unknown bearer key',
      { authorization: 'Bearer nope-not-a-key-at-all' },
    ],
    ['an unknown X-API-Key', { 'x-api-key': `${PRODUCER}x` }],
    ['another scheme', { authorization: `Basic ${PRODUCER}` }],
  ])('refuse %s with a 401 that does not echo it', async (_what, headers) => {
    const response = await t
      .http()
      .get('/stats?from=2026-01-01&to=2026-01-01')
      .set(headers)
      .expect(401);
    expect(JSON.stringify(response.body)).not.toContain(PRODUCER);
  });

  it('let an ingest key write, by either header, and not read', async () => {
    await t
      .http()
      .post('/messages')
      .set(bearer(PRODUCER))
      .send(aMessage())
      .expect(201);
    await t
      .http()
      .post('/messages')
      .set('x-api-key', PRODUCER)
      .send(aMessage())
      .expect(201);
    await t
      .http()
      .post('/messages/batch')
      .set(bearer(PRODUCER))
      .send([aMessage()])
      .expect(200);
    const response = await t
      .http()
      .get('/stats?from=2026-01-01&to=2026-01-01')
      .set(bearer(PRODUCER))
      .expect(403)
      .expect('content-type', /application\/problem\+json/);
    expect(response.body.detail).toContain('read scope');
  });

  it('let a read key read, and not write', async () => {
    const message = aMessage();
    await t
      .http()
      .post('/messages')
      .set(bearer(PRODUCER))
      .send(message)
      .expect(201);
    await t
      .http()
      .get(`/messages/${String(message.uuid)}`)
      .set(bearer(DASHBOARD))
      .expect(200);
    await t
      .http()
      .get('/stats?from=2026-11-25&to=2026-11-25')
      .set(bearer(DASHBOARD))
      .expect(200);
    const before = await t.countRows('messages');
    await t
      .http()
      .post('/messages')
      .set(bearer(DASHBOARD))
      .send(aMessage())
      .expect(403);
    await t
      .http()
      .post('/messages/batch')
      .set(bearer(DASHBOARD))
      .send([aMessage()])
      .expect(403);
    await t
      .http()
      .post(`/messages/${String(message.uuid)}/void`)
      .set(bearer(DASHBOARD))
      .expect(403);
    expect(await t.countRows('messages')).toBe(before);
    expect(
      (
        await t
          .http()
          .get(`/messages/${String(message.uuid)}`)
          .set(bearer(DASHBOARD))
          .expect(200)
      ).body,
    ).not.toHaveProperty('voidedAt');
  });

  it('let an ingest key void a message', async () => {
    const message = aMessage();
    await t
      .http()
      .post('/messages')
      .set(bearer(PRODUCER))
      .send(message)
      .expect(201);
    const voided = await t
      .http()
      .post(`/messages/${String(message.uuid)}/void`)
      .set('x-api-key', PRODUCER)
      .expect(200);
    expect(voided.body.voidedAt).toEqual(expect.any(String));
  });

  it('guard every route the API description marks as secured, those with path parameters too', async () => {
    const document = (await t.http().get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const secured = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, operation]) => (operation.security ?? []).length > 0)
        .map(([method]) => ({
          method,
          path: path.replace(/\{\w+\}/g, randomUUID()),
        })),
    );
    expect(secured.map(({ method, path }) => `${method} ${path}`)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^get \/messages\/[0-9a-f-]{36}$/),
        'get /stats',
        'post /messages',
      ]),
    );
    for (const { method, path } of secured) {
      const methods = method === 'get' ? ['get', 'head'] : [method];
      for (const verb of methods) {
        const response = await t
          .http()
          [verb as 'get' | 'head' | 'post'](path)
          .set('content-type', 'application/json');
        expect({ route: `${verb} ${path}`, status: response.status }).toEqual({
          route: `${verb} ${path}`,
          status: 401,
        });
      }
    }
  });

  it('leave /health and the API description open', async () => {
    await t.http().get('/health').expect(200);
    await t.http().get('/docs').redirects(1).expect(200);
    await t.http().get('/docs-json').expect(200);
    const yaml = await t.http().get('/docs-yaml').expect(200);
    expect(yaml.text).toMatch(/^openapi: 3/);
  });

  it('are declared in OpenAPI, so Swagger UI can authorize', async () => {
    const document = (await t.http().get('/docs-json').expect(200)).body;
    expect(document.components.securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' },
      'api-key': { type: 'apiKey', in: 'header', name: 'X-API-Key' },
    });
    expect(document.paths['/stats'].get.security).toEqual([
      { bearer: [] },
      { 'api-key': [] },
    ]);
    // Said outright: no key, rather than left unsaid.
    expect(document.paths['/health'].get.security).toEqual([]);
  });

  it('come with security headers on every response', async () => {
    const response = await t.http().get('/health').expect(200);
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
    });
    // Plain HTTP: no HSTS unless HSTS_MAX_AGE_S asks for it.
    expect(response.headers['strict-transport-security']).toBeUndefined();
    const behindTls = await createTestApp({ hstsMaxAgeS: 31536000 });
    try {
      await behindTls
        .http()
        .get('/health/live')
        .expect(
          'strict-transport-security',
          'max-age=31536000; includeSubDomains',
        );
    } finally {
      await behindTls.close();
    }
    const docs = await t.http().get('/docs').redirects(1).expect(200);
    expect(docs.headers['content-security-policy']).toContain(
      "default-src 'self'",
    );
  });
});
