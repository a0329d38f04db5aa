/**
 * The periods whose counters add up to an interval of days: whole years
 * from the yearly counters, whole months from the monthly ones, the days
 * at the ragged edges from the daily ones. An edge month that the interval
 * almost fills is cheaper as the whole month minus the few days it leaves
 * out, and an edge year as the whole year minus the months and days it
 * leaves out: every answer then reads at most 16 rows per group for each
 * edge month and one per whole month or year, whatever the interval's
 * length. Years, months and days are their first day, YYYY-MM-DD; each
 * list is sorted and holds no period twice.
 */
export interface IntervalCover {
  addYears: string[];
  addMonths: string[];
  subtractMonths: string[];
  addDays: string[];
  subtractDays: string[];
}

const DAY_MS = 86_400_000;

/** The months and days (no years) that add up to some days. */
type MonthCover = Pick<IntervalCover, 'addMonths' | 'addDays' | 'subtractDays'>;

/**
 * The cover of [from, to]. Without `years` (an answer per month needs the
 * monthly rows), whole years are read as their months.
 */
export function coverInterval(
  from: string,
  to: string,
  { years = true }: { years?: boolean } = {},
): IntervalCover {
  const [first, last] = [dayNumber(from), dayNumber(to)];
  if (!years)
    return { addYears: [], subtractMonths: [], ...monthCover(first, last) };
  const cover: IntervalCover = {
    addYears: [],
    addMonths: [],
    subtractMonths: [],
    addDays: [],
    subtractDays: [],
  };
  // Only the first and the last year can be partly in the interval.
  for (let year = Number(from.slice(0, 4)); ; year++) {
    const yearFirst = dayFromParts(year, 0, 1);
    if (yearFirst > last) break;
    const yearLast = dayFromParts(year + 1, 0, 1) - 1;
    const start = Math.max(first, yearFirst);
    const end = Math.min(last, yearLast);
    if (start === yearFirst && end === yearLast) {
      cover.addYears.push(monthText(year * 12));
      continue;
    }
    const inside = monthCover(start, end);
    // The year less what the interval leaves out of it, if that is fewer
    // rows. Within one month it never is (the other eleven months alone
    // cost more than the month's days), and the two parts left out could
    // then share that month.
    const before = monthCover(yearFirst, start - 1);
    const after = monthCover(end + 1, yearLast);
    if (
      monthOfDay(start) !== monthOfDay(end) &&
      1 + size(before) + size(after) < size(inside)
    ) {
      cover.addYears.push(monthText(year * 12));
      for (const part of [before, after]) {
        cover.subtractMonths.push(...part.addMonths);
        cover.subtractDays.push(...part.addDays);
        cover.addDays.push(...part.subtractDays);
      }
    } else {
      cover.addMonths.push(...inside.addMonths);
      cover.addDays.push(...inside.addDays);
      cover.subtractDays.push(...inside.subtractDays);
    }
  }
  for (const periods of Object.values(cover) as string[][]) periods.sort();
  return cover;
}

/** The months and days that add up to the days numbered `first` to `last`; none if `first` is after `last`. */
function monthCover(first: number, last: number): MonthCover {
  const cover: MonthCover = { addMonths: [], addDays: [], subtractDays: [] };
  for (let index = monthOfDay(first); ; index++) {
    const monthFirst = dayFromParts(Math.floor(index / 12), index % 12, 1);
    if (monthFirst > last) break;
    const monthLast =
      dayFromParts(Math.floor(index / 12), (index % 12) + 1, 1) - 1;
    const start = Math.max(first, monthFirst);
    const end = Math.min(last, monthLast);
    const inside = end - start + 1;
    const outside = monthLast - monthFirst + 1 - inside;
    if (outside === 0) cover.addMonths.push(monthText(index));
    else if (1 + outside < inside) {
      cover.addMonths.push(monthText(index));
      cover.subtractDays.push(
        ...days(monthFirst, start - 1),
        ...days(end + 1, monthLast),
      );
    } else cover.addDays.push(...days(start, end));
  }
  return cover;
}

const size = (cover: MonthCover) =>
  cover.addMonths.length + cover.addDays.length + cover.subtractDays.length;

/** The first day of month `index` (year × 12 + month, 0–11), YYYY-MM-01, made without a Date: long intervals list thousands. */
function monthText(index: number): string {
  const year = String(Math.floor(index / 12)).padStart(4, '0');
  return `${year}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** year × 12 + month (0–11) of a day numbered since 1970-01-01. */
function monthOfDay(day: number): number {
  const date = new Date(day * DAY_MS);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

/** Days since 1970-01-01 of a year, a month (0–11, or 12 for the next January) and a day. */
function dayFromParts(year: number, month: number, date: number): number {
  if (year >= 100) return Date.UTC(year, month, date) / DAY_MS;
  // Date.UTC takes years 0–99 for 1900–1999; setUTCFullYear does not.
  const instant = new Date(0);
  instant.setUTCFullYear(year + Math.floor(month / 12), month % 12, date);
  return instant.getTime() / DAY_MS;
}

/** Days since 1970-01-01 of a YYYY-MM-DD day. */
function dayNumber(day: string): number {
  const [year, month, date] = day.split('-').map(Number);
  return dayFromParts(year, month - 1, date);
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
