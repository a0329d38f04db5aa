import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from './support/test-app';

const DAY_MS = 86_400_000;
/** Two windows around clock changes: New York's and Rome's fall-back, Lord Howe's and Chatham's spring-forward (2025); their spring-forward and the southern fall-back (2026). */
const WINDOWS = [
  ['2025-09-20', '2025-11-10'],
  ['2026-02-20', '2026-04-15'],
].map(([from, to]) => [
  Date.parse(`${from}T00:00:00Z`),
  Date.parse(`${to}T00:00:00Z`),
]);
const ZONES = [
  'UTC',
  'Asia/Kolkata', // +05:30
  'Asia/Kathmandu', // +05:45
  'America/St_Johns', // −03:30, daylight −02:30
  'America/New_York',
  'Europe/Rome',
  'Australia/Lord_Howe', // +10:30, daylight +11:00: a half-hour change
  'Pacific/Chatham', // +12:45, daylight +13:45
  'Pacific/Kiritimati', // +14:00
  'Pacific/Pago_Pago', // −11:00
];
const TYPES = ['A', 'a', ''];
const QUARTER_MS = 15 * 60_000;
/** Days on which a zone changes its clocks: 23-, 23½-, 24½- and 25-hour days. */
const CHANGE_DAYS: Array<[zone: string, day: string, what: string]> = [
  ['America/New_York', '2026-03-08', 'its 23-hour spring-forward day'],
  ['America/New_York', '2025-11-02', 'its 25-hour fall-back day'],
  ['Europe/Rome', '2026-03-29', 'its 23-hour day'],
  ['Europe/Rome', '2025-10-26', 'its 25-hour day'],
  ['Australia/Lord_Howe', '2025-10-05', 'its 23½-hour day'],
  ['Australia/Lord_Howe', '2026-04-05', 'its 24½-hour day'],
  ['Pacific/Chatham', '2025-09-28', 'its 23-hour day'],
  ['Pacific/Chatham', '2026-04-05', 'its 25-hour day'],
];

type Grouping = 'hour' | 'day' | 'week' | 'month';
const PERIOD_FIELDS = {
  hour: 'hour',
  day: 'date',
  week: 'week',
  month: 'month',
} as const;

interface Item {
  customerId: number;
  type: string;
  hour?: string;
  date?: string;
  week?: string;
  month?: string;
  messageCount: number;
  totalAmount: string;
}

interface Sent {
  at: number;
  customerId: number;
  type: string;
  milli: bigint;
}

const formatMilli = (milli: bigint) =>
  `${milli / 1000n}.${String(milli % 1000n).padStart(3, '0')}`;

/** A zone's wall clock at an instant, as ICU writes it: year, month, day, hour and minute. */
function wallParts(zone: string, at: number): Record<string, string> {
  return Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(at)
      .map(({ type, value }) => [type, value]),
  );
}

/** A zone's offset at an instant, in minutes, from its wall clock as ICU writes it. */
function offsetMinutes(zone: string, at: number): number {
  const parts = wallParts(zone, at);
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
  );
  return Math.round((wall - Math.floor(at / 60_000) * 60_000) / 60_000);
}

/**
 * The instants either side of a clock change day's edges and of the change
 * itself, found by stepping quarter hours over the days around it.
 */
function aroundChange(zone: string, day: string): number[] {
  const instants: number[] = [];
  const start = Date.parse(`${day}T00:00:00Z`) - DAY_MS;
  for (let at = start; at < start + 3 * DAY_MS; at += QUARTER_MS) {
    const next = at + QUARTER_MS;
    if (
      localDay(zone, at) !== localDay(zone, next) ||
      offsetMinutes(zone, at) !== offsetMinutes(zone, next)
    ) {
      instants.push(next - 1, next);
    }
  }
  return instants;
}

