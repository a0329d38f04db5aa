import {
  endOfHour,
  hourOf,
  isoWeekOf,
  isoWeekStart,
  localInterval,
  LocalGrouping,
  localPeriods,
  offsetSegments,
} from './local-calendar';
import { addDays } from './utc-date';

const at = (iso: string) => Date.parse(iso);
const iso = (instant: number) => new Date(instant).toISOString();
const HOUR = 3_600_000;

describe('isoWeekOf', () => {
  it.each([
    ['2026-12-03', '2026-W49'],
    ['2026-12-28', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'],
    ['2021-01-03', '2020-W53'],
    ['2020-12-31', '2020-W53'],
    ['0001-01-01', '0001-W01'],
  ])('puts %s in %s', (day, week) => {
    expect(isoWeekOf(day)).toBe(week);
  });
});

describe('isoWeekStart', () => {
  it.each([
    ['2026-W49', '2026-11-30'],
    ['2026-W53', '2026-12-28'],
    ['2027-W01', '2027-01-04'],
    ['2025-W01', '2024-12-30'],
    ['2020-W53', '2020-12-28'],
    ['0001-W01', '0001-01-01'],
    ['9999-W52', '9999-12-27'],
  ])('begins %s on Monday %s', (week, monday) => {
    expect(isoWeekStart(week)).toBe(monday);
  });

  it.each([
    '2025-W53',
    '2026-W54',
    '2026-W00',
    '2026-W1',
    '2026-49',
    '0000-W52',
  ])('names no week for %s', (week) => {
    expect(isoWeekStart(week)).toBeNull();
  });

  it('is the inverse of isoWeekOf on every day of four centuries', () => {
    const misplaced: string[] = [];
    let day: string | null = '1999-12-27';
    while (day !== null && day < '2400-01-10') {
      const monday = isoWeekStart(isoWeekOf(day));
      const sunday = monday === null ? null : addDays(monday, 6);
      if (monday === null || sunday === null || day < monday || day > sunday) {
        misplaced.push(day);
      }
      day = addDays(day, 1);
    }
    expect(misplaced).toEqual([]);
  });
});

describe('localInterval', () => {
  it('holds the local days, from the first midnight to the one after the last', () => {
    const { start, end } = localInterval(
      'Asia/Kolkata',
      '2026-12-01',
      '2026-12-31',
    );
    expect([iso(start), iso(end)]).toEqual([
      '2026-11-30T18:30:00.000Z',
      '2026-12-31T18:30:00.000Z',
    ]);
  });

  it('stays inside the UTC calendar at both ends', () => {
    expect(localInterval('Asia/Tokyo', '0001-01-01', '0001-01-01').start).toBe(
      at('0001-01-01T00:00:00Z'),
    );
    expect(localInterval('Etc/GMT+12', '9999-12-31', '9999-12-31').end).toBe(
      at('9999-12-31T00:00:00Z') + 24 * HOUR,
    );
  });
});

describe('localPeriods', () => {
  it('gives Rome a 23-hour and a 25-hour day', () => {
    const days = localPeriods('Europe/Rome', '2026-03-28', '2026-03-30', 'day');
    expect(
      days.map(({ key, start, end }) => [key, (end - start) / HOUR]),
    ).toEqual([
      ['2026-03-28', 24],
      ['2026-03-29', 23],
      ['2026-03-30', 24],
    ]);
    const [fallBack] = localPeriods(
      'Europe/Rome',
      '2026-10-25',
      '2026-10-25',
      'day',
    );
    expect((fallBack.end - fallBack.start) / HOUR).toBe(25);
  });

  it('clips the months at the interval edges', () => {
    const months = localPeriods(
      'America/New_York',
      '2026-11-15',
      '2026-12-10',
      'month',
    );
    expect(
      months.map(({ key, start, end }) => [key, iso(start), iso(end)]),
    ).toEqual([
      ['2026-11', '2026-11-15T05:00:00.000Z', '2026-12-01T05:00:00.000Z'],
      ['2026-12', '2026-12-01T05:00:00.000Z', '2026-12-11T05:00:00.000Z'],
    ]);
  });

  it('cuts ISO weeks on Mondays, clipped to the interval', () => {
    const weeks = localPeriods('UTC', '2026-12-01', '2026-12-20', 'week');
    expect(
      weeks.map(({ key, start, end }) => [key, iso(start), iso(end)]),
    ).toEqual([
      ['2026-W49', '2026-12-01T00:00:00.000Z', '2026-12-07T00:00:00.000Z'],
      ['2026-W50', '2026-12-07T00:00:00.000Z', '2026-12-14T00:00:00.000Z'],
      ['2026-W51', '2026-12-14T00:00:00.000Z', '2026-12-21T00:00:00.000Z'],
    ]);
  });

  it('names the hour a fall-back repeats twice, by its offsets', () => {
    const hours = localPeriods(
      'Europe/Rome',
      '2026-10-25',
      '2026-10-25',
      'hour',
    );
    expect(hours).toHaveLength(25);
    expect(
      hours.slice(1, 4).map(({ key, start }) => [key, iso(start)]),
    ).toEqual([
      ['2026-10-25T01:00:00+02:00', '2026-10-24T23:00:00.000Z'],
      ['2026-10-25T02:00:00+02:00', '2026-10-25T00:00:00.000Z'],
      ['2026-10-25T02:00:00+01:00', '2026-10-25T01:00:00.000Z'],
    ]);
  });

  it('has no hour for the one a spring-forward skips', () => {
    const keys = localPeriods(
      'Europe/Rome',
      '2026-03-29',
      '2026-03-29',
      'hour',
    ).map(({ key }) => key);
    expect(keys).toHaveLength(23);
    expect(keys.slice(1, 3)).toEqual([
      '2026-03-29T01:00:00+01:00',
      '2026-03-29T03:00:00+02:00',
    ]);
  });

  it('starts Kathmandu hours at a quarter to the UTC hour', () => {
    const [first] = localPeriods(
      'Asia/Kathmandu',
      '2026-12-04',
      '2026-12-04',
      'hour',
    );
    expect(first).toEqual({
      key: '2026-12-04T00:00:00+05:45',
      start: at('2026-12-03T18:15:00Z'),
      end: at('2026-12-03T19:15:00Z'),
    });
  });

  it("cuts Lord Howe's half-hour fall-back into a half hour", () => {
    const hours = localPeriods(
      'Australia/Lord_Howe',
      '2026-04-05',
      '2026-04-05',
      'hour',
    );
    expect(
      hours
        .map(({ key, start, end }) => [key, (end - start) / HOUR])
        .slice(0, 4),
    ).toEqual([
      ['2026-04-05T00:00:00+11:00', 1],
      ['2026-04-05T01:00:00+11:00', 1],
      ['2026-04-05T01:00:00+10:30', 0.5],
      ['2026-04-05T02:00:00+10:30', 1],
    ]);
  });

  it('names no period for a day the zone skipped', () => {
    const days = localPeriods(
      'Pacific/Apia',
      '2011-12-29',
      '2011-12-31',
      'day',
    );
    expect(days.map(({ key }) => key)).toEqual(['2011-12-29', '2011-12-31']);
  });

  it('reaches the calendar first and last days', () => {
    for (const grouping of ['day', 'week', 'month', 'hour'] as const) {
      const periods = localPeriods(
        'Pacific/Kiritimati',
        '9999-12-30',
        '9999-12-31',
        grouping,
      );
      expect(periods.at(-1)!.end).toBe(
        localInterval('Pacific/Kiritimati', '9999-12-30', '9999-12-31').end,
      );
      expect(
        localPeriods('Asia/Tokyo', '0001-01-01', '0001-01-02', grouping)[0]
          .start,
      ).toBe(at('0001-01-01T00:00:00Z'));
    }
  });

  // Exactness rests on this: the periods of an answer tile its interval.
  it('tiles the interval with no gap and no overlap, in any zone and grouping', () => {
    const zones = [
      'UTC',
      'Europe/Rome',
      'America/New_York',
      'America/St_Johns',
      'Asia/Kathmandu',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
      'Australia/Sydney',
      'America/Santiago',
      'Pacific/Chatham',
    ];
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let run = 0; run < 120; run++) {
      const zone = zones[Math.floor(random() * zones.length)];
      const grouping = (['hour', 'day', 'week', 'month'] as LocalGrouping[])[
        Math.floor(random() * 4)
      ];
      const first =
        at('2019-01-01T00:00:00Z') + Math.floor(random() * 3000) * 24 * HOUR;
      const span = Math.floor(random() * (grouping === 'hour' ? 20 : 400));
      const from = iso(first).slice(0, 10);
      const to = iso(first + span * 24 * HOUR).slice(0, 10);
      const periods = localPeriods(zone, from, to, grouping);
      const { start, end } = localInterval(zone, from, to);
      const where = `${zone} ${grouping} ${from}..${to}`;
      expect([where, periods[0].start]).toEqual([where, start]);
      expect([where, periods.at(-1)!.end]).toEqual([where, end]);
      periods.slice(1).forEach((period, index) => {
        expect([where, period.start]).toEqual([where, periods[index].end]);
        expect([where, period.end > period.start]).toEqual([where, true]);
      });
      expect([where, new Set(periods.map(({ key }) => key)).size]).toEqual([
        where,
        periods.length,
      ]);
    }
  });
});

