import { endOfDay, offsetAt, startOfDay } from './time-zone';
import { addDays, DATE_PATTERN, dayStart, lastDayOfMonth } from './utc-date';

/**
 * A zone's calendar periods as UTC instants: what an answer per local
 * hour, day, ISO week or month adds up. Every period is [start, end) in
 * milliseconds since the epoch, clipped to the interval asked for.
 */

export type LocalGrouping = 'hour' | 'day' | 'week' | 'month';

export interface LocalPeriod {
  /**
   * How the answer names it: YYYY-MM-DD, YYYY-MM, YYYY-Www, or an hour's
   * local start with its offset, YYYY-MM-DDTHH:00:00±HH:MM.
   */
  key: string;
  start: number;
  end: number;
}

const HOUR_MS = 3_600_000;
const QUARTER_MS = 900_000;
const DAY_MS = 86_400_000;
/** No zone changes its offset twice within this, so a scan at this step misses no change. */
const SCAN_MS = 6 * HOUR_MS;
/** The instants the calendar holds: 0001-01-01 to 9999-12-31, in UTC. */
const FIRST_INSTANT = dayStart('0001-01-01');
const END_INSTANT = dayStart('9999-12-31') + DAY_MS;

/**
 * The UTC instants of the local days from `from` to `to` (YYYY-MM-DD, both
 * inclusive) in the zone, within the UTC calendar (nothing is stored
 * outside it: the database's dates end at 9999-12-31).
 */
export function localInterval(
  zone: string,
  from: string,
  to: string,
): { start: number; end: number } {
  return {
    start: Math.max(FIRST_INSTANT, startOfDay(zone, from)),
    end: Math.min(END_INSTANT, endOfDay(zone, to)),
  };
}

/** The periods of one kind that the local interval touches, in order. */
export function localPeriods(
  zone: string,
  from: string,
  to: string,
  grouping: LocalGrouping,
): LocalPeriod[] {
  if (grouping === 'hour') return localHours(zone, from, to);
  const periods: LocalPeriod[] = [];
  const name =
    grouping === 'day'
      ? (day: string) => day
      : grouping === 'month'
        ? (day: string) => day.slice(0, 7)
        : isoWeekOf;
  // Each period from its first day in the interval to its last: the day,
  // or the rest of its ISO week or month.
  let day: string | null = from;
  while (day !== null && day <= to) {
    const key = name(day);
    let last = day;
    if (grouping === 'month') last = min(lastDayOfMonth(day), to);
    if (grouping === 'week') last = min(to, dayAfter(day, 6 - isoWeekday(day)));
    const { start, end } = localInterval(zone, day, last);
    // A day a zone skipped is empty; it names no period.
    if (end > start) periods.push({ key, start, end });
    day = dayAfter(last, 1);
  }
  return periods;
}

/** The earlier of two days; a day past the calendar is none. */
const min = (a: string, b: string | null) => (b === null || a < b ? a : b);

/** The day `days` after `day`; none past the calendar's last day. */
function dayAfter(day: string, days: number): string | null {
  const after = addDays(day, days);
  return after !== null && DATE_PATTERN.test(after) ? after : null;
}

/** Monday 0 to Sunday 6. */
function isoWeekday(day: string): number {
  return (new Date(dayStart(day)).getUTCDay() + 6) % 7;
}

/**
 * The ISO 8601 week of a day, "2026-W49": weeks begin on Monday, and a
 * week belongs to the year of its Thursday (2026-12-31 is in 2026-W53,
 * 2027-01-01 in 2026-W53 too).
 */
