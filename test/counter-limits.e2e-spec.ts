import { aMessage } from './support/message-factory';
import { useTestApp } from './support/test-app';

/** The largest total a counter row holds: BIGINT UNSIGNED, or SQLite's signed integer. */
const LIMIT_MILLI =
  process.env.E2E_DATABASE === 'mysql' ? 2n ** 64n - 1n : 2n ** 63n - 1n;
const LIMIT = `${LIMIT_MILLI / 1000n}.${String(LIMIT_MILLI % 1000n).padStart(3, '0')}`;
const DAY = '2026-11-25';

describe(`a counter at its limit (${process.env.E2E_DATABASE})`, () => {
  const t = useTestApp({}, () => {
    t.clock.set(`${DAY}T12:00:00.000Z`);
  });

  /** A counter of its own for each test, this many thousandths short of the limit. */
  async function counterShortOfLimit(
    customerId: number,
    milliShort: bigint,
  ): Promise<void> {
    await t.dataSource.query(
      `INSERT INTO daily_statistics (customer_id, type, stat_date, message_count, total_amount_milli) VALUES (?, 'A', ?, 1, ?)`,
      [customerId, DAY, (LIMIT_MILLI - milliShort).toString()],
    );
  }

  async function totalOf(customerId: number): Promise<unknown> {
    const response = await t
      .http()
      .get(`/stats?from=${DAY}&to=${DAY}&customerId=${customerId}`)
      .expect(200);
    return response.body.items;
  }

  const overflowOf = (customerId: number) => ({
    type: 'urn:message-stats:problem:counter-overflow',
    status: 422,
    title: 'Counter would overflow',
    detail: `Counting would take the total of customer ${customerId}, type "A" on ${DAY} past ${LIMIT}, the most one counter holds; nothing was changed.`,
    counters: [{ customerId, type: 'A', date: DAY }],
  });

  it('takes a message that fills a counter exactly, and refuses the next with a 422 naming it', async () => {
    await counterShortOfLimit(70, 500n);
    await t
      .http()
      .post('/messages')
      .send(aMessage({ customerId: 70, amount: '0.5' }))
      .expect(201);
    const before = await t.countRows('messages');

    const refused = await t
      .http()
      .post('/messages')
      .send(aMessage({ customerId: 70, amount: '0.001' }))
      .expect(422)
      .expect('content-type', /^application\/problem\+json/);

    expect(refused.body).toMatchObject(overflowOf(70));
    expect(await t.countRows('messages')).toBe(before);
    expect(await totalOf(70)).toEqual([
      { customerId: 70, type: 'A', messageCount: 2, totalAmount: LIMIT },
    ]);
  });

  it('refuses a whole batch whose messages would overflow one counter, and names only that one', async () => {
    await counterShortOfLimit(71, 1000n);
    const before = await t.countRows('messages');

    const refused = await t
      .http()
      .post('/messages/batch')
      .send([
        aMessage({ customerId: 72, amount: '5' }),
        aMessage({ customerId: 71, amount: '0.6' }),
        aMessage({ customerId: 71, amount: '0.6' }),
      ])
      .expect(422);

    expect(refused.body).toMatchObject(overflowOf(71));
    expect(await t.countRows('messages')).toBe(before);
    expect(await totalOf(72)).toEqual([]);
  });

  it('fails only the message that overflows when it shares a group commit', async () => {
    await counterShortOfLimit(73, 1000n);
    const neighbours = Array.from({ length: 50 }, () =>
      aMessage({ customerId: 74, amount: '1' }),
    );
    const overflowing = aMessage({ customerId: 73, amount: '1.001' });

    const responses = await Promise.all(
      [overflowing, ...neighbours].map((m) =>
        t.http().post('/messages').send(m),
      ),
    );

    expect(responses.map((r) => r.status)).toEqual([
      422,
      ...Array<number>(50).fill(201),
    ]);
    expect(responses[0].body).toMatchObject(overflowOf(73));
    expect(await totalOf(74)).toEqual([
      { customerId: 74, type: 'A', messageCount: 50, totalAmount: '50.000' },
    ]);
  });

  it('fills a counter with batches of the largest amount until the next would overflow it', async () => {
    const largest = 999_999_999_999_999n;
    const fits = LIMIT_MILLI / (1000n * largest);
    let accepted = 0n;
    for (;;) {
      const response = await t
        .http()
        .post('/messages/batch')
        .send(
          Array.from({ length: 1000 }, () =>
            aMessage({ customerId: 75, amount: '999999999999.999' }),
          ),
        );
      if (response.status !== 200) {
        // On SQLite a month's and a year's total have a day's limit: one
        // day's counter fills its month's and its year's as well, and the
        // 422 names all three.
        const sqlite = process.env.E2E_DATABASE === 'sqlite';
        expect({ status: response.status, body: response.body }).toMatchObject({
          status: 422,
          body: sqlite
            ? {
                ...overflowOf(75),
                detail: `Counting would take the total of customer 75, type "A" on ${DAY}; customer 75, type "A" on ${DAY.slice(0, 7)}; customer 75, type "A" on ${DAY.slice(0, 4)} past ${LIMIT}, the most one counter holds; nothing was changed.`,
                counters: [
                  { customerId: 75, type: 'A', date: DAY },
                  { customerId: 75, type: 'A', date: DAY.slice(0, 7) },
                  { customerId: 75, type: 'A', date: DAY.slice(0, 4) },
                ],
              }
            : overflowOf(75),
        });
        break;
      }
      accepted += 1n;
      expect(accepted).toBeLessThanOrEqual(fits);
    }

    expect(accepted).toBe(fits);
    const total = accepted * 1000n * largest;
    expect(await totalOf(75)).toEqual([
      {
        customerId: 75,
        type: 'A',
        messageCount: Number(accepted * 1000n),
        totalAmount: `${total / 1000n}.${String(total % 1000n).padStart(3, '0')}`,
      },
    ]);
  });
});
