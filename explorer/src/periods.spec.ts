import {
  dateOfSeconds,
  isoWeekOf,
  isSettled,
  periodX,
  periodXs,
  tooManyPeriods,
  weekStartSeconds,
  zonedMidnight,
} from './periods';

const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000;

describe('periods', () => {
  it('names ISO weeks across year ends', () => {
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(dateOfSeconds(weekStartSeconds('2026-W49'))).toBe('2026-11-30');
    expect(dateOfSeconds(weekStartSeconds('2025-W01'))).toBe('2024-12-30');
  });

  it('lists every day of the interval, quiet ones included', () => {
    const xs = periodXs('2026-02-27', '2026-03-01', 'day', 'UTC', []);
    expect(xs.map(dateOfSeconds)).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
    ]);
  });

  it('lists the weeks and months an interval touches', () => {
    expect(
      periodXs('2026-11-29', '2026-12-01', 'week', 'UTC', []).map(
        dateOfSeconds,
      ),
    ).toEqual(['2026-11-23', '2026-11-30']);
    expect(
      periodXs('2026-01-31', '2026-03-01', 'month', 'UTC', []).map(
        dateOfSeconds,
      ),
    ).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
  });

  it('lists 23 hours on a spring-forward day and 25 on a fall-back day', () => {
    expect(
      periodXs('2026-03-29', '2026-03-29', 'hour', 'Europe/Rome', []),
    ).toHaveLength(23);
    const fallBack = periodXs(
      '2026-10-25',
      '2026-10-25',
      'hour',
      'Europe/Rome',
      [],
    );
    expect(fallBack).toHaveLength(25);
    // The repeated 02:00 is two instants, as the API's two hour keys are.
    expect(fallBack).toContain(periodX('2026-10-25T02:00:00+02:00', 'hour'));
    expect(fallBack).toContain(periodX('2026-10-25T02:00:00+01:00', 'hour'));
  });

  it('finds local midnight on either side of UTC', () => {
    expect(zonedMidnight('2026-11-01', 'Asia/Kathmandu')).toBe(
      day('2026-11-01') - 5 * 3600 - 45 * 60,
    );
    expect(zonedMidnight('2026-11-01', 'America/New_York')).toBe(
      day('2026-11-01') + 4 * 3600,
    );
    expect(zonedMidnight('2026-11-02', 'America/New_York')).toBe(
      day('2026-11-02') + 5 * 3600,
    );
  });

  it('settles a local day once all of it is on or before settledThrough in UTC', () => {
    const x = day('2026-10-20');
    expect(isSettled(x, 'day', '2026-12-31', 'UTC', '2026-10-20')).toBe(true);
    expect(isSettled(x, 'day', '2026-12-31', 'UTC', '2026-10-19')).toBe(false);
    // New York's 20 October ends at 04:00 UTC on the 21st.
    expect(
      isSettled(x, 'day', '2026-12-31', 'America/New_York', '2026-10-20'),
    ).toBe(false);
    expect(
      isSettled(x, 'day', '2026-12-31', 'America/New_York', '2026-10-21'),
    ).toBe(true);
    // Rome's ends at 22:00 UTC on the 20th.
    expect(isSettled(x, 'day', '2026-12-31', 'Europe/Rome', '2026-10-20')).toBe(
      true,
    );
    expect(isSettled(x, 'day', '2026-12-31', 'UTC', null)).toBe(false);
  });

  it('settles a month cut by the interval once its days in the interval are', () => {
    expect(
      isSettled(day('2026-10-01'), 'month', '2026-10-15', 'UTC', '2026-10-15'),
    ).toBe(true);
    expect(
      isSettled(day('2026-10-01'), 'month', '2026-10-31', 'UTC', '2026-10-15'),
    ).toBe(false);
  });

  it('will not chart more periods than it can draw, from the first day of the calendar to the last', () => {
    expect(tooManyPeriods('0001-01-01', '9999-12-31', 'day')).toMatch(
      /^3652059 days are more than 5000$/,
    );
    expect(tooManyPeriods('2026-01-01', '2026-12-31', 'day')).toBeUndefined();
    expect(tooManyPeriods('0001-01-01', '9999-12-31', 'month')).toBeDefined();
  });
});
