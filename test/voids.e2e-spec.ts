import { randomUUID } from 'node:crypto';
import { aMessage, WireMessage } from './support/message-factory';
import { useTestApp } from './support/test-app';

const NOW = '2026-11-25T12:00:00.000Z';
const DAY_MS = 86_400_000;

describe(`voiding a counted message (${process.env.E2E_DATABASE})`, () => {
  const t = useTestApp();

  beforeEach(() => t.clock.set(NOW));

  const post = (message: WireMessage) =>
    t.http().post('/messages').send(message);
  const voidOf = (uuid: unknown, body?: unknown) => {
    const call = t.http().post(`/messages/${String(uuid)}/void`);
    return body === undefined
      ? call
      : call.set('content-type', 'application/json').send(JSON.stringify(body));
  };
  const look = async (uuid: unknown) =>
    (
      await t
        .http()
        .get(`/messages/${String(uuid)}`)
        .expect(200)
    ).body as Record<string, unknown>;
  /** The customer's items of a November-to-December query, grouped by `groupBy`. */
  const items = async (customerId: number, groupBy: 'day' | 'month') =>
    (
      await t
        .http()
        .get(
          `/stats?from=2026-10-01&to=2026-12-31&customerId=${customerId}&groupBy=${groupBy}`,
        )
        .expect(200)
    ).body.items as Array<Record<string, unknown>>;
  const totals = async (customerId: number) =>
    (
      await t
        .http()
        .get(`/stats?from=2026-01-01&to=2026-12-31&customerId=${customerId}`)
        .expect(200)
    ).body.items as Array<Record<string, unknown>>;
  const noDifferences = async () =>
    expect(await t.audit.differences('2026-01-01', '2026-12-31')).toEqual([]);

  it("takes a message out of its day's, month's and year's counters, and keeps it in the ledger", async () => {
    const kept = aMessage({ customerId: 601, amount: '1.5' });
    const wrong = aMessage({ customerId: 601, amount: '0.25' });
    await post(kept).expect(201);
    await post(wrong).expect(201);
    const ledgerRows = await t.countRows('messages');

    t.clock.set('2026-11-25T12:30:00.000Z');
    const voided = await voidOf(wrong.uuid, {
      reason: 'sent to the wrong customer',
    }).expect(200);

    expect(voided.body).toEqual({
      uuid: wrong.uuid,
      customerId: 601,
      type: 'A',
      amount: '0.250',
      date: '2026-11-25',
      receivedAt: NOW,
      voidedAt: '2026-11-25T12:30:00.000Z',
      voidReason: 'sent to the wrong customer',
    });
    expect(await look(wrong.uuid)).toEqual(voided.body);
    const one = { messageCount: 1, totalAmount: '1.500' };
    expect(await items(601, 'day')).toEqual([
      expect.objectContaining({ date: '2026-11-25', ...one }),
    ]);
    expect(await items(601, 'month')).toEqual([
      expect.objectContaining({ month: '2026-11', ...one }),
    ]);
    // A whole year is answered from the yearly counter.
    expect(await totals(601)).toEqual([expect.objectContaining(one)]);
    expect(await t.countRows('messages')).toBe(ledgerRows);
    await noDifferences();
  });

  it('leaves no counter behind when it voids the only message of one', async () => {
    const only = aMessage({ customerId: 602, type: 'only' });
    await post(only).expect(201);

    await voidOf(only.uuid).expect(200);

    expect(await items(602, 'day')).toEqual([]);
    expect(await items(602, 'month')).toEqual([]);
    expect(await totals(602)).toEqual([]);
    for (const table of [
      'quarter_hour_statistics',
      'daily_statistics',
      'monthly_statistics',
      'yearly_statistics',
    ]) {
      const [row] = await t.dataSource.query(
        `SELECT COUNT(*) AS n FROM ${table} WHERE customer_id = 602`,
      );
      expect({ table, rows: Number((row as { n: unknown }).n) }).toEqual({
        table,
        rows: 0,
      });
    }
    await noDifferences();
  });

  it('takes the message from the day its timestamp names, not the day of the void', async () => {
    const late = aMessage({
      customerId: 603,
      timestamp: '2026-10-31T23:59:59.999Z',
    });
    await post(late).expect(201);
    await post(aMessage({ customerId: 603 })).expect(201);

    await voidOf(late.uuid).expect(200);

    expect(await items(603, 'month')).toEqual([
      expect.objectContaining({ month: '2026-11', messageCount: 1 }),
    ]);
    expect((await look(late.uuid)).timestamp).toBe('2026-10-31T23:59:59.999Z');
    await noDifferences();
  });

  it('answers a second void with the first, and takes the message back once', async () => {
    const message = aMessage({ customerId: 604 });
    await post(message).expect(201);
    await post(aMessage({ customerId: 604 })).expect(201);
    const first = await voidOf(message.uuid, { reason: 'first' }).expect(200);

    t.clock.set('2026-11-25T13:00:00.000Z');
    const again = await voidOf(message.uuid, { reason: 'second' }).expect(200);

    expect(again.body).toEqual(first.body);
    expect(again.body).toMatchObject({ voidedAt: NOW, voidReason: 'first' });
    expect(await items(604, 'day')).toEqual([
      expect.objectContaining({ messageCount: 1 }),
    ]);
    await noDifferences();
  });

  it('answers 404 for a uuid never counted, and the uuid can be counted after', async () => {
    const message = aMessage({ customerId: 605 });

    const response = await voidOf(message.uuid)
      .expect(404)
      .expect('content-type', /application\/problem\+json/);
    expect(response.body).toMatchObject({
      status: 404,
      detail: `No message with uuid ${String(message.uuid)} was counted.`,
    });

    await post(message).expect(201);
    expect(await items(605, 'day')).toEqual([
      expect.objectContaining({ messageCount: 1 }),
    ]);
  });

  it('never counts a voided uuid again: POST and batches answer voided, other content is a conflict', async () => {
    const message = aMessage({ customerId: 606, timestamp: NOW });
    await post(message).expect(201);
    await voidOf(message.uuid).expect(200);

    const again = await post(message).expect(200);
    const inBatch = await t
      .http()
      .post('/messages/batch')
      .send([message, { ...message, amount: '9' }])
      .expect(200);
    await post({ ...message, amount: '9' }).expect(409);
    await post({ ...message, uuid: String(message.uuid).toUpperCase() })
      .expect(200)
      .expect(({ body }) => expect(body.status).toBe('voided'));

    expect(again.body).toEqual({ uuid: message.uuid, status: 'voided' });
    const { results } = inBatch.body as { results: Array<{ status: string }> };
    expect(results.map((r) => r.status)).toEqual(['voided', 'conflict']);
    expect(await items(606, 'day')).toEqual([]);
    await noDifferences();
  });

  describe('on a settled day', () => {
    // A message at the window's back edge counts on 2026-10-21. That day
    // is settled once the window's back edge passes its end: at
    // 2026-11-26T00:00:00.000Z, 35 days after 2026-10-22.
    const EDGE = new Date(Date.parse(NOW) - 35 * DAY_MS).toISOString();
    const SETTLES_AT = '2026-11-26T00:00:00.000Z';

    it('voids a message up to the last millisecond before its day settles', async () => {
      const message = aMessage({ customerId: 607, timestamp: EDGE });
      await post(message).expect(201);

      t.clock.set(new Date(Date.parse(SETTLES_AT) - 1).toISOString());
      await voidOf(message.uuid).expect(200);

      expect((await look(message.uuid)).date).toBe('2026-10-21');
      await noDifferences();
    });

    it('refuses with 409 from the first millisecond it is settled, and keeps it counted', async () => {
      const message = aMessage({ customerId: 608, timestamp: EDGE });
      await post(message).expect(201);

      t.clock.set(SETTLES_AT);
      const response = await voidOf(message.uuid, { reason: 'too late' })
        .expect(409)
        .expect('content-type', /application\/problem\+json/);

      expect(response.body).toMatchObject({
        type: 'urn:message-stats:problem:message-settled',
        status: 409,
        date: '2026-10-21',
        settledThrough: '2026-10-21',
      });
      expect(response.body.detail).toContain('2026-10-21');
      expect(await look(message.uuid)).not.toHaveProperty('voidedAt');
      expect(await items(608, 'day')).toEqual([
        expect.objectContaining({ date: '2026-10-21', messageCount: 1 }),
      ]);
    });

    it('still answers a void made before the day settled', async () => {
      const message = aMessage({ customerId: 609, timestamp: EDGE });
      await post(message).expect(201);
      const first = await voidOf(message.uuid).expect(200);

      t.clock.set('2026-12-31T00:00:00.000Z');
      const again = await voidOf(message.uuid).expect(200);

      expect(again.body).toEqual(first.body);
    });
  });

  // On Galera each node counts into a slot of its own, and voids on
  // several nodes can leave a counter whose count is in one slot and whose
  // amount is in another. SQLite has one slot.
  const onMysql = process.env.E2E_DATABASE === 'mysql' ? it : it.skip;
  onMysql(
    'takes a message from a counter none of whose slots holds it alone, folding the slots into one',
    async () => {
      const voidedOne = aMessage({ customerId: 615, amount: '5' });
      await post(voidedOne).expect(201);
      await post(aMessage({ customerId: 615, amount: '3' })).expect(201);
      // Two messages, 8.000 in all: the count in slot 0, the amount split.
      await t.dataSource.query(
        'UPDATE daily_statistics SET message_count = 2, total_amount_milli = 4000 WHERE customer_id = 615 AND slot = 0',
      );
      await t.dataSource.query(
        "INSERT INTO daily_statistics (stat_date, customer_id, type, slot, message_count, total_amount_milli) VALUES ('2026-11-25', 615, 'A', 1, 0, 4000)",
      );

      await voidOf(voidedOne.uuid).expect(200);

      expect(
        await t.dataSource.query(
          'SELECT slot, message_count, total_amount_milli FROM daily_statistics WHERE customer_id = 615',
        ),
      ).toEqual([
        expect.objectContaining({
          slot: 0,
          message_count: '1',
          total_amount_milli: '3000',
        }),
      ]);
      await noDifferences();
    },
  );

  it('keeps voided messages out of a rebuild', async () => {
    const message = aMessage({ customerId: 610, amount: '2' });
    await post(message).expect(201);
    await post(aMessage({ customerId: 610, amount: '3' })).expect(201);
    await voidOf(message.uuid).expect(200);
    const before = await items(610, 'day');

    await t.audit.rebuild('2026-11-01', '2026-11-30');

    expect(await items(610, 'day')).toEqual(before);
    expect(before).toEqual([
      expect.objectContaining({ messageCount: 1, totalAmount: '3.000' }),
    ]);
    await noDifferences();
  });

  it('keeps a reason of 256 characters of any plane exactly', async () => {
    const message = aMessage({ customerId: 611 });
    await post(message).expect(201);
    const reason = '💶'.repeat(255) + 'é';

    const response = await voidOf(message.uuid, { reason }).expect(200);

    expect(response.body.voidReason).toBe(reason);
    expect((await look(message.uuid)).voidReason).toBe(reason);
  });

  it('voids without a body, or with an empty object, and keeps no reason', async () => {
    const bare = aMessage({ customerId: 612 });
    const empty = aMessage({ customerId: 612 });
    await post(bare).expect(201);
    await post(empty).expect(201);

    await voidOf(bare.uuid).expect(200);
    await voidOf(empty.uuid, {}).expect(200);

    for (const uuid of [bare.uuid, empty.uuid]) {
      const found = await look(uuid);
      expect(found.voidedAt).toBe(NOW);
      expect(found).not.toHaveProperty('voidReason');
    }
  });

  describe('refuses with a 400 naming what to fix, and changes nothing', () => {
    const message = aMessage({ customerId: 613 });
    beforeAll(async () => {
      await post(message).expect(201);
    });
    afterAll(async () => {
      expect(await look(message.uuid)).not.toHaveProperty('voidedAt');
      expect(await items(613, 'day')).toEqual([
        expect.objectContaining({ messageCount: 1 }),
      ]);
    });

    it.each([
      ['a reason of 257 characters', { reason: 'x'.repeat(257) }, 'reason'],
      ['a reason that is a number', { reason: 7 }, 'reason'],
      ['a reason with a lone surrogate', { reason: 'a\uD800b' }, 'reason'],
      ['an array for a body', [], ''],
      ['a string for a body', 'because', ''],
    ])('%s', async (_what, body, field) => {
      const response = await voidOf(message.uuid, body).expect(400);
      expect(response.body).toMatchObject({
        type: 'urn:message-stats:problem:validation-error',
      });
      if (field) {
        expect(response.body.errors).toEqual([
          expect.objectContaining({ field }),
        ]);
      }
    });

    it('a path that is not a uuid', async () => {
      const response = await voidOf('not-a-uuid').expect(400);
      expect(response.body.errors).toEqual([
        expect.objectContaining({ field: 'uuid' }),
      ]);
    });

    it('a body that is not JSON', async () => {
      await t
        .http()
        .post(`/messages/${String(message.uuid)}/void`)
        .set('content-type', 'application/json')
        .send('{"reason":')
        .expect(400);
    });
  });

  it('accepts the uuid in any case', async () => {
    const message = aMessage({ customerId: 614, uuid: randomUUID() });
    await post(message).expect(201);

    const response = await voidOf(String(message.uuid).toUpperCase()).expect(
      200,
    );

    expect(response.body.uuid).toBe(message.uuid);
  });
});
