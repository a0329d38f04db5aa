import { explainStatistics } from './support/explain-statistics';
import { aMessage } from './support/message-factory';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Intervals for all customers, each with the counter tables its page reads
 * and those its bound reads (years, or months, when it has any whole one).
 */
const ALL_CUSTOMER_INTERVALS: Array<
  [string, string, string, string[], string[]]
> = [
  [
    'whole months',
    '2026-01-01',
    '2026-03-31',
    ['monthly_statistics'],
    ['monthly_statistics'],
  ],
  [
    'a ragged interval',
    '2026-01-02',
    '2026-03-15',
    ['monthly_statistics', 'daily_statistics'],
    ['monthly_statistics'],
  ],
  [
    'a few days',
    '2026-01-01',
    '2026-01-10',
    ['daily_statistics'],
    ['daily_statistics'],
  ],
  [
    'a whole year',
    '2026-01-01',
    '2026-12-31',
    ['yearly_statistics'],
    ['yearly_statistics'],
  ],
  [
    'a year less its first weeks',
    '2026-02-10',
    '2026-12-31',
    ['yearly_statistics', 'monthly_statistics', 'daily_statistics'],
    ['yearly_statistics'],
  ],
];

describe(`GET /stats (${process.env.E2E_DATABASE})`, () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await createTestApp();
  });

  afterEach(async () => {
    await t.close();
  });

  async function ingest(at: string, fields: Parameters<typeof aMessage>[0]) {
    t.clock.set(at);
    await t.http().post('/messages').send(aMessage(fields)).expect(201);
  }

  const stats = (query: string) => t.http().get(`/stats?${query}`);

  it('sums messages per customer and type, sorted, with both ends of the interval included', async () => {
    await ingest('2026-01-01T00:00:00.000Z', {
      customerId: 2,
      type: 'A',
      amount: '1',
    });
    await ingest('2026-01-02T10:00:00.000Z', {
      customerId: 1,
      type: 'B',
      amount: '0.5',
    });
    await ingest('2026-01-03T23:59:59.999Z', {
      customerId: 1,
      type: 'A',
      amount: '0.012',
    });
    await ingest('2026-01-03T12:00:00.000Z', {
      customerId: 1,
      type: 'A',
      amount: '0.012',
    });
    await ingest('2026-01-04T00:00:00.000Z', {
      customerId: 1,
      type: 'A',
      amount: '100',
    });
    await ingest('2025-12-31T23:59:59.999Z', {
      customerId: 1,
      type: 'A',
      amount: '100',
    });

    const response = await stats('from=2026-01-01&to=2026-01-03').expect(200);

    expect(response.body).toEqual({
      from: '2026-01-01',
      to: '2026-01-03',
      timeZone: 'UTC',
      items: [
        { customerId: 1, type: 'A', messageCount: 2, totalAmount: '0.024' },
        { customerId: 1, type: 'B', messageCount: 1, totalAmount: '0.500' },
        { customerId: 2, type: 'A', messageCount: 1, totalAmount: '1.000' },
      ],
      nextCursor: null,
      // Which days are final: see the event-time spec.
      settledThrough: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
  });

  it('counts a message on the UTC day it arrives, across midnight', async () => {
    await ingest('2026-05-10T23:59:59.999Z', { customerId: 1, amount: '1' });
    await ingest('2026-05-11T00:00:00.000Z', { customerId: 1, amount: '2' });

    const day1 = await stats('from=2026-05-10&to=2026-05-10').expect(200);
    const day2 = await stats('from=2026-05-11&to=2026-05-11').expect(200);

    expect(day1.body.items).toEqual([
      { customerId: 1, type: 'A', messageCount: 1, totalAmount: '1.000' },
    ]);
    expect(day2.body.items).toEqual([
      { customerId: 1, type: 'A', messageCount: 1, totalAmount: '2.000' },
    ]);
  });

  it('gives one item per day with groupBy=day', async () => {
    await ingest('2026-02-27T08:00:00.000Z', { customerId: 1, amount: '1' });
    await ingest('2026-03-01T08:00:00.000Z', { customerId: 1, amount: '2' });
    await ingest('2026-03-01T09:00:00.000Z', { customerId: 1, amount: '3' });

    const response = await stats(
      'from=2026-02-01&to=2026-03-31&groupBy=day',
    ).expect(200);

    expect(response.body.items).toEqual([
      {
        customerId: 1,
        type: 'A',
        date: '2026-02-27',
        messageCount: 1,
        totalAmount: '1.000',
      },
      {
        customerId: 1,
        type: 'A',
        date: '2026-03-01',
        messageCount: 2,
        totalAmount: '5.000',
      },
    ]);
  });

  it("gives one item per ISO week with groupBy=week, the edge weeks holding only the interval's days", async () => {
    // Sunday 2026-11-29 ends 2026-W48; Monday 2026-11-30 begins W49;
    // 2027-01-03 is still in 2026-W53.
    await ingest('2026-11-29T23:59:59.999Z', { customerId: 1, amount: '1' });
    await ingest('2026-11-30T00:00:00.000Z', { customerId: 1, amount: '2' });
    await ingest('2026-12-06T12:00:00.000Z', { customerId: 1, amount: '3' });
    await ingest('2027-01-03T12:00:00.000Z', { customerId: 1, amount: '4' });
    await ingest('2027-01-04T12:00:00.000Z', { customerId: 1, amount: '5' });
    const item = (week: string, messageCount: number, totalAmount: string) => ({
      customerId: 1,
      type: 'A',
      week,
      messageCount,
      totalAmount,
    });

    const whole = await stats(
      'from=2026-11-23&to=2027-01-10&groupBy=week',
    ).expect(200);
    const edges = await stats(
      'from=2026-11-29&to=2027-01-03&groupBy=week',
    ).expect(200);

    expect(whole.body.items).toEqual([
      item('2026-W48', 1, '1.000'),
      item('2026-W49', 2, '5.000'),
      item('2026-W53', 1, '4.000'),
      item('2027-W01', 1, '5.000'),
    ]);
    expect(edges.body.items).toEqual([
      item('2026-W48', 1, '1.000'),
      item('2026-W49', 2, '5.000'),
      item('2026-W53', 1, '4.000'),
    ]);
  });

  it('groups the first and last days of the calendar into their ISO weeks', async () => {
    await ingest('0001-01-01T00:00:00.000Z', { customerId: 1, amount: '1' });
    await ingest('9999-12-31T23:59:59.999Z', { customerId: 1, amount: '2' });

    const pages: unknown[] = [];
    let cursor: string | null = null;
    do {
      const after: string = cursor === null ? '' : `&cursor=${cursor}`;
      const page = await stats(
        `from=0001-01-01&to=9999-12-31&groupBy=week&limit=1${after}`,
      ).expect(200);
      pages.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor !== null);

    expect(pages).toEqual([
      expect.objectContaining({ week: '0001-W01', totalAmount: '1.000' }),
      expect.objectContaining({ week: '9999-W52', totalAmount: '2.000' }),
    ]);
  });

  it('filters by customerId and by exact type', async () => {
    await ingest('2026-04-01T08:00:00.000Z', { customerId: 1, type: 'A' });
    await ingest('2026-04-01T08:00:00.000Z', { customerId: 1, type: 'a' });
    await ingest('2026-04-01T08:00:00.000Z', { customerId: 2, type: 'A' });

    const byCustomer = await stats(
      'from=2026-04-01&to=2026-04-01&customerId=1',
    ).expect(200);
    const byType = await stats('from=2026-04-01&to=2026-04-01&type=a').expect(
      200,
    );

    const items = byCustomer.body.items as Array<{ type: string }>;
    expect(items.map((item) => item.type)).toEqual(['A', 'a']);
    expect(byType.body.items).toEqual([
      { customerId: 1, type: 'a', messageCount: 1, totalAmount: '0.012' },
    ]);
  });

  it('keeps types apart that differ only by case, trailing space or normalization', async () => {
    const types = ['A', 'a', 'A ', ' A', '', 'é', 'e\u0301', '😀'];
    for (const type of types) {
      await ingest('2026-06-01T08:00:00.000Z', {
        customerId: 1,
        type,
        amount: '1',
      });
    }

    const response = await stats('from=2026-06-01&to=2026-06-01').expect(200);

    const seen = (
      response.body.items as Array<{ type: string; messageCount: number }>
    ).map((item) => [item.type, item.messageCount]);
    expect(seen).toHaveLength(types.length);
    expect(new Map(seen as Array<[string, number]>)).toEqual(
      new Map(types.map((type) => [type, 1])),
    );
    const trailing = await stats(
      `from=2026-06-01&to=2026-06-01&type=${encodeURIComponent('A ')}`,
    );
    expect(trailing.body.items).toEqual([
      { customerId: 1, type: 'A ', messageCount: 1, totalAmount: '1.000' },
    ]);
  });

  it('answers an empty list when nothing matches', async () => {
    const response = await stats('from=2020-01-01&to=2020-12-31').expect(200);
    expect(response.body).toEqual({
      from: '2020-01-01',
      to: '2020-12-31',
      timeZone: 'UTC',
      items: [],
      nextCursor: null,
      settledThrough: '2026-10-20',
    });
  });

  it('answers an interval before the year 100 with its own days, not those of the 1900s', async () => {
    await ingest('1950-01-15T12:00:00.000Z', { customerId: 1, amount: '1' });
    await ingest('1950-02-28T12:00:00.000Z', { customerId: 1, amount: '2' });

    for (const query of [
      'from=0050-01-01&to=0050-02-10',
      'from=0050-01-15&to=0050-01-15&groupBy=day',
      'from=0050-01-01&to=0050-03-31&groupBy=month',
    ])
      expect({
        query,
        items: (await stats(query).expect(200)).body.items,
      }).toEqual({ query, items: [] });
    expect(
      (await stats('from=1950-01-01&to=1950-02-10').expect(200)).body.items,
    ).toEqual([
      { customerId: 1, type: 'A', messageCount: 1, totalAmount: '1.000' },
    ]);
  });

  describe('exactness', () => {
    it('adds 1000 × "0.001" to exactly "1.000"', async () => {
      t.clock.set('2026-07-01T08:00:00.000Z');
      for (let i = 0; i < 1000; i += 100) {
        await Promise.all(
          Array.from({ length: 100 }, () =>
            t
              .http()
              .post('/messages')
              .send(aMessage({ amount: '0.001' }))
              .expect(201),
          ),
        );
      }
      const response = await stats('from=2026-07-01&to=2026-07-01').expect(200);
      expect(response.body.items).toEqual([
        { customerId: 1, type: 'A', messageCount: 1000, totalAmount: '1.000' },
      ]);
    });

    it('keeps twelve × "999999999999.999" exact, past 2^53 thousandths, in a day and over days', async () => {
      for (let day = 1; day <= 12; day++) {
        await ingest(`2026-08-${String(day).padStart(2, '0')}T08:00:00.000Z`, {
          amount: '999999999999.999',
        });
        t.clock.set('2026-09-01T08:00:00.000Z');
        await t
          .http()
          .post('/messages')
          .send(aMessage({ amount: '999999999999.999' }))
          .expect(201);
      }

      const oneDay = await stats('from=2026-09-01&to=2026-09-01').expect(200);
      const overDays = await stats('from=2026-08-01&to=2026-08-31').expect(200);

      for (const response of [oneDay, overDays]) {
        expect(response.body.items).toEqual([
          {
            customerId: 1,
            type: 'A',
            messageCount: 12,
            totalAmount: '11999999999999.988',
          },
        ]);
      }
    });
    it('sums totals past 2^64 thousandths exactly, for one customer and for all', async () => {
      // Three months, each with one day at the largest total SQLite holds in
      // a row (2^63 − 1), and its monthly counter to match.
      const largest = '9223372036854775807';
      for (const day of ['2026-05-01', '2026-06-15', '2026-07-31']) {
        await t.dataSource.query(
          `INSERT INTO daily_statistics (customer_id, type, stat_date, message_count, total_amount_milli) VALUES (5, 'A', ?, 9223, ?)`,
          [day, largest],
        );
        await t.dataSource.query(
          `INSERT INTO monthly_statistics (stat_month, customer_id, type, message_count, total_amount_milli) VALUES (?, 5, 'A', 9223, ?)`,
          [`${day.slice(0, 7)}-01`, largest],
        );
      }
      await ingest('2026-06-02T08:00:00.000Z', { customerId: 6, amount: '1' });
      const big = {
        customerId: 5,
        type: 'A',
        messageCount: 3 * 9223,
        totalAmount: '27670116110564327.421',
      };

      // Whole months; and whole months with a day more, which reads day rows too.
      for (const interval of [
        'from=2026-05-01&to=2026-07-31',
        'from=2026-04-30&to=2026-07-31',
      ]) {
        const all = await stats(interval).expect(200);
        const one = await stats(`${interval}&customerId=5`).expect(200);

        expect(all.body.items).toEqual([
          big,
          { customerId: 6, type: 'A', messageCount: 1, totalAmount: '1.000' },
        ]);
        expect(one.body.items).toEqual([big]);
      }
    });
  });

  describe('pagination', () => {
    it.each([
      ['per customer and type', ''],
      ['per day', '&groupBy=day'],
      ['per week', '&groupBy=week'],
    ])('walks every row exactly once, %s', async (_name, groupBy) => {
      for (const customerId of [3, 1, 2]) {
        for (const type of ['B', 'A', '']) {
          // A Sunday and the Monday after it: two days, and two ISO weeks.
          await ingest('2026-10-04T08:00:00.000Z', { customerId, type });
          await ingest('2026-10-05T08:00:00.000Z', { customerId, type });
        }
      }
      const everything = await stats(
        `from=2026-10-04&to=2026-10-05${groupBy}&limit=10000`,
      );
      const pages: unknown[][] = [];
      let cursor: string | null = null;
      do {
        const after: string = cursor === null ? '' : `&cursor=${cursor}`;
        const page = await stats(
          `from=2026-10-04&to=2026-10-05${groupBy}&limit=4${after}`,
        ).expect(200);
        pages.push(page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor !== null);

      expect(pages.flat()).toEqual(everything.body.items);
      expect(pages.flat()).toHaveLength(groupBy ? 18 : 9);
      expect(pages.slice(0, -1).every((page) => page.length === 4)).toBe(true);
    });

    it('refuses a cursor that is not one of its own, or from the other grouping', async () => {
      await ingest('2026-10-01T08:00:00.000Z', { customerId: 1 });
      await ingest('2026-10-01T08:00:00.000Z', { customerId: 2 });
      const page = await stats('from=2026-10-01&to=2026-10-01&limit=1').expect(
        200,
      );
      expect(page.body.nextCursor).toEqual(expect.any(String));

      for (const cursor of ['garbage!', 'bm9wZQ', page.body.nextCursor]) {
        const response = await stats(
          `from=2026-10-01&to=2026-10-01&groupBy=day&cursor=${cursor}`,
        ).expect(400);
        expect(response.body.errors).toEqual([
          { field: 'cursor', message: expect.any(String) },
        ]);
      }
    });
  });

  describe('invalid parameters', () => {
    it.each([
      ['from', 'to=2026-01-01'],
      ['to', 'from=2026-01-01'],
      ['from', 'from=2026-1-01&to=2026-01-01'],
      ['from', 'from=2026-02-30&to=2026-03-01'],
      ['to', 'from=2026-01-01&to=2025-02-29'],
      ['from', 'from=2026-01-01T00:00:00Z&to=2026-01-02'],
      ['to', 'from=2026-01-02&to=2026-01-01'],
      ['customerId', 'from=2026-01-01&to=2026-01-01&customerId=abc'],
      ['customerId', 'from=2026-01-01&to=2026-01-01&customerId=-1'],
      ['customerId', 'from=2026-01-01&to=2026-01-01&customerId=1.5'],
      ['customerId', 'from=2026-01-01&to=2026-01-01&customerId=1&customerId=2'],
      ['customerId', 'from=2026-01-01&to=2026-01-01&customerId=1.0'],
      ['customerId', 'from=2026-01-01&to=2026-01-01&customerId=1e2'],
      [
        'customerId',
        'from=2026-01-01&to=2026-01-01&customerId=2.9999999999999999',
      ],
      [
        'customerId',
        'from=2026-01-01&to=2026-01-01&customerId=9007199254740993',
      ],
      ['customerId', 'from=2026-01-01&to=2026-01-01&customerId=%201'],
      ['limit', 'from=2026-01-01&to=2026-01-01&limit=10.0'],
      ['limit', 'from=2026-01-01&to=2026-01-01&limit=9.9999999999999999'],
      ['groupBy', 'from=2026-01-01&to=2026-01-01&groupBy=year'],
      ['groupBy', 'from=2026-01-01&to=2026-01-01&groupBy=Week'],
      ['limit', 'from=2026-01-01&to=2026-01-01&limit=0'],
      ['limit', 'from=2026-01-01&to=2026-01-01&limit=10001'],
      ['limit', 'from=2026-01-01&to=2026-01-01&limit=1e3'],
      ['type', `from=2026-01-01&to=2026-01-01&type=${'x'.repeat(65)}`],
      ['from', 'from=2026-01-01&from=2026-01-02&to=2026-01-03'],
    ])('is a 400 problem naming %s for %s', async (field, query) => {
      const response = await stats(query)
        .expect(400)
        .expect('content-type', /application\/problem\+json/);
      expect(response.body.errors).toEqual([
        { field, message: expect.any(String) },
      ]);
    });

    it('accepts a leap day and limit=10000', async () => {
      await stats('from=2024-02-29&to=2024-02-29&limit=10000').expect(200);
    });
  });

  it.each([
    ['a year, from its yearly counter', '2026-01-01', '2026-12-31'],
    ['a ragged year, the year less its edge days', '2026-01-02', '2026-12-30'],
    ['a half-year, from whole months', '2026-01-01', '2026-06-30'],
    ['a few days, from day rows', '2026-01-01', '2026-01-10'],
  ])(
    'serves one customer over %s from key ranges, never a table scan',
    async (_, from, to) => {
      const { page: plan } = await explainStatistics(t.app, {
        from,
        to,
        customerId: 1,
        limit: 1001,
      });
      if (process.env.E2E_DATABASE === 'mysql') {
        const reads = plan.filter((row) =>
          [
            'yearly_statistics',
            'monthly_statistics',
            'daily_statistics',
          ].includes(String(row.table)),
        );
        expect(reads.length).toBeGreaterThan(0);
        for (const read of reads) {
          // Day-first or group-first: whichever the optimizer counts fewer rows in.
          expect({ table: read.table, key: read.key }).toEqual({
            table: read.table,
            key: expect.stringMatching(
              /^(PRIMARY|idx_daily_statistics_group)$/,
            ),
          });
          expect(['ref', 'range', 'eq_ref', 'const']).toContain(read.type);
        }
      } else {
        const detail = plan.map((row) => String(row.detail)).join('\n');
        expect(detail).toMatch(
          /SEARCH (yearly|monthly|daily)_statistics USING (INDEX|PRIMARY KEY|COVERING INDEX) .*customer_id=\?/,
        );
        expect(detail).not.toMatch(/SCAN (yearly|monthly|daily)_statistics/);
      }
    },
  );

  it.each(ALL_CUSTOMER_INTERVALS)(
    'serves all customers over %s from ranges of the period-first primary keys, with no look-up per row',
    async (_, from, to, tables) => {
      const { page: plan } = await explainStatistics(t.app, {
        from,
        to,
        limit: 1001,
      });
      if (process.env.E2E_DATABASE === 'mysql') {
        const reads = plan.filter((row) =>
          String(row.table).endsWith('_statistics'),
        );
        expect(new Set(reads.map((row) => row.table))).toEqual(new Set(tables));
        // InnoDB keeps the row in its primary key: no other index spares a look-up.
        for (const read of reads)
          expect([read.table, read.key]).toEqual([read.table, 'PRIMARY']);
      } else {
        const detail = plan.map((row) => String(row.detail)).join('\n');
        for (const table of tables)
          expect(detail).toMatch(
            new RegExp(
              `SEARCH ${table} USING (PRIMARY KEY|INDEX sqlite_autoindex_${table}_1) \\(stat_(year|month|date)=\\?`,
            ),
          );
        expect(detail).not.toMatch(/SCAN (yearly|monthly|daily)_statistics/);
      }
    },
  );

  it.each(ALL_CUSTOMER_INTERVALS)(
    "bounds an all-customers page over %s by a short read of each period's key, with no look-up per row",
    async (_, from, to, _pageTables, tables) => {
      const { bound } = await explainStatistics(t.app, {
        from,
        to,
        limit: 1001,
      });
      if (process.env.E2E_DATABASE === 'mysql') {
        const reads = bound.filter((row) =>
          String(row.table).endsWith('_statistics'),
        );
        expect(new Set(reads.map((row) => row.table))).toEqual(new Set(tables));
        for (const read of reads) {
          // PRIMARY is period-first on the yearly and monthly tables; the daily one's
          // period-first index holds the whole group key ("Using index").
          expect({ table: read.table, type: read.type }).toEqual({
            table: read.table,
            type: expect.stringMatching(/^(range|ref)$/),
          });
          if (read.table === 'daily_statistics')
            expect(String(read.Extra)).toContain('Using index');
          expect(String(read.Extra)).not.toContain('filesort');
        }
      } else {
        const searches = bound
          .map((row) => String(row.detail))
          .filter((detail) => /_statistics/.test(detail));
        expect(searches.length).toBeGreaterThan(0);
        for (const search of searches)
          expect(search).toMatch(
            /^SEARCH (yearly|monthly|daily)_statistics USING COVERING INDEX \S+ \(stat_(year|month|date)=\?\)$/,
          );
      }
    },
  );

  it.each([
    ['a month', '2026-03-01', '2026-03-31'],
    ['a year', '2026-01-01', '2026-12-31'],
  ])(
    'serves all customers per ISO week over %s from the daily counters alone, with no scan of the table',
    async (_, from, to) => {
      const { page } = await explainStatistics(t.app, {
        from,
        to,
        groupBy: 'week',
        limit: 1001,
      });
      if (process.env.E2E_DATABASE === 'mysql') {
        const reads = page.filter((row) =>
          String(row.table).endsWith('_statistics'),
        );
        expect(reads.map((row) => row.table)).toEqual(
          reads.map(() => 'daily_statistics'),
        );
        for (const read of reads)
          expect({ table: read.table, type: read.type }).toEqual({
            table: read.table,
            type: expect.stringMatching(/^(range|ref)$/),
          });
      } else {
        const detail = page.map((row) => String(row.detail)).join('\n');
        expect(detail).toMatch(/SEARCH daily_statistics/);
        expect(detail).not.toMatch(/SCAN (yearly|monthly|daily)_statistics/);
      }
    },
  );
});