describe('offsetSegments', () => {
  it("finds Rome's changes of 2026 to the millisecond", () => {
    const segments = offsetSegments(
      'Europe/Rome',
      at('2026-01-01T00:00:00Z'),
      at('2027-01-01T00:00:00Z'),
    );
    expect(
      segments.map(({ start, offset }) => [iso(start), offset / HOUR]),
    ).toEqual([
      ['2026-01-01T00:00:00.000Z', 1],
      ['2026-03-29T01:00:00.000Z', 2],
      ['2026-10-25T01:00:00.000Z', 1],
    ]);
  });

  it('finds a change that falls on a scan step', () => {
    // 2026-03-29T01:00Z is a whole number of six-hour steps from this start.
    const segments = offsetSegments(
      'Europe/Rome',
      at('2026-03-28T19:00:00Z'),
      at('2026-03-29T13:00:00Z'),
    );
    expect(segments.map(({ start }) => iso(start))).toEqual([
      '2026-03-28T19:00:00.000Z',
      '2026-03-29T01:00:00.000Z',
    ]);
  });
});

describe('hourOf and endOfHour', () => {
  it('name every quarter of a month of hours as localPeriods does, in zones with any offsets', () => {
    for (const zone of [
      'UTC',
      'Asia/Kathmandu',
      'America/New_York',
      'Australia/Lord_Howe',
      'America/St_Johns',
    ]) {
      const [from, to] = ['2026-03-25', '2026-04-10'];
      const hours = localPeriods(zone, from, to, 'hour');
      const { start, end } = localInterval(zone, from, to);
      const segments = offsetSegments(zone, start, end);
      for (const hour of hours) {
        for (let quarter = hour.start; quarter < hour.end; quarter += 900_000) {
          expect({
            zone,
            at: iso(quarter),
            key: hourOf(quarter, segments),
          }).toEqual({
            zone,
            at: iso(quarter),
            key: hour.key,
          });
        }
        expect({
          zone,
          key: hour.key,
          end: iso(endOfHour(zone, hour.key)),
        }).toEqual({
          zone,
          key: hour.key,
          end: iso(hour.end),
        });
      }
    }
  });

  it("ends each of New York's two 01:00 hours of 2025-11-02 at its own instant", () => {
    expect(
      iso(endOfHour('America/New_York', '2025-11-02T01:00:00-04:00')),
    ).toBe('2025-11-02T06:00:00.000Z');
    expect(
      iso(endOfHour('America/New_York', '2025-11-02T01:00:00-05:00')),
    ).toBe('2025-11-02T07:00:00.000Z');
  });
});
