import { localInterval } from '../../common/local-calendar';
import { startOfDay } from '../../common/time-zone';
import { DATE_PATTERN, dayStart, utcDateOf } from '../../common/utc-date';
import { QUARTER_MS, QUARTERS_PER_DAY, QuarterRange } from './instant-cover';

/** A grouping of a zone's days: what begins a new item. */
export type DayGrouping = 'day' | 'week' | 'month';

/**
 * The quarter hours that move a zone's items from UTC days to its own.
 * Read alone, the UTC counters of days `from` to `to`, each labelled by
 * its own day, would count every local day from UTC midnight to UTC
 * midnight. Each local day begins at its own instant b, a few quarter
 * hours from its UTC midnight m; the quarters between b and m belong to
 * the item that begins on that day (added to it), and not to the item
 * before (taken from it). Only the days that begin an item need that,
 * and the days after the interval's end: inside an item the two cancel.
 *
 * East of UTC (b < m) those quarters are on the UTC day before: added to
 * the item of the day after theirs (`shift` 1), taken from their own.
 * West of it (b > m) they are on the day itself: taken from its item,
 * added to the item of the day before theirs (`shift` −1). So every row
 * is labelled by arithmetic on its own day, whatever the offsets: three
 * terms for any interval.
 */
export interface ZoneEdges {
  /** Quarters counted for the item of the day after theirs. */
  addToNext: QuarterRange[];
  /** Quarters taken out of the item of their own day. */
  subtract: QuarterRange[];
  /** Quarters counted for the item of the day before theirs. */
  addToPrevious: QuarterRange[];
}

/**
 * The edges of the items of `grouping` over the zone's days `from` to
 * `to` (both inclusive).
 */
export function zoneEdges(
  zone: string,
  from: string,
  to: string,
  grouping: DayGrouping,
): ZoneEdges {
  const edges: ZoneEdges = { addToNext: [], subtract: [], addToPrevious: [] };
  const firsts = itemFirstDays(from, to, grouping);
  const { start, end } = localInterval(zone, from, to);
  const boundaries = [
    ...firsts.map((day, index) => ({
      midnight: dayStart(day),
      begins: index === 0 ? start : startOfDay(zone, day),
      ends: index > 0,
    })),
    // The day after the interval begins no item of it: its edge is only taken off the last.
    {
      midnight: dayStart(to) + QUARTERS_PER_DAY * QUARTER_MS,
      begins: end,
      ends: true,
    },
  ];
  for (const [index, { midnight, begins, ends }] of boundaries.entries()) {
    const beginsItem = index < firsts.length;
    const quarter = Math.floor(begins / QUARTER_MS);
    const midnightQuarter = midnight / QUARTER_MS;
    if (quarter < midnightQuarter) {
      const range = quarters(quarter, midnightQuarter - 1);
      if (beginsItem) edges.addToNext.push(range);
      if (ends) edges.subtract.push(range);
    } else if (quarter > midnightQuarter) {
      const range = quarters(midnightQuarter, quarter - 1);
      if (beginsItem) edges.subtract.push(range);
      if (ends) edges.addToPrevious.push(range);
    }
  }
  return edges;
}

/** Quarters `first` to `last` (counted from the epoch), all on one UTC day. */
function quarters(first: number, last: number): QuarterRange {
  const day = Math.floor(first / QUARTERS_PER_DAY);
  return {
    day: utcDateOf(new Date(day * QUARTERS_PER_DAY * QUARTER_MS)),
    first: first - day * QUARTERS_PER_DAY,
    last: last - day * QUARTERS_PER_DAY,
  };
}

/** The first day of each item in [from, to]: every day, or `from` and each Monday or first of a month after it. */
export function itemFirstDays(
  from: string,
  to: string,
  grouping: DayGrouping,
): string[] {
  const firsts = [from];
  let day = from;
  for (;;) {
    const next = nextItemDay(day, grouping);
    if (next === null || next > to) return firsts;
    firsts.push(next);
    day = next;
  }
}

/** The first day of the item after `day`'s; none past the calendar's last day. */
function nextItemDay(day: string, grouping: DayGrouping): string | null {
  const date = new Date(dayStart(day));
  if (grouping === 'day') date.setUTCDate(date.getUTCDate() + 1);
  else if (grouping === 'week')
    date.setUTCDate(date.getUTCDate() + 7 - ((date.getUTCDay() + 6) % 7));
  else date.setUTCMonth(date.getUTCMonth() + 1, 1);
  const next = utcDateOf(date);
  return DATE_PATTERN.test(next) ? next : null;
}
