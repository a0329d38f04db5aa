import { endOfDay, isTimeZone, offsetAt, startOfDay } from './time-zone';

const HOUR = 3_600_000;
const QUARTER = 15 * 60_000;
const at = (iso: string) => Date.parse(iso);
const hours = (zone: string, day: string) =>
  (endOfDay(zone, day) - startOfDay(zone, day)) / HOUR;

/** Every change of offset of the zone between two instants, to the millisecond. */
function transitions(zone: string, from: number, to: number) {
  const week = 7 * 24 * HOUR;
  const found: Array<{ at: number; offset: number }> = [];
  let previous = offsetAt(zone, from);
  for (let t = from + week; t <= to; t += week) {
    const offset = offsetAt(zone, t);
    if (offset === previous) continue;
    let [low, high] = [t - week, t];
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (offsetAt(zone, middle) === previous) low = middle;
      else high = middle;
    }
    found.push({ at: high, offset });
    previous = offset;
  }
  return found;
}

describe('isTimeZone', () => {
  it.each([
    'UTC',
    'Etc/UTC',
    'Europe/Rome',
    'europe/rome',
    'Asia/Kathmandu',
    'Asia/Calcutta',
    'America/Argentina/Buenos_Aires',
    'Etc/GMT+5',
  ])('knows %s', (zone) => {
    expect(isTimeZone(zone)).toBe(true);
  });

  it.each([
    'Mars/Olympus_Mons',
    '',
    '+05:30',
    '-03:00',
    'Europe/Rome ',
    '../../etc/passwd',
    'Europe/'.padEnd(80, 'x'),
  ])('refuses %j', (zone) => {
    expect(isTimeZone(zone)).toBe(false);
  });
});

describe('offsetAt', () => {
  it.each([
    ['UTC', '2026-07-01T00:00:00Z', 0],
    ['Europe/Rome', '2026-01-15T12:00:00Z', 60],
    ['Europe/Rome', '2026-07-15T12:00:00Z', 120],
    ['Asia/Kathmandu', '2026-07-15T12:00:00Z', 345],
    ['Asia/Kolkata', '2026-07-15T12:00:00Z', 330],
    ['America/St_Johns', '2026-01-15T12:00:00Z', -210],
    ['Australia/Lord_Howe', '2026-01-15T12:00:00Z', 660],
    ['Australia/Lord_Howe', '2026-07-15T12:00:00Z', 630],
  ])('gives %s at %s as %i minutes', (zone, instant, minutes) => {
    expect(offsetAt(zone, at(instant))).toBe(minutes * 60_000);
  });

  it('reads the seconds of local mean time', () => {
    expect(offsetAt('Europe/Rome', at('1850-01-01T00:00:00Z'))).toBe(
      (49 * 60 + 56) * 1000,
    );
  });

  it('throws for a zone that does not exist', () => {
    expect(() => offsetAt('Mars/Olympus_Mons', 0)).toThrow(RangeError);
  });
});

describe('startOfDay and endOfDay', () => {
  it('start a day at its local midnight', () => {
    expect(startOfDay('Asia/Kolkata', '2026-12-04')).toBe(
      at('2026-12-03T18:30:00Z'),
    );
    expect(endOfDay('America/New_York', '2026-12-04')).toBe(
      at('2026-12-05T05:00:00Z'),
    );
  });

  it('give the spring-forward day 23 hours and the fall-back day 25', () => {
    expect(hours('Europe/Rome', '2026-03-29')).toBe(23);
    expect(hours('Europe/Rome', '2026-10-25')).toBe(25);
    // The southern hemisphere changes the other way round.
    expect(hours('Australia/Sydney', '2026-04-05')).toBe(25);
    expect(hours('Australia/Sydney', '2026-10-04')).toBe(23);
    // Lord Howe moves its clocks half an hour.
    expect(hours('Australia/Lord_Howe', '2026-10-04')).toBe(23.5);
  });

  it('start a day whose midnight a clock change skipped at the change', () => {
    // Brazil sprang forward at midnight: 00:00-03:00 became 01:00-02:00.
    expect(startOfDay('America/Sao_Paulo', '2018-11-04')).toBe(
      at('2018-11-04T03:00:00Z'),
    );
    expect(hours('America/Sao_Paulo', '2018-11-03')).toBe(24);
    expect(hours('America/Sao_Paulo', '2018-11-04')).toBe(23);
  });

  it('give the day before a fall-back at midnight the repeated hour', () => {
    // 2019-02-17 00:00 -02:00 became 2019-02-16 23:00 -03:00.
    expect(startOfDay('America/Sao_Paulo', '2019-02-17')).toBe(
      at('2019-02-17T03:00:00Z'),
    );
    expect(hours('America/Sao_Paulo', '2019-02-16')).toBe(25);
  });

  it('make a day the zone skipped empty', () => {
    // Samoa crossed the date line: 2011-12-29 was followed by 2011-12-31.
    expect(hours('Pacific/Apia', '2011-12-30')).toBe(0);
    expect(hours('Pacific/Apia', '2011-12-29')).toBe(24);
    expect(hours('Pacific/Apia', '2011-12-31')).toBe(24);
  });

  it.each(['Pacific/Kiritimati', 'Etc/GMT+12', 'Asia/Kathmandu', 'UTC'])(
    'reach the calendar first and last days in %s',
    (zone) => {
      for (const day of ['0001-01-01', '9999-12-31']) {
        expect(Number.isSafeInteger(startOfDay(zone, day))).toBe(true);
        expect(endOfDay(zone, day)).toBeGreaterThan(startOfDay(zone, day));
      }
    },
  );

  it('leave no instant between one day and the next in any zone', () => {
    for (const zone of ['Europe/Rome', 'America/St_Johns', 'Asia/Gaza']) {
      for (const day of ['2026-03-08', '2026-03-28', '2026-11-01']) {
        const next = new Date(Date.parse(day) + 24 * HOUR)
          .toISOString()
          .slice(0, 10);
        expect(startOfDay(zone, next)).toBe(endOfDay(zone, day));
      }
    }
  });
});

describe('the zones the runtime knows', () => {
  const zones = Intl.supportedValuesOf('timeZone');
  const since1980 = at('1980-01-01T00:00:00Z');
  const since2023 = at('2023-01-01T00:00:00Z');
  const until = at('2040-01-01T00:00:00Z');

  // What makes quarter-hour buckets exact: each offset is whole quarters,
  // so every local midnight is on the quarter grid. (tz data 2026c: 418 zones.)
  it('have only offsets of whole quarter hours since 1980', () => {
    const off = zones.flatMap((zone) =>
      transitions(zone, since1980, until)
        .filter(({ offset }) => offset % QUARTER !== 0)
        .map(({ at: instant }) => `${zone} ${new Date(instant).toISOString()}`),
    );
    expect(off).toEqual([]);
  });

  // Hour items are exact where the clock also changes on a quarter hour.
  // Before 2023 a few did not (Antarctica/Casey 2022, Newfoundland and
  // Labrador until 2011 changed at 00:01); a tz release that brings such a
  // change back fails here and must be documented (docs/time-zones.md).
  it('change their clocks on a quarter hour from 2023 on', () => {
    const off = zones.flatMap((zone) =>
      transitions(zone, since2023, until)
        .filter(({ at: instant }) => instant % QUARTER !== 0)
        .map(({ at: instant }) => `${zone} ${new Date(instant).toISOString()}`),
    );
    expect(off).toEqual([]);
  });
});