/** The local day of an instant in a zone, as ICU says: the brute force's calendar, apart from the service's. */
function localDay(zone: string, at: number): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** The ISO 8601 week of a day: Monday first, in the year of its Thursday. */
function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const thursday = date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The local hour of an instant, as ICU's wall clock and offset say: "2026-10-25T02:00:00+01:00". */
function localHour(zone: string, at: number): string {
  const parts = wallParts(zone, at);
  const offset = offsetMinutes(zone, at);
  const sign = offset < 0 ? '-' : '+';
  const [hh, mm] = [Math.floor(Math.abs(offset) / 60), Math.abs(offset) % 60];
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:00:00${sign}${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
}

/** The period of a grouping a message is in, by its local day or hour. */
function periodOf(zone: string, at: number, grouping: Grouping): string {
  if (grouping === 'hour') return localHour(zone, at);
  const day = localDay(zone, at);
  if (grouping === 'day') return day;
  return grouping === 'week' ? isoWeek(day) : day.slice(0, 7);
}

/**
 * GET /stats in any time zone answers what summing the messages whose
 * instant falls on the zone's days from `from` to `to` answers, whichever
 * counters it reads (years, months, days and edge quarter hours).
 */
describe(`GET /stats in a time zone (${process.env.E2E_DATABASE})`, () => {
  let t: TestApp;
  const sent: Sent[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    // Random instants in both windows, and the instants around each
    // zone's midnights, where a day's edge quarter hours begin and end.
    const edges = ZONES.flatMap((zone) =>
      [5, 25, 40].flatMap((day) => {
        const [start] = WINDOWS[day % 2];
        const noon = start + day * DAY_MS + DAY_MS / 2;
        // The local midnight after noon UTC, found by stepping quarter hours.
        let at = noon;
        while (localDay(zone, at) === localDay(zone, noon)) at += QUARTER_MS;
        return [at - 1, at];
      }),
    );
    const changes = CHANGE_DAYS.flatMap(([zone, day]) =>
      aroundChange(zone, day),
    );
    const random = fc
      .sample(
        fc.tuple(
          fc.integer({ min: 0, max: 1 }),
          fc.integer({ min: 0, max: 50 * DAY_MS - 1 }),
        ),
        { numRuns: 140, seed: 20261204 },
      )
      .map(([window, offset]) => WINDOWS[window][0] + offset);
    const messages = fc.sample(
      fc.record({
        customerId: fc.integer({ min: 1, max: 3 }),
        type: fc.constantFrom(...TYPES),
        milli: fc.bigInt({ min: 0n, max: 999_999_999_999n }),
      }),
      { numRuns: random.length + edges.length + changes.length, seed: 4 },
    );
    for (const [index, at] of [...random, ...edges, ...changes].entries()) {
      const { customerId, type, milli } = messages[index];
      t.clock.set(new Date(at).toISOString());
      await t
        .http()
        .post('/messages')
        .send({
          customerId,
          type,
          amount: formatMilli(milli),
          uuid: randomUUID(),
        })
        .expect(201);
      sent.push({ at, customerId, type, milli });
    }
  });

  afterAll(async () => {
    await t.close();
  });

  /** The brute force: the messages on the zone's days, summed per group, in the API's order. */
  function expected(
    zone: string,
    from: string,
    to: string,
    customerId?: number,
    grouping?: Grouping,
  ): Item[] {
    const groups = new Map<string, Item & { milli: bigint }>();
    for (const message of sent) {
      const day = localDay(zone, message.at);
      if (day < from || day > to) continue;
      if (customerId !== undefined && message.customerId !== customerId)
        continue;
      const period = grouping && periodOf(zone, message.at, grouping);
      const key = JSON.stringify([message.customerId, message.type, period]);
      const group = groups.get(key) ?? {
        customerId: message.customerId,
        type: message.type,
        ...(grouping && { [PERIOD_FIELDS[grouping]]: period }),
        messageCount: 0,
        totalAmount: '',
        milli: 0n,
      };
      group.messageCount += 1;
      group.milli += message.milli;
      groups.set(key, group);
    }
    return [...groups.values()]
      .sort(
        (a, b) =>
          a.customerId - b.customerId ||
          Buffer.compare(Buffer.from(a.type), Buffer.from(b.type)) ||
          // Hours in time order: a repeated hour's two offsets.
          (a.hour !== undefined
            ? Date.parse(a.hour) - Date.parse(b.hour!)
            : (a.date ?? a.week ?? a.month ?? '').localeCompare(
                b.date ?? b.week ?? b.month ?? '',
              )),
      )
      .map(({ milli, ...group }) => ({
        ...group,
        totalAmount: formatMilli(milli),
      }));
  }

  /** Every page of the answer, followed by its cursors. */
  async function answer(
    query: Record<string, string | number>,
  ): Promise<Item[]> {
    const items: Item[] = [];
    let cursor: string | null = null;
    do {
      const response = await t
        .http()
        .get('/stats')
        .query({ ...query, ...(cursor !== null && { cursor }) })
        .expect(200);
      expect(response.body.timeZone).toBe(query.timeZone);
      items.push(...(response.body.items as Item[]));
      cursor = response.body.nextCursor as string | null;
    } while (cursor !== null);
    return items;
  }

  const day = (window: number, offset: number) =>
    new Date(WINDOWS[window][0] + offset * DAY_MS).toISOString().slice(0, 10);

  it('answers the sum of the messages on the local days, for random zones, intervals, groupings and page sizes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 1 }),
        fc.integer({ min: -2, max: 52 }),
        fc.integer({ min: 0, max: 60 }),
        fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
        fc.option(fc.constantFrom<Grouping>('hour', 'day', 'week', 'month'), {
          nil: undefined,
        }),
        fc.integer({ min: 1, max: 7 }),
        async (zone, window, start, length, customerId, groupBy, limit) => {
          // Hours are answered over at most 31 days.
          const days = groupBy === 'hour' ? length % 31 : length;
          const [from, to] = [day(window, start), day(window, start + days)];
          const query = {
            from,
            to,
            timeZone: zone,
            limit,
            ...(customerId !== undefined && { customerId }),
            ...(groupBy !== undefined && { groupBy }),
          };
          expect({ query, items: await answer(query) }).toEqual({
            query,
            items: expected(zone, from, to, customerId, groupBy),
          });
        },
      ),
      { numRuns: 120, seed: 1204 },
    );
  });

  it.each(CHANGE_DAYS)(
    'in %s answers %s, %s, with exactly its messages',
    async (zone, date) => {
      const query = { from: date, to: date, timeZone: zone };
      const items = await answer(query);
      expect(items).toEqual(expected(zone, date, date));
      expect(items.length).toBeGreaterThan(0);
    },
  );

  it.each(CHANGE_DAYS)(
    'in %s answers %s, %s, and the days either side of it, each with exactly its messages',
    async (zone, date) => {
      const [from, to] = [-1, 1].map((days) =>
        new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS)
          .toISOString()
          .slice(0, 10),
      );
      const query = { from, to, timeZone: zone, groupBy: 'day' };
      const items = await answer(query);
      expect(items).toEqual(expected(zone, from, to, undefined, 'day'));
      expect(items.filter((item) => item.date === date)).not.toEqual([]);
    },
  );

  it('repeats the zone as it was asked, and answers UTC when none was', async () => {
    const asked = await t
      .http()
      .get('/stats?from=2026-03-01&to=2026-03-31&timeZone=asia/calcutta')
      .expect(200);
    expect(asked.body.timeZone).toBe('asia/calcutta');
    expect(asked.body.items).toEqual(
      expected('Asia/Kolkata', '2026-03-01', '2026-03-31'),
    );
    const none = await t
      .http()
      .get('/stats?from=2026-03-01&to=2026-03-31')
      .expect(200);
    expect(none.body.timeZone).toBe('UTC');
  });

  it.each([
    ['Mars/Olympus_Mons'],
    ['+05:30'],
    ['GMT+5:30'],
    [''],
    ['Europe/Rome\u0000'],
    ['x'.repeat(5000)],
  ])('refuses the zone %# with a 400 naming timeZone', async (zone) => {
    const response = await t
      .http()
      .get('/stats')
      .query({ from: '2026-03-01', to: '2026-03-31', timeZone: zone })
      .expect(400);
    expect(response.body).toMatchObject({
      type: 'urn:message-stats:problem:validation-error',
      errors: [
        {
          field: 'timeZone',
          message:
            'timeZone must be an IANA time zone, such as UTC, Europe/Rome or Asia/Kathmandu',
        },
      ],
    });
  });

  it('answers hours over at most 31 days, with a 400 naming to past them', async () => {
    await t
      .http()
      .get('/stats?from=2026-03-01&to=2026-03-31&groupBy=hour')
      .expect(200);
    const response = await t
      .http()
      .get(
        '/stats?from=2026-03-01&to=2026-04-01&groupBy=hour&timeZone=Asia/Kolkata',
      )
      .expect(400);
    expect(response.body.errors).toEqual([
      {
        field: 'to',
        message: 'to must be at most 30 days after from with groupBy=hour',
      },
    ]);
  });

  it('answers the first and the last days of the calendar in zones east and west of UTC', async () => {
    for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      for (const [from, to] of [
        ['0001-01-01', '0001-01-01'],
        ['9999-12-31', '9999-12-31'],
        ['0001-01-01', '9999-12-31'],
      ]) {
        for (const groupBy of [undefined, 'hour', 'day', 'week', 'month']) {
          // Hours are answered over at most 31 days.
          if (groupBy === 'hour' && from !== to) continue;
          const response = await t
            .http()
            .get('/stats')
            .query({
              from,
              to,
              timeZone: zone,
              customerId: 1,
              ...(groupBy && { groupBy }),
            })
            .expect(200);
          expect({
            zone,
            from,
            to,
            groupBy,
            items: response.body.items,
          }).toEqual({
            zone,
            from,
            to,
            groupBy,
            items:
              from === '0001-01-01' && to === '9999-12-31'
                ? expected(zone, from, to, 1, groupBy as Grouping | undefined)
                : [],
          });
        }
      }
    }
  });

  // Last: it adds messages the tests above do not expect.
  it("answers every hour whole, in pages of any size, across New York's repeated hour", async () => {
    // A message every 10 minutes from 04:00Z to 07:00Z on 2025-11-02:
    // 00:00 to 01:59 EDT (−04:00), then 01:00 to 01:59 EST (−05:00).
    for (let minute = 0; minute < 180; minute += 10) {
      const at = Date.parse('2025-11-02T04:00:00Z') + minute * 60_000;
      t.clock.set(new Date(at).toISOString());
      const milli = BigInt(minute + 1);
      await t
        .http()
        .post('/messages')
        .send({
          customerId: 4,
          type: 'H',
          amount: formatMilli(milli),
          uuid: randomUUID(),
        })
        .expect(201);
      sent.push({ at, customerId: 4, type: 'H', milli });
    }
    const all = expected(
      'America/New_York',
      '2025-11-02',
      '2025-11-02',
      4,
      'hour',
    );
    expect(all.map((item) => item.hour)).toEqual([
      '2025-11-02T00:00:00-04:00',
      '2025-11-02T01:00:00-04:00',
      '2025-11-02T01:00:00-05:00',
    ]);
    for (const limit of [1, 2, 3, 10]) {
      const query = {
        from: '2025-11-02',
        to: '2025-11-02',
        timeZone: 'America/New_York',
        customerId: 4,
        groupBy: 'hour',
        limit,
      };
      expect({ limit, items: await answer(query) }).toEqual({
        limit,
        items: all,
      });
    }
  });
});

