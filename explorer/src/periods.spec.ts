import { isoWeekOf, isoWeekStart } from '../../src/common/local-calendar';
import { startOfDay } from '../../src/common/time-zone';
import { chartPeriods, isSettled, tooManyPeriods } from './periods';

const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000;
const dateOf = (seconds: number) =>
  new Date(seconds * 1000).toISOString().slice(0, 10);
const xs = (...args: Parameters<typeof chartPeriods>) =>
  chartPeriods(...args).map((period) => period.x);
/** The end of the day's only period, for isSettled. */
const endOf = (date: string, zone: string) =>
  chartPeriods(date, date, 'day', zone)[0].end;

describe('periods', () => {
  it('names ISO weeks across year ends, with the service’s calendar', () => {
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekStart('2026-W49')).toBe('2026-11-30');
    expect(isoWeekStart('2025-W01')).toBe('2024-12-30');
  });

  it('lists every day of the interval, quiet ones included', () => {
    const periods = chartPeriods('2026-02-27', '2026-03-01', 'day', 'UTC');
    expect(periods.map((period) => dateOf(period.x))).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
    ]);
    expect(periods.map((period) => period.key)).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
    ]);
  });

  it('lists the weeks and months an interval touches', () => {
    expect(xs('2026-11-29', '2026-12-01', 'week', 'UTC').map(dateOf)).toEqual([
      '2026-11-23',
      '2026-11-30',
    ]);
    expect(xs('2026-01-31', '2026-03-01', 'month', 'UTC').map(dateOf)).toEqual([
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
    ]);
  });

  it('lists 23 hours on a spring-forward day and 25 on a fall-back day', () => {
    expect(
      chartPeriods('2026-03-29', '2026-03-29', 'hour', 'Europe/Rome'),
    ).toHaveLength(23);
    const fallBack = chartPeriods(
      '2026-10-25',
      '2026-10-25',
      'hour',
      'Europe/Rome',
    );
    expect(fallBack).toHaveLength(25);
    // The repeated 02:00 is two instants, as the API's two hour keys are.
    expect(fallBack.map((period) => period.x)).toContain(
      Date.parse('2026-10-25T02:00:00+02:00') / 1000,
    );
    expect(fallBack.map((period) => period.x)).toContain(
      Date.parse('2026-10-25T02:00:00+01:00') / 1000,
    );
    expect(fallBack.map((period) => period.label).slice(2, 4)).toEqual([
      '2026-10-25 02:00 +02:00',
      '2026-10-25 02:00 +01:00',
    ]);
  });

  it('finds local midnight on either side of UTC, with the service’s zones', () => {
    expect(startOfDay('Asia/Kathmandu', '2026-11-01') / 1000).toBe(
      day('2026-11-01') - 5 * 3600 - 45 * 60,
    );
    expect(startOfDay('America/New_York', '2026-11-01') / 1000).toBe(
      day('2026-11-01') + 4 * 3600,
    );
    expect(startOfDay('America/New_York', '2026-11-02') / 1000).toBe(
      day('2026-11-02') + 5 * 3600,
    );
  });

  it('settles a local day once all of it is on or before settledThrough in UTC', () => {
    expect(isSettled(endOf('2026-10-20', 'UTC'), '2026-10-20')).toBe(true);
    expect(isSettled(endOf('2026-10-20', 'UTC'), '2026-10-19')).toBe(false);
    // New York's 20 October ends at 04:00 UTC on the 21st.
    expect(
      isSettled(endOf('2026-10-20', 'America/New_York'), '2026-10-20'),
    ).toBe(false);
    expect(
      isSettled(endOf('2026-10-20', 'America/New_York'), '2026-10-21'),
    ).toBe(true);
    // Rome's ends at 22:00 UTC on the 20th.
    expect(isSettled(endOf('2026-10-20', 'Europe/Rome'), '2026-10-20')).toBe(
      true,
    );
    expect(isSettled(endOf('2026-10-20', 'UTC'), null)).toBe(false);
  });

  it('settles a month cut by the interval once its days in the interval are', () => {
    const cut = chartPeriods('2026-10-01', '2026-10-15', 'month', 'UTC')[0];
    const whole = chartPeriods('2026-10-01', '2026-10-31', 'month', 'UTC')[0];
    expect(isSettled(cut.end, '2026-10-15')).toBe(true);
    expect(isSettled(whole.end, '2026-10-15')).toBe(false);
  });

  it('will not chart more periods than it can draw, from the first day of the calendar to the last', () => {
    expect(tooManyPeriods('0001-01-01', '9999-12-31', 'day')).toMatch(
      /^3652059 days are more than 5000$/,
    );
    expect(tooManyPeriods('2026-01-01', '2026-12-31', 'day')).toBeUndefined();
    expect(tooManyPeriods('0001-01-01', '9999-12-31', 'month')).toBeDefined();
  });
});
