import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { useTestApp } from './support/test-app';

/** Property-based tests: random input never breaks the service or its arithmetic. */
describe(`random input (${process.env.E2E_DATABASE})`, () => {
  const t = useTestApp();

  const aUuid = fc.uuid().map((uuid) => uuid.toLowerCase());
  const anyField = fc.oneof(
    fc.jsonValue(),
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.integer(),
    fc.double(),
    fc.constantFrom(
      '',
      ' 1',
      '1e3',
      '0.0001',
      '-1',
      'NaN',
      '999999999999.9999',
      '\ud800',
    ),
  );
  const messageLike = fc.record(
    {
      customerId: fc.oneof(fc.nat({ max: 1000 }), anyField),
      type: fc.oneof(fc.string({ maxLength: 70 }), anyField),
      amount: fc.oneof(fc.stringMatching(/^\d{1,13}(\.\d{0,4})?$/), anyField),
      uuid: fc.oneof(aUuid, anyField),
      extra: anyField,
    },
    { requiredKeys: [] },
  );

  it('never answers a POST /messages body with a 5xx, and a rejection is a problem that writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(messageLike, fc.jsonValue()), async (body) => {
        const before = await t.countRows('messages');
        const response = await t
          .http()
          .post('/messages')
          .set('content-type', 'application/json')
          .send(JSON.stringify(body));
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) {
          expect(response.headers['content-type']).toMatch(
            /^application\/problem\+json/,
          );
          expect(response.body.status).toBe(response.status);
          // A body the JSON parser refuses (such as one with "__proto__") is a
          // problem without fields; a body that parses is judged field by field.
          if (response.status === 400 && response.body.errors !== undefined) {
            const fields = (
              response.body.errors as Array<{ field: string }>
            ).map((e) => e.field);
            expect(fields.length).toBeGreaterThan(0);
            for (const field of fields) {
              expect([
                'body',
                'customerId',
                'type',
                'amount',
                'uuid',
              ]).toContain(field);
            }
          }
          expect(await t.countRows('messages')).toBe(before);
        }
      }),
      // Found by this property once: a body with an own "__proto__" key.
      {
        numRuns: 300,
        examples: [[JSON.parse('{"__proto__":null}') as unknown]],
      },
    );
  });

  it('accepts a customerId exactly when its JSON text denotes an integer from 0 to 2^53 - 1', async () => {
    const digits = (max: number) =>
      fc.string({
        unit: fc.constantFrom(...'0123456789'),
        minLength: 1,
        maxLength: max,
      });
    interface NumberParts {
      negative: boolean;
      int: string;
      frac: string | null;
      exp: number | null;
    }
    // A JSON number: -?int(.frac)?(e[+-]?exp)?, with no leading zeros.
    const number: fc.Arbitrary<NumberParts> = fc.record({
      negative: fc.boolean(),
      int: digits(20).map((d) => d.replace(/^0+(?=\d)/, '')),
      frac: fc.option(
        fc.oneof(
          digits(25),
          fc.constantFrom('0', '000', '0000000000000000001'),
        ),
      ),
      exp: fc.option(fc.integer({ min: -420, max: 25 })),
    });
    // The value as a fraction n / 10^k, with BigInt: no double involved.
    const expected = ({ negative, int, frac, exp }: NumberParts) => {
      let n = BigInt(int + (frac ?? ''));
      let k = (frac ?? '').length - (exp ?? 0);
      if (k < 0) {
        n *= 10n ** BigInt(-k);
        k = 0;
      }
      const integer = n % 10n ** BigInt(k) === 0n;
      const value = n / 10n ** BigInt(k);
      return (
        integer &&
        (!negative || value === 0n) &&
        value <= BigInt(Number.MAX_SAFE_INTEGER)
      );
    };
    await fc.assert(
      fc.asyncProperty(number, async (parts) => {
        const text = `${parts.negative ? '-' : ''}${parts.int}${parts.frac === null ? '' : `.${parts.frac}`}${parts.exp === null ? '' : `e${parts.exp}`}`;
        const response = await t
          .http()
          .post('/messages')
          .set('content-type', 'application/json')
          .send(
            `{"customerId":${text},"type":"A","amount":"1","uuid":"${randomUUID()}"}`,
          );
        expect({ text, status: response.status }).toEqual({
          text,
          status: expected(parts) ? 201 : 400,
        });
      }),
      { numRuns: 300 },
    );
  });

  it('never answers raw bytes sent as JSON with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 200 }),
        async (raw) => {
          const response = await t
            .http()
            .post('/messages')
            .set('content-type', 'application/json')
            .send(raw);
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never answers odd content types, deep nesting or huge numbers with a 5xx', async () => {
    const contentType = fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/json; charset=latin1',
      'APPLICATION/JSON',
      'text/plain',
      'text/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      '*/*',
      '',
    );
    const hugeNumber = fc.constantFrom(
      '1e400',
      '-1e400',
      '123456789012345678901234567890',
      '9007199254740993',
      `0.${'0'.repeat(400)}1`,
    );
    const nested = (open: string, close: string) =>
      fc
        .nat({ max: 20_000 })
        .map((depth) => open.repeat(depth) + '1' + close.repeat(depth));
    const body = fc.oneof(
      nested('[', ']'),
      nested('{"customerId":', '}'),
      fc
        .tuple(hugeNumber, fc.constantFrom('customerId', 'amount', 'type'))
        .map(
          ([number, field]) =>
            `{"customerId":1,"amount":"1","uuid":"${randomUUID()}","${field}":${number}}`,
        ),
      fc.json(),
    );
    await fc.assert(
      fc.asyncProperty(contentType, body, async (type, raw) => {
        const before = await t.countRows('messages');
        const response = await t
          .http()
          .post('/messages')
          .set('content-type', type)
          .send(raw);
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) {
          expect(response.headers['content-type']).toMatch(
            /^application\/problem\+json/,
          );
          expect(await t.countRows('messages')).toBe(before);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never answers a GET /stats query with a 5xx, and names the bad parameter', async () => {
    const names = [
      'from',
      'to',
      'customerId',
      'type',
      'groupBy',
      'limit',
      'cursor',
      'other',
    ];
    const value = fc.oneof(
      fc.constantFrom(
        '2026-01-01',
        '2026-12-31',
        '2026-02-30',
        'day',
        '10',
        '0',
        '-1',
        '1e3',
        '',
      ),
      fc.string({ maxLength: 20 }),
    );
    const query = fc.array(fc.tuple(fc.constantFrom(...names), value), {
      maxLength: 8,
    });
    await fc.assert(
      fc.asyncProperty(query, async (pairs) => {
        const search = new URLSearchParams(pairs).toString();
        const response = await t.http().get(`/stats?${search}`);
        expect(response.status).toBeLessThan(500);
        if (response.status === 400) {
          const fields = (response.body.errors as Array<{ field: string }>).map(
            (e) => e.field,
          );
          for (const field of fields) expect(names).toContain(field);
        } else {
          expect(response.status).toBe(200);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the statistics equal to a simple model under random valid workloads', async () => {
    let run = 0;
    const amount = fc
      .tuple(fc.nat({ max: 999_999_999_999 }), fc.option(fc.nat({ max: 999 })))
      .map(([units, milli]) =>
        milli === null
          ? String(units)
          : `${units}.${String(milli).padStart(3, '0')}`,
      );
    const operation = fc.record({
      customer: fc.nat({ max: 3 }),
      type: fc.constantFrom('A', 'a', 'A ', '', 'é'),
      amount,
      uuidIndex: fc.nat({ max: 15 }),
      day: fc.constantFrom(
        '2026-12-31T23:59:59.999Z',
        '2027-01-01T23:59:59.999Z',
        '2027-01-02T00:00:00.000Z',
        '2027-01-03T12:00:00.000Z',
      ),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(operation, { minLength: 1, maxLength: 40 }),
        fc.array(aUuid, { minLength: 16, maxLength: 16 }),
        async (operations, uuids) => {
          run += 1;
          const base = 500_000 + run * 10;
          const firstByUuid = new Map<
            string,
            { customerId: number; type: string; milli: bigint; date: string }
          >();
          for (const op of operations) {
            t.clock.set(op.day);
            const message = {
              customerId: base + op.customer,
              type: op.type,
              amount: op.amount,
              uuid: uuids[op.uuidIndex],
            };
            const response = await t.http().post('/messages').send(message);
            const [units, decimals = ''] = op.amount.split('.');
            const milli =
              BigInt(units) * 1000n + BigInt(decimals.padEnd(3, '0') || '0');
            const first = firstByUuid.get(message.uuid);
            if (!first) {
              firstByUuid.set(message.uuid, {
                customerId: message.customerId,
                type: op.type,
                milli,
                date: op.day.slice(0, 10),
              });
              expect(response.status).toBe(201);
            } else {
              const same =
                first.customerId === message.customerId &&
                first.type === op.type &&
                first.milli === milli;
              expect(response.status).toBe(same ? 200 : 409);
            }
          }
          const model = new Map<
            string,
            { messageCount: number; milli: bigint }
          >();
          for (const m of firstByUuid.values()) {
            const key = JSON.stringify([m.customerId, m.type, m.date]);
            const entry = model.get(key) ?? { messageCount: 0, milli: 0n };
            entry.messageCount += 1;
            entry.milli += m.milli;
            model.set(key, entry);
          }
          const items: Array<{
            customerId: number;
            type: string;
            date: string;
            messageCount: number;
            totalAmount: string;
          }> = [];
          for (let customer = 0; customer <= 3; customer++) {
            const response = await t
              .http()
              .get(
                `/stats?from=2026-12-31&to=2027-01-03&groupBy=day&customerId=${base + customer}`,
              )
              .expect(200);
            items.push(...(response.body.items as typeof items));
          }
          expect(items).toHaveLength(model.size);
          for (const item of items) {
            const want = model.get(
              JSON.stringify([item.customerId, item.type, item.date]),
            );
            expect(want).toBeDefined();
            expect(item.messageCount).toBe(want!.messageCount);
            expect(item.totalAmount).toBe(
              `${want!.milli / 1000n}.${String(want!.milli % 1000n).padStart(3, '0')}`,
            );
          }
          // Every derived counter, daily and monthly, equals the ledger.
          expect(await t.audit.differences('2026-12-01', '2027-01-31')).toEqual(
            [],
          );
        },
      ),
      { numRuns: 25 },
    );
  });

  it('counts random event times across the window, edges included, as a brute-force sum of their instants', async () => {
    const NOW = Date.parse('2027-01-01T00:00:00.123Z');
    const DAY_MS = 86_400_000;
    const [earliest, latest] = [NOW - 35 * DAY_MS, NOW + 300_000];
    let run = 0;
    const edge = fc.constantFrom(
      earliest - 1,
      earliest,
      earliest + 1,
      latest - 1,
      latest,
      latest + 1,
    );
    const instant = fc.oneof(
      edge,
      fc.integer({ min: earliest - DAY_MS, max: latest + DAY_MS }),
    );
    // The same instant written with one of the offsets zones use (+05:45, -03:30, …).
    const offsetMinutes = fc.constantFrom(
      0,
      60,
      -180,
      345,
      -210,
      765,
      840,
      -720,
    );
    const written = (at: number, offset: number) => {
      const local = new Date(at + offset * 60_000).toISOString().slice(0, 23);
      if (offset === 0) return `${local}Z`;
      const sign = offset < 0 ? '-' : '+';
      const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
      const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
      return `${local}${sign}${hours}:${minutes}`;
    };
    const message = fc.record({
      customer: fc.nat({ max: 2 }),
      type: fc.constantFrom('A', 'b'),
      milli: fc.nat({ max: 99_999 }),
      at: fc.option(instant, { nil: undefined }),
      offset: offsetMinutes,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(message, { minLength: 1, maxLength: 5 }), {
          minLength: 1,
          maxLength: 12,
        }),
        async (requests) => {
          run += 1;
          const base = 700_000 + run * 10;
          t.clock.set(new Date(NOW).toISOString());
          const model = new Map<string, { count: number; milli: number }>();
          for (const [i, messages] of requests.entries()) {
            const bodies = messages.map((m) => ({
              customerId: base + m.customer,
              type: m.type,
              amount: (m.milli / 1000).toFixed(3),
              uuid: randomUUID(),
              ...(m.at !== undefined && { timestamp: written(m.at, m.offset) }),
            }));
            const inWindow = messages.every(
              (m) => m.at === undefined || (m.at >= earliest && m.at <= latest),
            );
            // Alternately one message alone and a batch.
            const response =
              i % 2 === 0 && bodies.length === 1
                ? await t.http().post('/messages').send(bodies[0])
                : await t.http().post('/messages/batch').send(bodies);
            expect(response.status).toBe(
              inWindow ? (i % 2 === 0 && bodies.length === 1 ? 201 : 200) : 422,
            );
            if (!inWindow) continue;
            for (const m of messages) {
              const day = new Date(m.at ?? NOW).toISOString().slice(0, 10);
              const key = JSON.stringify([base + m.customer, m.type, day]);
              const entry = model.get(key) ?? { count: 0, milli: 0 };
              entry.count += 1;
              entry.milli += m.milli;
              model.set(key, entry);
            }
          }
          const answered = new Map<string, { count: number; milli: number }>();
          for (let customer = 0; customer <= 2; customer++) {
            const response = await t
              .http()
              .get(
                `/stats?from=2026-11-25&to=2027-01-02&groupBy=day&customerId=${base + customer}`,
              )
              .expect(200);
            for (const item of response.body.items as Array<{
              customerId: number;
              type: string;
              date: string;
              messageCount: number;
              totalAmount: string;
            }>) {
              answered.set(
                JSON.stringify([item.customerId, item.type, item.date]),
                {
                  count: item.messageCount,
                  milli: Math.round(Number(item.totalAmount) * 1000),
                },
              );
            }
          }
          expect(answered).toEqual(model);
        },
      ),
      { numRuns: 30 },
    );
    // Every day, month and year counter equals the ledger.
    expect(await t.audit.differences('2026-11-01', '2027-01-31')).toEqual([]);
  });
});
