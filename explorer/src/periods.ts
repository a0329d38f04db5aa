/**
 * The periods of an answer, as the chart's x axis: every period of the
 * interval, messages or not, so that a quiet day draws as a zero and not as
 * a line across it. Days, weeks and months are named by local dates, drawn
 * at that date's UTC midnight on a UTC axis (so they read as themselves);
 * hours are real instants, drawn in the query's time zone.
 */
import type { StatsItem } from './stats-client';

export type PeriodGrouping = 'hour' | 'day' | 'week' | 'month';

const DAY_S = 86_400;

/** The key an item has for a grouping ("2026-11-25", "2026-W48", ...). */
export function periodKeyOf(item: StatsItem, grouping: PeriodGrouping): string {
  const key =
    grouping === 'hour'
      ? item.hour
      : grouping === 'day'
        ? item.date
        : grouping === 'week'
          ? item.week
          : item.month;
  if (key === undefined) throw new Error(`an item without its ${grouping}`);
  return key;
}

/** Seconds since the epoch of a date's UTC midnight. */
export function dateSeconds(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 1000;
}

export function dateOfSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** Where a period key sits on the x axis, in seconds. */
export function periodX(key: string, grouping: PeriodGrouping): number {
  switch (grouping) {
    case 'hour':
      return Date.parse(key) / 1000;
    case 'day':
      return dateSeconds(key);
    case 'week':
      return weekStartSeconds(key);
    case 'month':
      return dateSeconds(`${key}-01`);
  }
}

/** The Monday that begins an ISO 8601 week ("2026-W49"). */
export function weekStartSeconds(week: string): number {
  const [year, number] = week.split('-W').map(Number);
  // January 4th is always in week 1; its week's Monday begins week 1.
  const jan4 = dateSeconds(`${year}-01-04`);
  const weekday = (new Date(jan4 * 1000).getUTCDay() + 6) % 7;
  return jan4 - weekday * DAY_S + (number - 1) * 7 * DAY_S;
}

/** The ISO 8601 week a date is in. */
export function isoWeekOf(date: string): string {
  const seconds = dateSeconds(date);
  const weekday = (new Date(seconds * 1000).getUTCDay() + 6) % 7;
  // The week's Thursday decides its year.
  const thursday = new Date((seconds + (3 - weekday) * DAY_S) * 1000);
  const year = thursday.getUTCFullYear();
  const number =
    Math.floor(
      (thursday.getTime() / 1000 - dateSeconds(`${year}-01-01`)) / (7 * DAY_S),
    ) + 1;
  return `${year}-W${String(number).padStart(2, '0')}`;
}

/**
 * Every period's x from the interval's first day to its last, in order.
 * Hours step by the hour from the first local midnight to the last one's
 * end; an hour the answer names that the step misses (a zone that moves
 * its clocks by half an hour) is added in its place.
 */
export function periodXs(
  from: string,
  to: string,
  grouping: PeriodGrouping,
  timeZone: string,
  answered: Iterable<number>,
): number[] {
  const xs = new Set<number>();
  if (grouping === 'hour') {
    const end = zonedMidnight(nextDate(to), timeZone);
    for (let x = zonedMidnight(from, timeZone); x < end; x += 3600) xs.add(x);
  } else {
    for (let day = dateSeconds(from); day <= dateSeconds(to); day += DAY_S) {
      const date = dateOfSeconds(day);
      xs.add(
        grouping === 'day'
          ? day
          : grouping === 'week'
            ? weekStartSeconds(isoWeekOf(date))
            : dateSeconds(`${date.slice(0, 7)}-01`),
      );
    }
  }
  for (const x of answered) xs.add(x);
  return [...xs].sort((a, b) => a - b);
}

export function nextDate(date: string): string {
  return dateOfSeconds(dateSeconds(date) + DAY_S);
}

/**
 * Whether every instant of the period at x is on or before settledThrough
 * (a UTC day): no late message can change it any more. A period's days
 * are clipped to the interval, so its last day is at most `to`.
 */
export function isSettled(
  x: number,
  grouping: PeriodGrouping,
  to: string,
  timeZone: string,
  settledThrough: string | null,
): boolean {
  if (settledThrough === null) return false;
  const settledEnd = dateSeconds(nextDate(settledThrough));
  if (grouping === 'hour') return x + 3600 <= settledEnd;
  const start = dateOfSeconds(x);
  const next =
    grouping === 'day'
      ? nextDate(start)
      : grouping === 'week'
        ? dateOfSeconds(x + 7 * DAY_S)
        : dateOfSeconds(dateSeconds(monthAfter(start)));
  const end = next > nextDate(to) ? nextDate(to) : next;
  return zonedMidnight(end, timeZone) <= settledEnd;
}

function monthAfter(date: string): string {
  const [year, month] = date.split('-').map(Number);
  return month === 12
    ? `${year + 1}-01-01`
    : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/**
 * The instant (seconds) a date's day begins in a time zone: its local
 * midnight, or its first instant where the clocks skip midnight.
 */
export function zonedMidnight(date: string, timeZone: string): number {
  const wall = dateSeconds(date);
  let guess = wall - offsetSeconds(wall, timeZone);
  // The offset at the guess may differ from the offset at the wall time read as UTC.
  guess = wall - offsetSeconds(guess, timeZone);
  return guess;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in seconds. */
export function offsetSeconds(seconds: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(
    format
      .formatToParts(new Date(seconds * 1000))
      .map((p) => [p.type, p.value]),
  );
  const wall =
    Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
      Number(parts.second),
    ) / 1000;
  return wall - seconds;
}

/** The most periods a chart draws: past it, a line is a smear. */
export const MAX_CHART_PERIODS = 5000;

/** Why an interval has too many periods to draw, or undefined. */
export function tooManyPeriods(
  from: string,
  to: string,
  grouping: PeriodGrouping,
): string | undefined {
  const days = (dateSeconds(to) - dateSeconds(from)) / DAY_S + 1;
  const periods = Math.ceil(
    days / { hour: 1 / 24, day: 1, week: 7, month: 30.44 }[grouping],
  );
  return periods > MAX_CHART_PERIODS
    ? `${periods} ${grouping}s are more than ${MAX_CHART_PERIODS}`
    : undefined;
}
