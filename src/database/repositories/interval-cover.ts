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

/** Periods of one kind, each added (+1) or subtracted (-1) once. */
type Signed = Map<string, number>;

/** A cover being built: each period with how many times it is added. */
interface Terms {
  years: Signed;
  months: Signed;
  days: Signed;
}

/**
 * The cover of [from, to]. Without `years` (an answer per month needs the
 * monthly rows), whole years are read as their months.
 */
export function coverInterval(
  from: string,
  to: string,
  { years = true }: { years?: boolean } = {},
): IntervalCover {
  const terms: Terms = { years: new Map(), months: new Map(), days: new Map() };
  const [first, last] = [dayNumber(from), dayNumber(to)];
  for (let year = Number(from.slice(0, 4)); ; year++) {
    const yearFirst = dayFromParts(year, 0, 1);
    if (yearFirst > last) break;
    const yearLast = dayFromParts(year + 1, 0, 1) - 1;
    const start = Math.max(first, yearFirst);
    const end = Math.min(last, yearLast);
    const inside = monthCover(start, end);
    if (!years) {
      addTerms(terms, inside, 1);
      continue;
    }
    if (start === yearFirst && end === yearLast) {
      terms.years.set(dayText(yearFirst), 1);
      continue;
    }
    // The year less what the interval leaves out of it, if that is fewer rows.
    const outside = [
      monthCover(yearFirst, start - 1),
      monthCover(end + 1, yearLast),
    ];
    const outsideSize = outside.reduce((sum, t) => sum + size(t), 0);
    if (1 + outsideSize < size(inside)) {
      terms.years.set(dayText(yearFirst), 1);
      for (const part of outside) addTerms(terms, part, -1);
    } else addTerms(terms, inside, 1);
  }
  return {
    addYears: signed(terms.years, 1),
    addMonths: signed(terms.months, 1),
    subtractMonths: signed(terms.months, -1),
    addDays: signed(terms.days, 1),
    subtractDays: signed(terms.days, -1),
  };
}

/** The months and days (no years) that add up to the days numbered `first` to `last`; none if `first` is after `last`. */
function monthCover(first: number, last: number): Terms {
  const terms: Terms = { years: new Map(), months: new Map(), days: new Map() };
  if (first > last) return terms;
  const startDate = new Date(first * DAY_MS);
  for (
    let index = startDate.getUTCFullYear() * 12 + startDate.getUTCMonth();
    ;
    index++
  ) {
    const monthFirst = dayFromParts(Math.floor(index / 12), index % 12, 1);
    if (monthFirst > last) break;
    const monthLast =
      dayFromParts(Math.floor(index / 12), (index % 12) + 1, 1) - 1;
    const start = Math.max(first, monthFirst);
    const end = Math.min(last, monthLast);
    const inside = end - start + 1;
    const outside = monthLast - monthFirst + 1 - inside;
    if (outside === 0) terms.months.set(dayText(monthFirst), 1);
    else if (1 + outside < inside) {
      terms.months.set(dayText(monthFirst), 1);
      for (const day of days(monthFirst, start - 1)) terms.days.set(day, -1);
      for (const day of days(end + 1, monthLast)) terms.days.set(day, -1);
    } else for (const day of days(start, end)) terms.days.set(day, 1);
  }
  return terms;
}

const size = (terms: Terms) =>
  terms.years.size + terms.months.size + terms.days.size;

/** Adds `part`, times `sign`, to `terms`; a period added and subtracted cancels out. */
function addTerms(terms: Terms, part: Terms, sign: 1 | -1): void {
  for (const kind of ['years', 'months', 'days'] as const) {
    for (const [period, times] of part[kind]) {
      const net = (terms[kind].get(period) ?? 0) + sign * times;
      if (net === 0) terms[kind].delete(period);
      else terms[kind].set(period, net);
    }
  }
}

/** The periods added `sign` times, sorted. */
function signed(periods: Signed, sign: 1 | -1): string[] {
  const found: string[] = [];
  for (const [period, times] of periods) {
    // Parts of one year are disjoint, and years are: no period comes twice.
    if (times !== 1 && times !== -1)
      throw new Error(`the cover counts ${period} ${times} times`);
    if (times === sign) found.push(period);
  }
  return found.sort();
}

/** Days since 1970-01-01 of a year, a month (0–11, or 12 for the next January) and a day. */
function dayFromParts(year: number, month: number, date: number): number {
  // setUTCFullYear, not Date.UTC, which takes years 0–99 for 1900–1999.
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
