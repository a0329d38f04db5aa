import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { isoWeekOf } from '../src/common/local-calendar';
import { createTestApp, TestApp } from './support/test-app';

const DAY_MS = 86_400_000;
const FIRST = Date.parse('2023-12-15T00:00:00Z') / DAY_MS;
const LAST = Date.parse('2025-03-15T00:00:00Z') / DAY_MS;
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const TYPES = ['A', 'a', ''];

interface Item {
  customerId: number;
  type: string;
  month?: string;
  week?: string;
  date?: string;
  messageCount: number;
  totalAmount: string;
}

const formatMilli = (milli: bigint) =>
  `${milli / 1000n}.${String(milli % 1000n).padStart(3, '0')}`;

/**
 * GET /stats over any interval, whichever counters it reads (whole months,
 * plus or minus edge days, or days alone), answers what summing the day
 * rows of the interval answers.
 */
describe(`GET /stats over random intervals (${process.env.E2E_DATABASE})`, () => {
  let t: TestApp;
  const days: Array<{
    customerId: number;
    type: string;
    day: number;
    count: number;
    milli: bigint;
  }> = [];

  beforeAll(async () => {
    t = await createTestApp();
    // Reproducible data: about 80 days across two year ends and a leap day,
    // a batch of messages on each, three customers and three types.
    const batches = fc.sample(
      fc.record({
        day: fc.oneof(
          fc.integer({ min: FIRST, max: LAST }),
          fc.constantFrom(
            ...['2024-02-29', '2023-12-31', '2024-01-01', '2024-12-31'].map(
              (d) => Date.parse(`${d}T00:00:00Z`) / DAY_MS,
            ),
          ),
        ),
        messages: fc.array(
          fc.record({
            customerId: fc.integer({ min: 1, max: 3 }),
            type: fc.constantFrom(...TYPES),
            milli: fc.bigInt({ min: 0n, max: 999_999_999_999_999n }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
      }),
      { numRuns: 80, seed: 20261127 },
    );
    for (const { day, messages } of batches) {
      t.clock.set(`${dayOf(day)}T12:00:00.000Z`);
      await t
        .http()
        .post('/messages/batch')
        .send(
          messages.map(({ customerId, type, milli }) => ({
            customerId,
            type,
            amount: formatMilli(milli),
            uuid: randomUUID(),
          })),
        )
        .expect(200);
      for (const { customerId, type, milli } of messages) {
        const row = days.find(
          (r) =>
            r.customerId === customerId && r.type === type && r.day === day,
        );
        if (row) {
          row.count += 1;
          row.milli += milli;
        } else days.push({ customerId, type, day, count: 1, milli });
      }
    }
  });

  afterAll(async () => {
    await t.close();
  });

  /** The brute force: the day rows of the interval, summed per group, in the API's order. */
  function expected(
    from: number,
    to: number,
    customerId: number | undefined,
    groupBy: 'month' | 'week' | 'day' | undefined,
  ): Item[] {
    const groups = new Map<string, Item & { milli: bigint }>();
    for (const row of days) {
      if (row.day < from || row.day > to) continue;
      if (customerId !== undefined && row.customerId !== customerId) continue;
      const period =
        groupBy === 'month'
          ? dayOf(row.day).slice(0, 7)
          : groupBy === 'week'
            ? isoWeekOf(dayOf(row.day))
            : groupBy === 'day'
              ? dayOf(row.day)
              : undefined;
      const key = JSON.stringify([row.customerId, row.type, period]);
      const group = groups.get(key) ?? {
        customerId: row.customerId,
        type: row.type,
        ...(groupBy !== undefined && {
          [groupBy === 'day' ? 'date' : groupBy]: period,
        }),
        messageCount: 0,
        totalAmount: '',
        milli: 0n,
      };
      group.messageCount += row.count;
      group.milli += row.milli;
      groups.set(key, group);
    }
    return [...groups.values()]
      .sort(
        (a, b) =>
          a.customerId - b.customerId ||
          Buffer.compare(Buffer.from(a.type), Buffer.from(b.type)) ||
          (a.month ?? a.week ?? a.date ?? '').localeCompare(
            b.month ?? b.week ?? b.date ?? '',
          ),
      )
      .map(({ milli, ...group }) => ({
        ...group,
        totalAmount: formatMilli(milli),
      }));
  }

  /** Every page of the answer, following nextCursor. */
  async function answer(query: string, limit: number): Promise<Item[]> {
    const items: Item[] = [];
    let cursor: string | null = null;
    do {
      const response = await t
        .http()
        .get(
          `/stats?${query}&limit=${limit}${cursor === null ? '' : `&cursor=${cursor}`}`,
        )
        .expect(200);
      const body = response.body as {
        items: Item[];
        nextCursor: string | null;
      };
      items.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor !== null);
    return items;
  }

  const edgeDay = fc.constantFrom(
    ...[
      '2023-12-31',
      '2024-01-01',
      '2024-01-31',
      '2024-02-01',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
      '2024-12-31',
      '2025-01-01',
      '2025-02-28',
    ].map((d) => Date.parse(`${d}T00:00:00Z`) / DAY_MS),
  );
  const aDay = fc.oneof(
    fc.integer({ min: FIRST - 20, max: LAST + 20 }),
    edgeDay,
    edgeDay.map((d) => d - 1),
    edgeDay.map((d) => d + 1),
  );

  it.each([
    ['per customer and type', undefined],
    ['per customer, type and month (groupBy=month)', 'month'],
    ['per customer, type and ISO week (groupBy=week)', 'week'],
    ['per customer, type and day (groupBy=day)', 'day'],
  ] as const)(
    'answers every interval %s as the sum of its day rows, on any page size',
    async (_, groupBy) => {
      await fc.assert(
        fc.asyncProperty(
          aDay,
          fc.oneof(
            fc.nat({ max: 3 }),
            fc.nat({ max: 70 }),
            fc.nat({ max: 800 }),
            aDay,
          ),
          fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
          fc.integer({ min: 1, max: 4 }),
          async (start, lengthOrEnd, customerId, limit) => {
            const end =
              lengthOrEnd > FIRST - 100 ? lengthOrEnd : start + lengthOrEnd;
            const [from, to] = start <= end ? [start, end] : [end, start];
            const query =
              `from=${dayOf(from)}&to=${dayOf(to)}` +
              (customerId === undefined ? '' : `&customerId=${customerId}`) +
              (groupBy === undefined ? '' : `&groupBy=${groupBy}`);
            expect({ query, items: await answer(query, limit) }).toEqual({
              query,
              items: expected(from, to, customerId, groupBy),
            });
          },
        ),
        { numRuns: 60, seed: 27112026 },
      );
    },
  );
});
