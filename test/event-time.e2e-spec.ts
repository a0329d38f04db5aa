import { aMessage } from './support/message-factory';
import { createTestApp, useTestApp } from './support/test-app';

const NOW = '2026-11-25T12:00:00.000Z';
const DAY_MS = 86_400_000;
const at = (offsetMs: number) =>
  new Date(Date.parse(NOW) + offsetMs).toISOString();

describe(`a message's own timestamp (${process.env.E2E_DATABASE})`, () => {
  const t = useTestApp();

  beforeEach(() => t.clock.set(NOW));

  const post = (body: unknown) =>
    t
      .http()
      .post('/messages')
      .send(body as object);
  const look = async (uuid: unknown) =>
    (
      await t
        .http()
        .get(`/messages/${String(uuid)}`)
        .expect(200)
    ).body as Record<string, unknown>;
  const days = async (customerId: number) =>
    (
      await t
        .http()
        .get(
          `/stats?from=2026-10-01&to=2026-12-31&customerId=${customerId}&groupBy=day`,
        )
        .expect(200)
    ).body.items as Array<{ date: string; messageCount: number }>;

  it('counts a message on the UTC day of its timestamp, and shows both times', async () => {
    // 23:30 at UTC−1 is 00:30 the next day in UTC.
    const message = aMessage({
      customerId: 501,
      timestamp: '2026-11-20T23:30:00.5-01:00',
    });
    await post(message).expect(201);

    expect(await look(message.uuid)).toEqual({
      uuid: message.uuid,
      customerId: 501,
      type: 'A',
      amount: '0.012',
      date: '2026-11-21',
      receivedAt: NOW,
      timestamp: '2026-11-21T00:30:00.500Z',
    });
    expect(await days(501)).toEqual([
      expect.objectContaining({ date: '2026-11-21', messageCount: 1 }),
    ]);
  });

  it('counts a message without a timestamp on the day it arrives, and shows no timestamp', async () => {
    const message = aMessage({ customerId: 502 });
    await post(message).expect(201);

    const found = await look(message.uuid);
    expect(found.date).toBe('2026-11-25');
    expect(found).not.toHaveProperty('timestamp');
  });

  it('counts a late message in the month it happened, not the one it arrived in', async () => {
    t.clock.set('2026-12-01T00:10:00.000Z');
    await post(
      aMessage({ customerId: 503, timestamp: '2026-11-30T23:59:59.999Z' }),
    ).expect(201);

    const months = await t
      .http()
      .get('/stats?from=2026-11-01&to=2026-12-31&customerId=503&groupBy=month')
      .expect(200);
    expect(months.body.items).toEqual([
      expect.objectContaining({ month: '2026-11', messageCount: 1 }),
    ]);
  });

  describe('the window', () => {
    it.each([
      ['exactly 35 days old', at(-35 * DAY_MS)],
      ['exactly 300 s ahead', at(300_000)],
      ['now', NOW],
    ])('accepts a timestamp %s', async (_, timestamp) => {
      await post(aMessage({ timestamp })).expect(201);
    });

    it.each([
      ['a millisecond older than 35 days', at(-35 * DAY_MS - 1)],
      ['a millisecond more than 300 s ahead', at(300_001)],
      ['years old', '2020-01-01T00:00:00Z'],
    ])(
      'refuses a timestamp %s with a 422 naming it and the window, writing nothing',
      async (_, timestamp) => {
        const before = await t.countRows('messages');
        const refused = await post(aMessage({ timestamp }))
          .expect(422)
          .expect('content-type', /application\/problem\+json/);

        expect(refused.body).toMatchObject({
          type: 'urn:message-stats:problem:timestamp-outside-window',
          title: 'Timestamp outside the accepted window',
          detail: expect.stringContaining(
            `between ${at(-35 * DAY_MS)} and ${at(300_000)} (UTC)`,
          ),
          errors: [{ field: 'timestamp', message: expect.any(String) }],
        });
        expect(await t.countRows('messages')).toBe(before);
      },
    );

    it('refuses a whole batch, naming each timestamp outside the window', async () => {
      const before = await t.countRows('messages');
      const refused = await t
        .http()
        .post('/messages/batch')
        .send([
          aMessage(),
          aMessage({ timestamp: at(-36 * DAY_MS) }),
          aMessage({ timestamp: at(DAY_MS) }),
        ])
        .expect(422);

      expect(
        (refused.body.errors as Array<{ field: string }>).map((e) => e.field),
      ).toEqual(['[1].timestamp', '[2].timestamp']);
      expect(await t.countRows('messages')).toBe(before);
    });

    it('follows MAX_EVENT_AGE_DAYS and MAX_EVENT_SKEW_S', async () => {
      const narrow = await createTestApp({
        eventWindow: { maxAgeDays: 1, maxSkewS: 0 },
      });
      const send = (timestamp: string) =>
        narrow.http().post('/messages').send(aMessage({ timestamp }));
      try {
        await send(at(-DAY_MS)).expect(201);
        await send(NOW).expect(201);
        await send(at(-DAY_MS - 1)).expect(422);
        await send(at(1)).expect(422);
      } finally {
        await narrow.close();
      }
    });
  });

  it.each([
    ['a date alone', '2026-11-25'],
    ['no offset', '2026-11-25T10:00:00'],
    ['an epoch number', 1764072000000],
    ['24:00', '2026-11-25T24:00:00Z'],
    ['a leap second', '2026-11-24T23:59:60Z'],
    ['year 0', '0000-11-25T10:00:00Z'],
    ['microseconds', '2026-11-25T10:00:00.000001Z'],
  ])('refuses %s with a 400 naming timestamp', async (_, timestamp) => {
    const refused = await post(aMessage({ timestamp })).expect(400);
    expect(refused.body.errors).toEqual([
      { field: 'timestamp', message: expect.stringMatching(/RFC 3339/) },
    ]);
  });

  describe('the same uuid again', () => {
    it.each([
      [
        'the same instant, written another way',
        '2026-11-25T10:00:00Z',
        '2026-11-25T11:00:00.000+01:00',
        200,
      ],
      [
        'another instant',
        '2026-11-25T10:00:00Z',
        '2026-11-25T10:00:00.001Z',
        409,
      ],
      ['a timestamp where there was none', undefined, NOW, 409],
      ['no timestamp where there was one', NOW, undefined, 409],
      ['no timestamp either time', undefined, undefined, 200],
    ])('with %s is answered %i', async (_, first, second, status) => {
      const message = aMessage({ timestamp: first });
      await post(message).expect(201);
      const again = await post({ ...message, timestamp: second }).expect(
        status,
      );
      if (status === 200) expect(again.body.status).toBe('duplicate');
      expect(await t.countRows('messages')).toBeGreaterThan(0);
    });
  });

  it('says in every GET /stats answer which days are settled: those the window no longer reaches', async () => {
    const settled = async () =>
      (await t.http().get('/stats?from=2026-11-01&to=2026-11-30').expect(200))
        .body.settledThrough as unknown;
    // The window reaches back to 2026-10-21T12:00:00Z: that day may still change.
    expect(await settled()).toBe('2026-10-20');
    t.clock.set('2026-11-25T23:59:59.999Z');
    expect(await settled()).toBe('2026-10-20');
    t.clock.set('2026-11-26T00:00:00.000Z');
    expect(await settled()).toBe('2026-10-21');

    // The first day of the settled ones refuses a late message; the next takes it.
    await post(aMessage({ timestamp: '2026-10-21T23:59:59.999Z' })).expect(422);
    await post(aMessage({ timestamp: '2026-10-22T00:00:00.000Z' })).expect(201);
  });

  it('keeps every counter equal to the ledger', async () => {
    await expect(
      t.audit.differences('2026-10-01', '2026-12-31'),
    ).resolves.toEqual([]);
  });
});