export function isoWeekOf(day: string): string {
  const thursday = dayStart(day) + (3 - isoWeekday(day)) * DAY_MS;
  const date = new Date(thursday);
  const year = date.getUTCFullYear();
  const january1 = new Date(0);
  january1.setUTCFullYear(year, 0, 1);
  const week = Math.floor((thursday - january1.getTime()) / (7 * DAY_MS)) + 1;
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

/** An ISO 8601 week's name: YYYY-Www. */
export const ISO_WEEK_PATTERN = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;

/**
 * The Monday (YYYY-MM-DD) that begins an ISO week named "2026-W49", or
 * null if it names none: not the pattern, a week 53 of a year of 52, or a
 * Monday before the calendar's first day. Week 1 is the week of 4 January.
 */
export function isoWeekStart(week: string): string | null {
  if (!ISO_WEEK_PATTERN.test(week)) return null;
  const january4 = `${week.slice(0, 4)}-01-04`;
  const monday = addDays(
    january4,
    (Number(week.slice(6)) - 1) * 7 - isoWeekday(january4),
  );
  return monday !== null && isoWeekOf(monday) === week ? monday : null;
}

/** The Sunday that ends an ISO week (YYYY-Www), or the calendar's last day when that comes first. */
export function isoWeekLastDay(week: string): string {
  return min('9999-12-31', dayAfter(isoWeekStart(week)!, 6));
}

/**
 * The local hours of the interval, each cut where the offset changes:
 * the hour a fall-back repeats is two periods, told apart by their
 * offset, and an hour begun at a spring-forward's end is named by its
 * local hour ("03:00" for a change to 03:01).
 */
function localHours(zone: string, from: string, to: string): LocalPeriod[] {
  const { start, end } = localInterval(zone, from, to);
  const hours: LocalPeriod[] = [];
  for (const segment of offsetSegments(zone, start, end)) {
    let at = segment.start;
    while (at < segment.end) {
      const wall = at + segment.offset;
      const hourStart = Math.floor(wall / HOUR_MS) * HOUR_MS;
      const next = Math.min(hourStart + HOUR_MS - segment.offset, segment.end);
      hours.push({
        key: hourKey(hourStart, segment.offset),
        start: at,
        end: next,
      });
      at = next;
    }
  }
  return hours;
}

/** An hour's local start with its offset: "2026-10-25T02:00:00+01:00". */
export function hourKey(wall: number, offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.round(Math.abs(offset) / 60_000);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${wallText(wall)}${sign}${hh}:${mm}`;
}

/** An hour's key as hourKey writes it. */
export const HOUR_KEY_PATTERN =
  /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):00:00[+-]([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The local hour an instant is in, at the offset in force then (one of
 * `segments`, which hold it): its key, as localPeriods names it.
 */
export function hourOf(
  instant: number,
  segments: Array<{ start: number; end: number; offset: number }>,
): string {
  let [low, high] = [0, segments.length - 1];
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (segments[middle].start <= instant) low = middle;
    else high = middle - 1;
  }
  const { offset } = segments[low];
  const wall = instant + offset;
  return hourKey(Math.floor(wall / HOUR_MS) * HOUR_MS, offset);
}

/**
 * The first instant after the local hour `key` names in the zone: the end
 * of the last quarter hour of it; or, if no instant has that name, the
 * instant its wall time and offset give.
 */
export function endOfHour(zone: string, key: string): number {
  const sign = key[19] === '-' ? -1 : 1;
  const offset =
    sign *
    (Number(key.slice(20, 22)) * HOUR_MS + Number(key.slice(23, 25)) * 60_000);
  const start = Date.parse(`${key.slice(0, 19)}Z`) - offset;
  let end = start;
  for (let at = start; at < start + HOUR_MS; at += QUARTER_MS) {
    if (offsetAt(zone, at) === offset) end = at + QUARTER_MS;
  }
  return end;
}

/** A wall time as YYYY-MM-DDTHH:MM:SS, also for years before 1000. */
function wallText(wall: number): string {
  const date = new Date(wall);
  return `${String(date.getUTCFullYear()).padStart(4, '0')}${date.toISOString().slice(-20, -5)}`;
}

/** The offsets in force over [start, end), each over the instants it holds. */
export function offsetSegments(
  zone: string,
  start: number,
  end: number,
): Array<{ start: number; end: number; offset: number }> {
  const segments = [];
  let segmentStart = start;
  let offset = offsetAt(zone, start);
  // The last instant known to have `offset`.
  let known = start;
  for (let at = start; at < end;) {
    const next = Math.min(at + SCAN_MS, end);
    const nextOffset = offsetAt(zone, next - 1);
    if (nextOffset !== offset) {
      // The change is in (known, next - 1]: the first instant with the new offset.
      let [low, high] = [known, next - 1];
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (offsetAt(zone, middle) === offset) low = middle;
        else high = middle;
      }
      segments.push({ start: segmentStart, end: high, offset });
      [segmentStart, offset] = [high, nextOffset];
    }
    known = next - 1;
    at = next;
  }
  segments.push({ start: segmentStart, end, offset });
  return segments;
}
