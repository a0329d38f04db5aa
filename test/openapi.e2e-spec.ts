import { ProblemType } from '../src/common/problem-details';
import { EXAMPLE_REQUEST_ID } from '../src/http/api-problem-response.decorator';
import {
  comparableProblem,
  committedDocument,
  DocumentedProblem,
  documentedProblems,
} from './support/documented-problems';
import { aMessage } from './support/message-factory';
import { parseRawResponse, rawRequest } from './support/raw-http';
import { createTestApp, TestApp } from './support/test-app';

const PRODUCER = 'producer-key-0123456789abcdef';
const DASHBOARD = 'dashboard-key-0123456789abcdef';
const API_KEYS = `producer:ingest:${PRODUCER},dashboard:read:${DASHBOARD}`;
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** The uuid and day of the document's examples. */
const UUID = 'a596b362-08be-419f-8070-9c3055566e7c';
const DAY = '2026-11-25';

/** The largest total a counter holds, in thousandths. */
const LIMIT_MILLI =
  process.env.E2E_DATABASE === 'mysql' ? 2n ** 64n - 1n : 2n ** 63n - 1n;

type Answer = {
  status: number;
  headers: Record<string, string>;
  body: unknown;
};

/**
 * Answers the document shows that this suite cannot cause cheaply, each
 * with the test that causes it and holds it to the same example.
 */
const CAUSED_ELSEWHERE: [RegExp, string][] = [
  [
    / 503 Database unavailable/,
    'test/faults/database-faults.fault-spec.ts (the database refused or hung)',
  ],
  [/ 503 Too busy/, 'test/workloads.e2e-spec.ts (a slow batch holds the turn)'],
  [
    / 500 Internal Server Error/,
    'no route fails on purpose; test/error-contract.e2e-spec.ts holds the shape',
  ],
];

