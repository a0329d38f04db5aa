import { parseRawResponse, rawRequest } from './support/raw-http';
import { useTestApp } from './support/test-app';

const INGEST_KEY = 'ingest-key-0123456789abcdef';

/**
 * Every error the service gives, from the router and the parsers to the
 * routes, is what the README promises: problem details, the request id in
 * the header and the body, and the security headers.
 */
describe(`the error contract (${process.env.E2E_DATABASE})`, () => {
  const t = useTestApp({ apiKeys: `producer:ingest:${INGEST_KEY}` });

  const request = (head: string, body = '') =>
    `${head}\r\nHost: x\r\nConnection: close\r\n` +
    (body ? `Content-Length: ${Buffer.byteLength(body)}\r\n` : '') +
    `\r\n${body}`;
  const json = (path: string, body: string, headers = '') =>
    request(
      `POST ${path} HTTP/1.1\r\nContent-Type: application/json\r\nAuthorization: Bearer ${INGEST_KEY}${headers}`,
      body,
    );
  const longSegment = 'a'.repeat(120);

  it.each([
    {
      what: 'a malformed percent escape',
      raw: request('GET /messages/% HTTP/1.1'),
      status: 400,
    },
    {
      what: 'an escape of no hex digits',
      raw: request('GET /messages/%zz HTTP/1.1'),
      status: 400,
    },
    {
      what: 'an escape that is not UTF-8',
      raw: request('GET /%c0 HTTP/1.1'),
      status: 400,
    },
    {
      what: 'an escape cut short at the end',
      raw: request('GET /stats% HTTP/1.1'),
      status: 400,
    },
    {
      what: 'a path parameter over 100 characters',
      raw: request(`GET /messages/${longSegment} HTTP/1.1`),
      status: 414,
    },
    {
      what: 'an unknown route',
      raw: request('GET /nope HTTP/1.1'),
      status: 404,
    },
    {
      what: 'an unknown method',
      raw: request('DELETE /messages HTTP/1.1'),
      status: 404,
    },
    {
      what: 'a missing API key',
      raw: request('GET /stats HTTP/1.1'),
      status: 401,
    },
    {
      what: 'a key without the scope',
      raw: request(
        `GET /stats?from=2026-01-01&to=2026-01-01 HTTP/1.1\r\nX-API-Key: ${INGEST_KEY}`,
      ),
      status: 403,
    },
    {
      what: 'malformed JSON',
      raw: json('/messages', '{"customerId":'),
      status: 400,
    },
    { what: 'an empty JSON body', raw: json('/messages', ''), status: 400 },
    {
      what: 'an invalid message',
      raw: json('/messages', '{"customerId":"x"}'),
      status: 400,
    },
    {
      what: 'a body over 64 KiB',
      raw: json('/messages', `{"x":"${'x'.repeat(70_000)}"}`),
      status: 413,
    },
    {
      what: 'text instead of JSON',
      raw: request(
        `POST /messages HTTP/1.1\r\nContent-Type: text/plain\r\nAuthorization: Bearer ${INGEST_KEY}`,
        'hello',
      ),
      status: 415,
    },
  ])('holds for $what ($status)', async ({ raw, status }) => {
    const response = parseRawResponse(await rawRequest(t.baseUrl, raw));

    expect(response.status).toBe(status);
    expect(response.headers).toMatchObject({
      'content-type': expect.stringMatching(/^application\/problem\+json/),
      'x-request-id': expect.any(String),
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'content-security-policy': expect.stringContaining("default-src 'self'"),
    });
    const body = JSON.parse(response.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      status,
      title: expect.any(String),
      requestId: response.headers['x-request-id'],
    });
    // A refusal does not echo what it refused.
    expect(response.body).not.toContain(longSegment);
    expect(response.body).not.toContain('%c0');
  });

  it("keeps the caller's request id on a router error", async () => {
    const response = parseRawResponse(
      await rawRequest(
        t.baseUrl,
        request('GET /messages/%zz HTTP/1.1\r\nX-Request-Id: trace-router-1'),
      ),
    );
    expect(response.headers['x-request-id']).toBe('trace-router-1');
    expect(JSON.parse(response.body)).toMatchObject({
      requestId: 'trace-router-1',
    });
  });
});
