/**
 * The periods whose counters add up to an interval of days: whole months
 * from the monthly counters, the days at the ragged edges from the daily
 * ones. An edge month that the interval almost fills is cheaper as the
 * whole month minus the few days it leaves out: every answer then reads at
 * most 16 rows per group for each edge month and one per whole month,
 * whatever the interval's length. Months are their first day, days
 * YYYY-MM-DD; each list is sorted and holds no period twice.
 */
export interface IntervalCover {
  addMonths: string[];
  addDays: string[];
  subtractDays: string[];
}

const DAY_MS = 86_400_000;

export function coverInterval(from: string, to: string): IntervalCover {
  const cover: IntervalCover = { addMonths: [], addDays: [], subtractDays: [] };
  const [first, last] = [dayNumber(from), dayNumber(to)];
  const [fromYear, fromMonth] = from.split('-').map(Number);
  for (let index = fromYear * 12 + fromMonth - 1; ; index++) {
    const year = Math.floor(index / 12);
    const month = index % 12;
    const monthFirst = dayFromParts(year, month, 1);
    if (monthFirst > last) break;
    const monthLast = dayFromParts(year, month + 1, 1) - 1;
    const start = Math.max(first, monthFirst);
    const end = Math.min(last, monthLast);
    const inside = end - start + 1;
    const outside = monthLast - monthFirst + 1 - inside;
    if (outside === 0) cover.addMonths.push(dayText(monthFirst));
    else if (1 + outside < inside) {
      cover.addMonths.push(dayText(monthFirst));
      cover.subtractDays.push(
        ...days(monthFirst, start - 1),
        ...days(end + 1, monthLast),
      );
    } else cover.addDays.push(...days(start, end));
  }
  return cover;
}

/** Days since 1970-01-01 of a YYYY-MM-DD day. */
function dayNumber(day: string): number {
  const [year, month, date] = day.split('-').map(Number);
  return dayFromParts(year, month - 1, date);
}

/** Days since 1970-01-01 of a year, a month (0–11, or 12 for the next January) and a day. */
function dayFromParts(year: number, month: number, date: number): number {
  // setUTCFullYear, not Date.UTC, which takes years 0–99 for 1900–1999.
  const instant = new Date(0);
  instant.setUTCFullYear(year + Math.floor(month / 12), month % 12, date);
  return instant.getTime() / DAY_MS;
}

/** Formatted once per day: every request of an interval asks for the same few. */
const dayTexts = new Map<number, string>();

function dayText(number: number): string {
  let text = dayTexts.get(number);
  if (text === undefined) {
    text = new Date(number * DAY_MS).toISOString().slice(0, 10);
    if (dayTexts.size < 100_000) dayTexts.set(number, text);
  }
  return text;
}

/** The days numbered `first` to `last`, both included; none if `first` is after `last`. */
function days(first: number, last: number): string[] {
  const all: string[] = [];
  for (let day = first; day <= last; day++) all.push(dayText(day));
  return all;
}

/** The days of [from, to], both included, YYYY-MM-DD; only the first `max` if given. */
export function daysBetween(
  from: string,
  to: string,
  max = Infinity,
): string[] {
  const first = dayNumber(from);
  return days(first, Math.min(dayNumber(to), first + max - 1));
}

/** How many days [from, to] holds. */
export function dayCount(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from) + 1;
}

/** How many calendar months [from, to] touches. */
export function monthsBetween(from: string, to: string): number {
  const [fromYear, fromMonth] = from.split('-').map(Number);
  const [toYear, toMonth] = to.split('-').map(Number);
  return (toYear - fromYear) * 12 + toMonth - fromMonth + 1;
}