describe(`the OpenAPI contract (${process.env.E2E_DATABASE})`, () => {
  let t: TestApp;
  /** Keys that have used their rate limit (one request a minute). */
  let limited: TestApp;
  /** Requests must arrive within half a second. */
  let impatient: TestApp;

  beforeAll(async () => {
    [t, limited, impatient] = await Promise.all([
      createTestApp({ apiKeys: API_KEYS }),
      createTestApp({
        apiKeys: API_KEYS,
        rateLimits: 'producer=1/m,dashboard=1/m',
      }),
      createTestApp({ apiKeys: API_KEYS, requestTimeoutMs: 500 }),
    ]);
    await limited.http().get('/metrics').set(bearer(DASHBOARD)).expect(200);
    await limited
      .http()
      .post('/messages')
      .set(bearer(PRODUCER))
      .send(aMessage())
      .expect(201);
  });

  afterAll(async () => {
    await Promise.all([t?.close(), limited?.close(), impatient?.close()]);
  });

  it('is the committed openapi.json (run `npm run openapi` after changing the API)', async () => {
    const served = (await t.http().get('/docs-json').expect(200)).body;
    expect(served).toEqual(committedDocument());
  });

  it("gives Swagger UI's Try it out the current month and fresh uuids, leaving /docs-json as committed", async () => {
    /** The document the page's init script embeds. */
    const pageDocument = async () => {
      const response = await t
        .http()
        .get('/docs/swagger-ui-init.js')
        .expect(200)
        .expect('cache-control', 'no-store');
      const script = response.text;
      const start = script.indexOf('"swaggerDoc": ') + '"swaggerDoc": '.length;
      const end = start + script.slice(start).search(/,\s*"customOptions"/);
      return JSON.parse(script.slice(start, end)) as PageDocument;
    };
    const committed = committedDocument() as unknown as PageDocument;
    const [first, second] = [await pageDocument(), await pageDocument()];

    const now = new Date().toISOString();
    const month = now.slice(0, 7);
    const statsParameters = Object.fromEntries(
      (first.paths['/stats'].get.parameters ?? []).map((p) => [
        p.name,
        p.schema.example,
      ]),
    );
    expect(statsParameters.from).toBe(`${month}-01`);
    expect(statsParameters.to).toMatch(new RegExp(`^${month}-(28|29|30|31)$`));

    const single = (document: PageDocument) =>
      document.paths['/messages'].post.requestBody!.content['application/json']
        .example as { uuid: string };
    expect(single(first)).toMatchObject({
      customerId: 1,
      type: 'A',
      amount: '0.012',
    });
    expect(single(first).uuid).not.toBe(single(second).uuid);
    const batchUuids = (document: PageDocument) =>
      (
        document.paths['/messages/batch'].post.requestBody!.content[
          'application/json'
        ].examples!.batch.value as Array<{ uuid: string }>
      ).map((m) => m.uuid);
    expect(batchUuids(first)).not.toEqual(batchUuids(committed));

    // Posted as the page would post it, the example is counted, not a duplicate.
    await t
      .http()
      .post('/messages')
      .set(bearer(PRODUCER))
      .send(single(first))
      .expect(201);
    expect((await t.http().get('/docs-json').expect(200)).body).toEqual(
      committed,
    );
  });

  it('names every operation for the clients generated from it', () => {
    const ids = Object.entries(committedDocument().paths).flatMap(
      ([path, item]) =>
        Object.entries(item).map(
          ([method, operation]) =>
            `${method.toUpperCase()} ${path} ${(operation as { operationId?: string }).operationId}`,
        ),
    );
    expect(ids.sort()).toEqual([
      'GET /health getHealth',
      'GET /health/live getLiveness',
      'GET /health/ready getReadiness',
      'GET /messages/{uuid} getMessage',
      'GET /metrics getMetrics',
      'GET /stats getStatistics',
      'POST /messages ingestMessage',
      'POST /messages/batch ingestBatch',
      'POST /messages/{uuid}/void voidMessage',
    ]);
  });

  /** A request to the route with the document's example parameters. */
  function url(problem: DocumentedProblem): string {
    const path = problem.path.replace('{uuid}', UUID);
    return path === '/stats' ? `${path}?from=${DAY}&to=${DAY}` : path;
  }

  function send(
    app: TestApp,
    problem: DocumentedProblem,
    headers: Record<string, string>,
    body?: unknown,
  ) {
    const request =
      problem.method === 'POST'
        ? app.http().post(url(problem))
        : app.http().get(url(problem));
    void request.set(headers);
    return body === undefined ? request : request.send(body as object);
  }

  const keyFor = (problem: DocumentedProblem) =>
    problem.path.startsWith('/messages') && problem.method === 'POST'
      ? PRODUCER
      : DASHBOARD;
  const otherKey = (problem: DocumentedProblem) =>
    keyFor(problem) === PRODUCER ? DASHBOARD : PRODUCER;
  const validBody = (problem: DocumentedProblem) =>
    problem.path === '/messages/batch' ? [aMessage()] : aMessage();

  /** A counter one thousandth short of its limit, on the examples' day. */
  async function fillCounter(): Promise<void> {
    await t.dataSource.query('DELETE FROM daily_statistics');
    await t.dataSource.query(
      `INSERT INTO daily_statistics (customer_id, type, stat_date, message_count, total_amount_milli) VALUES (1, 'A', ?, 1, ?)`,
      [DAY, (LIMIT_MILLI - 1n).toString()],
    );
  }

  /** Older than the window of the test clock's 2026-11-25T12:00:00Z. */
  const TOO_OLD = '2026-10-01T00:00:00Z';

  /** uuids never counted elsewhere, for answers that depend on their history. */
  const OTHER_UUID = UUID.replace('a', 'b');
  const SETTLED_UUID = UUID.replace('a', 'c');

  /** The answer, naming the examples' uuid where it names `asked`. */
  const asExampleUuid = async (
    response: Promise<Answer>,
    asked = OTHER_UUID,
  ): Promise<Answer> => {
    const answer = await response;
    return {
      ...answer,
      body: JSON.parse(
        JSON.stringify(answer.body).replaceAll(asked, UUID),
      ) as unknown,
    };
  };

  /** Causes the answer an example shows, or says it cannot. */
  async function cause(problem: DocumentedProblem): Promise<Answer> {
    const { method, path, status, example } = problem;
    const route = `${method} ${path}`;
    const key = { ...bearer(keyFor(problem)) };
    switch (status) {
      case 401:
        return send(
          t,
          problem,
          example.detail === 'The API key is not valid.'
            ? bearer('not-a-key-0123456789')
            : {},
        );
      case 403:
        return send(t, problem, bearer(otherKey(problem)));
      case 429:
        return send(limited, problem, key, validBody(problem));
      case 408: {
        const raw = await rawRequest(
          impatient.baseUrl,
          `${method} ${url(problem)} HTTP/1.1\r\nHost: x\r\n`,
        );
        return asAnswer(raw);
      }
      case 431:
        return asAnswer(
          await rawRequest(
            t.baseUrl,
            `${method} ${url(problem)} HTTP/1.1\r\nHost: x\r\nX-Big: ${'x'.repeat(17_000)}\r\n\r\n`,
          ),
        );
      case 415:
        return send(
          t,
          problem,
          { ...key, 'content-type': 'application/x-www-form-urlencoded' },
          'customerId=1',
        );
    }
    switch (`${route} ${status}`) {
      case 'POST /messages 400':
        return send(t, problem, key, aMessage({ amount: '1.2345' }));
      case 'POST /messages 409':
        await send(t, problem, key, aMessage({ uuid: UUID }));
        return send(t, problem, key, aMessage({ uuid: UUID, amount: '7' }));
      case 'POST /messages 413':
        return send(t, problem, key, { pad: 'x'.repeat(70_000) });
      case 'POST /messages 422':
        if (example.type === ProblemType.timestampOutsideWindow) {
          return send(t, problem, key, aMessage({ timestamp: TOO_OLD }));
        }
        await fillCounter();
        return send(t, problem, key, aMessage({ amount: '0.002' }));
      case 'POST /messages/batch 400':
        return send(t, problem, key, [aMessage(), aMessage({ amount: 'x' })]);
      case 'POST /messages/batch 413':
        return send(t, problem, key, Array.from({ length: 1001 }, aMessage));
      case 'POST /messages/batch 422':
        if (example.type === ProblemType.timestampOutsideWindow) {
          return send(t, problem, key, [
            aMessage(),
            aMessage({ timestamp: TOO_OLD }),
          ]);
        }
        await fillCounter();
        return send(t, problem, key, [aMessage({ amount: '0.002' })]);
      case 'GET /messages/{uuid} 400':
        return t.http().get('/messages/not-a-uuid').set(key);
      case 'GET /messages/{uuid} 404':
        return asExampleUuid(t.http().get(`/messages/${OTHER_UUID}`).set(key));
      case 'GET /stats 400':
        return t.http().get(`/stats?from=2026-11-30&to=2026-11-01`).set(key);
      case 'GET /stats 422':
        // A database upgraded when its ledger began on 2025-03-01.
        await t.dataSource.query(
          "UPDATE ledger_horizon SET first_quarter_hour_day = '2025-03-01' WHERE id = 1",
        );
        return t
          .http()
          .get('/stats?from=2025-03-01&to=2025-03-01&timeZone=Asia/Kolkata')
          .set(key);
      case 'POST /messages/{uuid}/void 400':
        return send(t, problem, key, { reason: 'x'.repeat(257) });
      case 'POST /messages/{uuid}/void 404':
        return asExampleUuid(
          t.http().post(`/messages/${OTHER_UUID}/void`).set(key),
        );
      case 'POST /messages/{uuid}/void 409': {
        // Counted on 2026-10-01, when that day was open; voided on the
        // test clock's day, when it is settled.
        t.clock.set('2026-10-01T12:00:00.000Z');
        await t
          .http()
          .post('/messages')
          .set(key)
          .send(aMessage({ uuid: SETTLED_UUID }))
          .expect(201);
        t.clock.set('2026-11-25T12:00:00.000Z');
        return asExampleUuid(
          t.http().post(`/messages/${SETTLED_UUID}/void`).set(key),
          SETTLED_UUID,
        );
      }
    }
    throw new Error(
      `nothing causes "${problem.name}": teach this test how, or list where it is caused`,
    );
  }

  const problems = documentedProblems();

  it('shows at least one example for every problem status it documents', () => {
    expect(problems.length).toBeGreaterThan(40);
  });

  it.each(problems.map((problem) => [problem.name, problem] as const))(
    'shows %s, as the service answers it',
    async (_, problem) => {
      const elsewhere = CAUSED_ELSEWHERE.find(([pattern]) =>
        pattern.test(problem.name),
      );
      if (elsewhere !== undefined) return;

      const answer = await cause(problem);

      expect(answer.status).toBe(problem.status);
      expect(answer.headers['content-type']).toMatch(
        /^application\/problem\+json/,
      );
      expect((answer.body as { requestId?: unknown }).requestId).toBe(
        answer.headers['x-request-id'],
      );
      expect(problem.example.requestId).toBe(EXAMPLE_REQUEST_ID);
      expect(comparableProblem(answer.body)).toEqual(
        comparableProblem(problem.example),
      );
      if (problem.status === 401) {
        expect(answer.headers['www-authenticate']).toBe('Bearer');
      }
      if (problem.status === 429 || problem.status === 503) {
        expect(answer.headers['retry-after']).toMatch(/^[1-9]\d*$/);
      }
    },
  );
});

function asAnswer(raw: string): Answer {
  const response = parseRawResponse(raw);
  return {
    status: response.status,
    headers: response.headers,
    body: JSON.parse(response.body) as unknown,
  };
}

/** What the Try it out test reads of a document's operations. */
interface PageDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Array<{ name: string; schema: { example?: string } }>;
        requestBody?: {
          content: Record<
            string,
            { example?: unknown; examples?: Record<string, { value: unknown }> }
          >;
        };
      }
    >
  >;
}
