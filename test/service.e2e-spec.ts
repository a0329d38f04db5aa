import { createServer, Server, Socket } from 'node:net';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { aMessage } from './support/message-factory';
import { createTestApp, TestApp, useTestApp } from './support/test-app';

describe(`the service (${process.env.E2E_DATABASE})`, () => {
  const t = useTestApp();

  it('says it is live, ready and healthy when the database answers', async () => {
    await t.http().get('/health/live').expect(200, { status: 'ok' });
    await t.http().get('/health/ready').expect(200, { status: 'ok' });
    await t.http().get('/health').expect(200, { status: 'ok' });
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await t
      .http()
      .get('/nowhere')
      .expect(404)
      .expect('content-type', /application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 404, instance: '/nowhere' });
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await t.http().get('/docs').redirects(1).expect(200);
    expect(response.text).toContain('swagger-ui');
  });

  describe('the OpenAPI document at /docs-json', () => {
    // The document is JSON read back from the service, probed path by path.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let document: any;

    beforeAll(async () => {
      document = (await t.http().get('/docs-json').expect(200)).body;
    });

    it('is OpenAPI 3 with every route', () => {
      expect(document.openapi).toMatch(/^3\./);
      expect(Object.keys(document.paths).sort()).toEqual([
        '/health',
        '/health/live',
        '/health/ready',
        '/messages',
        '/messages/batch',
        '/messages/{uuid}',
        '/messages/{uuid}/void',
        '/metrics',
        '/stats',
      ]);
    });

    it('lists every response code of POST /messages, errors as problem+json', () => {
      const responses = document.paths['/messages'].post.responses;
      expect(Object.keys(responses).sort()).toEqual([
        '200',
        '201',
        '400',
        '401',
        '403',
        '408',
        '409',
        '413',
        '415',
        '422',
        '429',
        '431',
        '500',
        '503',
      ]);
      expect(responses['409'].content).toHaveProperty([
        'application/problem+json',
      ]);
    });

    it('describes the message from the DTO, with examples', () => {
      const message = document.components.schemas.IngestMessageDto as {
        required: string[];
        properties: Record<string, Record<string, unknown>>;
      };
      expect(message.required.sort()).toEqual(['amount', 'customerId', 'uuid']);
      expect(message.properties.type).toMatchObject({
        type: 'string',
        default: '',
      });
      expect(message.properties.amount).toMatchObject({
        type: 'string',
        example: '0.012',
      });
      expect(message.properties.customerId).toMatchObject({
        type: 'integer',
        example: 1,
      });
      expect(message.properties.uuid).toMatchObject({
        format: 'uuid',
        example: 'a596b362-08be-419f-8070-9c3055566e7c',
      });
      expect(message.properties.customerId.format).toBe('int64');
      expect(message.properties.type.maxLength).toBe(64);
      expect(
        new RegExp(message.properties.amount.pattern as string).test('0.012'),
      ).toBe(true);
      expect(message.properties.type.default).toBe('');
    });

    it('lists every parameter of GET /stats and GET /messages/{uuid}', () => {
      const names = (path: string) =>
        (document.paths[path].get.parameters as Array<{ name: string }>)
          .map((p) => p.name)
          .sort();
      expect(names('/stats')).toEqual([
        'cursor',
        'customerId',
        'from',
        'groupBy',
        'limit',
        'timeZone',
        'to',
        'type',
      ]);
      expect(names('/messages/{uuid}')).toEqual(['uuid']);
      const stats = document.paths['/stats'].get.parameters as Array<{
        name: string;
        required: boolean;
      }>;
      expect(
        stats
          .filter((p) => p.required)
          .map((p) => p.name)
          .sort(),
      ).toEqual(['from', 'to']);
      expect(
        Object.keys(document.paths['/stats'].get.responses).sort(),
      ).toEqual([
        '200',
        '400',
        '401',
        '403',
        '408',
        '422',
        '429',
        '431',
        '500',
        '503',
      ]);
    });
  });
});

// Only a server can go away: cut a TCP proxy between the service and MariaDB.
const describeMysql =
  process.env.E2E_DATABASE === 'mysql' ? describe : describe.skip;

describeMysql('the service when its database goes away (mysql)', () => {
  let database: TestDatabase;
  let proxy: Server;
  const sockets = new Set<Socket>();
  let t: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    if (database.config.type !== 'mysql') throw new Error('mysql only');
    const target = new URL(database.config.url);
    proxy = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(Number(target.port || 3306), target.hostname);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxied = new URL(database.config.url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String((proxy.address() as { port: number }).port);
    t = await createTestApp({
      database: { type: 'mysql', url: proxied.toString(), poolSize: 4 },
    });
  });

  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  it('answers 503 problems with Retry-After, quickly, and readiness says 503 while liveness stays 200', async () => {
    await t.http().post('/messages').send(aMessage()).expect(201);
    await t.http().get('/health/ready').expect(200);
    proxy.close();
    for (const socket of sockets) socket.destroy();

    const started = Date.now();
    const post = await t.http().post('/messages').send(aMessage());
    const stats = await t.http().get('/stats?from=2026-01-01&to=2026-12-31');
    const health = await t.http().get('/health');
    const ready = await t.http().get('/health/ready');
    await t.http().get('/health/live').expect(200, { status: 'ok' });

    for (const response of [post, stats, health, ready]) {
      expect(response.status).toBe(503);
      expect(response.headers['content-type']).toMatch(
        /application\/problem\+json/,
      );
      expect(response.headers['retry-after']).toBe('5');
      expect(response.body).toMatchObject({
        type: 'urn:message-stats:problem:database-unavailable',
        status: 503,
      });
    }
    expect(Date.now() - started).toBeLessThan(10000);
  });
});
