import { dayStart } from './utc-date';

/**
 * IANA time zones, read from the runtime's ICU (Node 24 ships its own tz
 * data; `process.versions.tz` names the release). A day, hour or week in a
 * zone becomes an interval of UTC instants here and nowhere else.
 */

/** Parsed formatters, one per zone name asked for: few, and costly to make. */
const formatters = new Map<string, Intl.DateTimeFormat>();
/** More than any deployment's customers use; a flood of odd names cannot grow it. */
const MAX_FORMATTERS = 1024;

/** An IANA name: letters first, no offset ("+05:30" is a zone to ICU, not to IANA). */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;

function formatterOf(zone: string): Intl.DateTimeFormat | undefined {
  let formatter = formatters.get(zone);
  if (formatter !== undefined) return formatter;
  if (!ZONE_NAME.test(zone)) return undefined;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      timeZoneName: 'longOffset',
    });
  } catch {
    return undefined;
  }
  if (formatters.size >= MAX_FORMATTERS) formatters.clear();
  formatters.set(zone, formatter);
  return formatter;
}

/**
 * True for a zone the runtime knows by that name, in any case ("europe/rome"
 * too) and by its older aliases ("Asia/Calcutta"). ICU would name some by
 * an alias ("Asia/Katmandu"), so answers repeat the name they were asked in.
 */
export function isTimeZone(zone: string): boolean {
  return formatterOf(zone) !== undefined;
}

const OFFSET = /^GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * The zone's offset from UTC at an instant, in milliseconds (positive east
 * of Greenwich). Seconds appear only in local mean time, before a zone
 * took a standard offset.
 */
export function offsetAt(zone: string, instant: number): number {
  const formatter = formatterOf(zone);
  if (formatter === undefined)
    throw new RangeError(`unknown time zone ${zone}`);
  const name = formatter
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = OFFSET.exec(name ?? '');
  if (match === null) throw new RangeError(`unreadable offset ${name}`);
  if (match[1] === undefined) return 0;
  const seconds =
    Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4] ?? 0);
  return (match[1] === '-' ? -1 : 1) * seconds * 1000;
}

const DAY_MS = 86_400_000;

/**
 * The first instant of a local day (YYYY-MM-DD) in the zone: its
 * midnight, or, where a clock change skips midnight, the first instant
 * after the gap. A day a zone skipped entirely (Pacific/Apia's
 * 2011-12-30) begins where the next one does: it is empty. Days are
 * then [startOfDay(d), startOfDay(d + 1)): every instant in exactly one.
 */
export function startOfDay(zone: string, day: string): number {
  return startAtMidnight(zone, dayStart(day));
}

/**
 * The first instant after a local day: the next day's start, also after
 * the calendar's last day.
 */
export function endOfDay(zone: string, day: string): number {
  return startAtMidnight(zone, dayStart(day) + DAY_MS);
}

/** startOfDay of the local day whose midnight, read as UTC, is `midnight`. */
function startAtMidnight(zone: string, midnight: number): number {
  const before = offsetAt(zone, midnight - DAY_MS);
  const after = offsetAt(zone, midnight + DAY_MS);
  // Local midnight at each offset in force around it; the earliest that
  // really has that offset is the day's start.
  const valid = [...new Set([before, after])]
    .map((offset) => midnight - offset)
    .filter((instant) => midnight - offsetAt(zone, instant) === instant)
    .sort((a, b) => a - b);
  if (valid.length > 0) return valid[0];
  // Midnight fell in a gap: the day starts at the change, found to the
  // millisecond between a day before and the gap's end.
  let low = midnight - before - DAY_MS;
  let high = midnight - before;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(zone, middle) === before) low = middle;
    else high = middle;
  }
  return high;
}
