import { aMessage } from './support/message-factory';
import { useTestApp } from './support/test-app';

const NOW = '2026-11-25T12:07:30.000Z';

/** One quarter hour's counter (the sum of its slots), as text. */
type QuarterRow = [
  day: string,
  quarter: number,
  type: string,
  count: string,
  milli: string,
];

describe(`counters per UTC quarter hour (${process.env.E2E_DATABASE})`, () => {
  const t = useTestApp();

  beforeEach(() => t.clock.set(NOW));

  const post = (body: unknown) =>
    t
      .http()
      .post('/messages')
      .send(body as object);
  const batch = (body: unknown) =>
    t
      .http()
      .post('/messages/batch')
      .set('content-type', 'application/json')
      .send(JSON.stringify(body));

  async function quartersOf(customerId: number): Promise<QuarterRow[]> {
    const rows = await t.dataSource.query<Array<Record<string, unknown>>>(
      `SELECT stat_date, quarter, type, SUM(message_count) AS n, SUM(total_amount_milli) AS milli
FROM quarter_hour_statistics WHERE customer_id = ?
GROUP BY stat_date, quarter, type ORDER BY stat_date, quarter, type`,
      [customerId],
    );
    return rows.map((row) => [
      String(row.stat_date).slice(0, 10),
      Number(row.quarter),
      String(row.type),
      String(row.n),
      String(row.milli),
    ]);
  }

  async function dayOf(customerId: number): Promise<[string, string]> {
    const [row] = await t.dataSource.query<Array<Record<string, unknown>>>(
      'SELECT SUM(message_count) AS n, SUM(total_amount_milli) AS milli FROM daily_statistics WHERE customer_id = ?',
      [customerId],
    );
    return [String(row.n), String(row.milli)];
  }

  // The edges of quarter hours, and an offset that is not a whole hour.
  const timed = (customerId: number) => [
    aMessage({
      customerId,
      amount: '1',
      timestamp: '2026-11-24T00:00:00.000Z',
    }),
    aMessage({
      customerId,
      amount: '2',
      timestamp: '2026-11-24T00:14:59.999Z',
    }),
    aMessage({
      customerId,
      amount: '4',
      timestamp: '2026-11-24T00:15:00.000Z',
    }),
    aMessage({
      customerId,
      amount: '8',
      timestamp: '2026-11-24T23:59:59.999Z',
    }),
    // 05:45 in Kathmandu (+05:45) is midnight UTC.
    aMessage({
      customerId,
      amount: '16',
      timestamp: '2026-11-24T05:45:00+05:45',
    }),
    // No timestamp: it counts when it arrives, 12:07:30 (quarter 48).
    aMessage({ customerId, amount: '32' }),
  ];
  const expected: QuarterRow[] = [
    ['2026-11-24', 0, 'A', '3', '19000'],
    ['2026-11-24', 1, 'A', '1', '4000'],
    ['2026-11-24', 95, 'A', '1', '8000'],
    ['2026-11-25', 48, 'A', '1', '32000'],
  ];

  it('counts each message sent alone in the quarter hour of its own time, or of its arrival', async () => {
    for (const message of timed(801)) await post(message).expect(201);

    expect(await quartersOf(801)).toEqual(expected);
    expect(await dayOf(801)).toEqual(['6', '63000']);
  });

  it('counts a batch the same way, its messages of one quarter hour summed in one counter', async () => {
    await batch(timed(802)).expect(200);

    expect(await quartersOf(802)).toEqual(expected);
    expect(await dayOf(802)).toEqual(['6', '63000']);
  });

  it('counts a uuid sent again, alone or in a batch, once in its quarter hour', async () => {
    const message = aMessage({
      customerId: 803,
      amount: '5',
      timestamp: '2026-11-25T09:44:00Z',
    });
    await post(message).expect(201);
    await post(message).expect(200);
    await batch([message, message]).expect(200);

    expect(await quartersOf(803)).toEqual([
      ['2026-11-25', 38, 'A', '1', '5000'],
    ]);
  });

  it('takes a voided message out of its quarter hour, and deletes the counter it empties', async () => {
    const [kept, voided, alone] = [
      aMessage({
        customerId: 804,
        amount: '1',
        timestamp: '2026-11-25T10:00:00Z',
      }),
      aMessage({
        customerId: 804,
        amount: '2',
        timestamp: '2026-11-25T10:14:00Z',
      }),
      aMessage({
        customerId: 804,
        amount: '4',
        timestamp: '2026-11-25T10:15:00Z',
      }),
    ];
    await batch([kept, voided, alone]).expect(200);

    await t
      .http()
      .post(`/messages/${String(voided.uuid)}/void`)
      .expect(200);
    await t
      .http()
      .post(`/messages/${String(alone.uuid)}/void`)
      .expect(200);

    expect(await quartersOf(804)).toEqual([
      ['2026-11-25', 40, 'A', '1', '1000'],
    ]);
    await expect(
      t.audit.differences('2026-11-25', '2026-11-25'),
    ).resolves.toEqual([]);
  });
});