describe(`GET /stats in a time zone, on a database upgraded after retention (${process.env.E2E_DATABASE})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await t.dataSource.query(
      "UPDATE ledger_horizon SET first_quarter_hour_day = '2026-03-01' WHERE id = 1",
    );
  });

  afterAll(async () => {
    await t.close();
  });

  it('refuses local days that begin before the first day with quarter hours, with a 422 naming it', async () => {
    const response = await t
      .http()
      .get('/stats?from=2026-03-01&to=2026-03-31&timeZone=Asia/Kolkata')
      .expect(422);
    expect(response.body).toMatchObject({
      type: 'urn:message-stats:problem:before-quarter-hours',
      firstQuarterHourDay: '2026-03-01',
      detail:
        '2026-03-01 in Asia/Kolkata begins on 2026-02-28 in UTC, before 2026-03-01, the first day with counters per quarter hour: earlier days are answered in UTC only.',
    });
  });

  it('refuses hours of days before it, in UTC too', async () => {
    const response = await t
      .http()
      .get('/stats?from=2026-02-28&to=2026-03-01&groupBy=hour')
      .expect(422);
    expect(response.body).toMatchObject({
      type: 'urn:message-stats:problem:before-quarter-hours',
      firstQuarterHourDay: '2026-03-01',
    });
  });

  it('answers the days from it on, and UTC before it', async () => {
    await t
      .http()
      .get('/stats?from=2026-03-01&to=2026-03-31&timeZone=America/New_York')
      .expect(200);
    await t.http().get('/stats?from=2025-01-01&to=2026-03-31').expect(200);
    await t
      .http()
      .get('/stats?from=2025-01-01&to=2026-03-31&timeZone=UTC')
      .expect(200);
  });
});
