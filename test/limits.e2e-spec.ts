import { parseRawResponse, rawRequest } from './support/raw-http';
import { useTestApp } from './support/test-app';

/** A raw answer is a problem of this status and title, with the promised headers. */
function expectParserProblem(answer: string, status: number, title: string) {
  const response = parseRawResponse(answer);
  expect(response.status).toBe(status);
  expect(response.headers).toMatchObject({
    'content-type': 'application/problem+json',
    'x-content-type-options': 'nosniff',
    'x-request-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
  });
  expect(JSON.parse(response.body)).toEqual({
    type: 'about:blank',
    title,
    status,
    requestId: response.headers['x-request-id'],
  });
}

describe(`request limits (${process.env.E2E_DATABASE})`, () => {
  const t = useTestApp();

  it('answers headers over 16 KiB with a 431 problem', async () => {
    const answer = await rawRequest(
      t.baseUrl,
      `GET /health HTTP/1.1\r\nHost: x\r\nX-Padding: ${'x'.repeat(20 * 1024)}\r\n\r\n`,
    );
    expectParserProblem(answer, 431, 'Request Header Fields Too Large');
  });

  it('answers a request that is not HTTP with a 400 problem', async () => {
    const answer = await rawRequest(t.baseUrl, 'NOT HTTP AT ALL\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toMatch(/application\/problem\+json/);
  });

  it.each(['/messages', '/messages/batch'])(
    'answers a body on %s nested 4,000 deep with a 400 problem',
    async (path) => {
      const body = `[${'{"customerId":'.repeat(4_000)}1${'}'.repeat(4_000)}]`;
      const response = await t
        .http()
        .post(path)
        .set('content-type', 'application/json')
        .send(path === '/messages' ? body.slice(1, -1) : body)
        .expect(400)
        .expect('content-type', /^application\/problem\+json/);
      expect(response.body).toMatchObject({
        status: 400,
        detail: 'The JSON body nests arrays or objects more than 32 deep.',
      });
    },
  );

  it('refuses a query limit over 10000 and a batch over 1000 (see their own tests)', async () => {
    await t
      .http()
      .get('/stats?from=2026-01-01&to=2026-01-01&limit=10001')
      .expect(400);
  });
});

describe(`slow clients (${process.env.E2E_DATABASE})`, () => {
  const t = useTestApp({ requestTimeoutMs: 500 });

  it.each([
    ['whose headers never end', 'POST /messages HTTP/1.1\r\nHost: x\r\n'],
    [
      'whose body never ends',
      'POST /messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 100\r\n\r\n{"customerId":',
    ],
  ])(
    'answers a request %s with a 408 problem and closes it in time',
    async (_, request) => {
      const started = Date.now();
      const answer = await rawRequest(t.baseUrl, request);
      // The timeout, plus at most one check interval (also the timeout here).
      expect(Date.now() - started).toBeLessThan(5000);
      expectParserProblem(answer, 408, 'Request Timeout');
      expect(await t.countRows('messages')).toBe(0);
    },
  );
});
