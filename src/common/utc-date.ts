/** A calendar date written YYYY-MM-DD. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC calendar day of an instant, as YYYY-MM-DD: the day a message counts on. */
export function utcDateOf(instant: Date): string {
  return isoOf(instant).slice(0, 10);
}

// The messages of a batch share their arrival instant: the last instant
// formatted is kept, so a batch formats it once, not once per message.
let lastIso = { ms: NaN, text: '' };

function isoOf(instant: Date): string {
  const ms = instant.getTime();
  if (ms !== lastIso.ms) lastIso = { ms, text: instant.toISOString() };
  return lastIso.text;
}

/** True for a YYYY-MM-DD string naming a real day ("2025-02-29" is not one). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE_PATTERN.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year);
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

const DAY_MS = 86_400_000;

/** The instant, in milliseconds since the epoch, a YYYY-MM-DD UTC day begins. */
export const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`);

/** The UTC day `days` after `day` (before it when negative); null before the calendar's first day. */
export function addDays(day: string, days: number): string | null {
  const moved = new Date(dayStart(day) + days * DAY_MS);
  return moved.getUTCFullYear() < 1 ? null : utcDateOf(moved);
}

/**
 * An instant as the databases store it: "YYYY-MM-DD HH:MM:SS.mmm" in UTC,
 * which MySQL's DATETIME(3) and SQLite's text both keep unchanged.
 */
export function toSqlDateTime(instant: Date): string {
  const iso = isoOf(instant);
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/** The inverse of toSqlDateTime: back to an ISO 8601 UTC string. */
export function fromSqlDateTime(value: string): string {
  return new Date(`${value.replace(' ', 'T')}Z`).toISOString();
}

/** The first day (YYYY-MM-01) of the month of a YYYY-MM-DD day: a monthly counter's key. */
export const monthOf = (day: string): string => `${day.slice(0, 7)}-01`;

/** The first day of the month `months` after the month beginning `monthStart` (YYYY-MM-01). */
export function addMonths(monthStart: string, months: number): string {
  const index =
    Number(monthStart.slice(0, 4)) * 12 +
    Number(monthStart.slice(5, 7)) -
    1 +
    months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
}

/** The first day (YYYY-01-01) of the year of a YYYY-MM-DD day: a yearly counter's key. */
export const yearOf = (day: string): string => `${day.slice(0, 4)}-01-01`;

/**
 * The last day of the month of a YYYY-MM-DD day. Periods end on their last
 * day, never at the next one's start: after 9999-12 comes a month no
 * column holds and no text comparison sorts ("10000-01-01" < "9999-…").
 */
export function lastDayOfMonth(day: string): string {
  const [year, month] = day.split('-').map(Number);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days =
    month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return `${day.slice(0, 7)}-${days}`;
}

/** The last day (YYYY-12-31) of the year of a YYYY-MM-DD day. */
export const lastDayOfYear = (day: string): string =>
  `${day.slice(0, 4)}-12-31`;

/** The UTC quarter hour of the day an instant falls in: 0 (00:00–00:15) to 95 (23:45–24:00). */
export const quarterOfDay = (instant: Date): number =>
  instant.getUTCHours() * 4 + Math.floor(instant.getUTCMinutes() / 15);

/** A quarter hour of a day by its UTC start: "2026-12-04T13:45Z". */
export function quarterHourName(day: string, quarter: number): string {
  const hours = String(Math.floor(quarter / 4)).padStart(2, '0');
  const minutes = String((quarter % 4) * 15).padStart(2, '0');
  return `${day}T${hours}:${minutes}Z`;
}
