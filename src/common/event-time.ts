/**
 * An RFC 3339 date-time (section 5.6) with at most millisecond precision:
 * a full date, "T", a time, and "Z" or a numeric offset. "T" and "Z" may be
 * lowercase, as RFC 3339 allows.
 */
export const RFC_3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

export const TIMESTAMP_RULE =
  'timestamp must be an RFC 3339 date-time with Z or a numeric offset and at most millisecond precision, such as "2026-12-03T10:15:30.123Z"';

/**
 * The instant an RFC 3339 timestamp names, in milliseconds since the epoch;
 * undefined for anything else. Refused on purpose: a date alone, no
 * offset, more than three fractional digits, 24:00, a leap second (:60:
 * JavaScript's clock has none), year 0, and days or offsets that do not
 * exist (-00:00 is allowed: RFC 3339's "offset unknown", read as UTC).
 */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = RFC_3339.exec(value);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match
    .slice(1, 7)
    .map(Number);
  const milli = Number((match[7] ?? '').padEnd(3, '0'));
  if (year < 1 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (match[8] === undefined) {
    const [hours, minutes] = [Number(match[10]), Number(match[11])];
    if (hours > 23 || minutes > 59) return undefined;
    offsetMinutes = (match[9] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const local =
    year >= 100
      ? Date.UTC(year, month - 1, day, hour, minute, second, milli)
      : // Date.UTC reads years 0-99 as 1900-1999.
        new Date(0).setUTCFullYear(year, month - 1, day) +
        ((hour * 60 + minute) * 60 + second) * 1000 +
        milli;
  return local - offsetMinutes * 60_000;
}

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2
    ? leap
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;
}

const DAY_MS = 86_400_000;

/**
 * The instants a message received at `receivedAt` may carry: at most
 * `maxAgeDays` back and `maxSkewS` ahead, both bounds included.
 */
export function acceptedWindow(
  receivedAt: Date,
  { maxAgeDays, maxSkewS }: { maxAgeDays: number; maxSkewS: number },
): { earliest: Date; latest: Date } {
  return {
    earliest: new Date(receivedAt.getTime() - maxAgeDays * DAY_MS),
    latest: new Date(receivedAt.getTime() + maxSkewS * 1000),
  };
}
