import { utcDateOf } from '../../common/utc-date';

/**
 * Which counters add up to an interval of UTC instants: the whole UTC
 * days inside it (read as years, months and days by coverInterval), and
 * the quarter hours at its edges. Every zone's days, weeks and months
 * begin on a quarter hour (docs/time-zones.md), so this is exact for all
 * of them.
 */

export const QUARTER_MS = 15 * 60_000;
export const QUARTERS_PER_DAY = 96;

/** Quarters `first` to `last` (0-95, both inclusive) of a UTC day. */
export interface QuarterRange {
  day: string;
  first: number;
  last: number;
}

export interface InstantCover {
  /** The whole UTC days, YYYY-MM-DD, both inclusive; none when no day is whole inside. */
  days?: { from: string; to: string };
  addQuarters: QuarterRange[];
  subtractQuarters: QuarterRange[];
}

const dayName = (day: number) =>
  utcDateOf(new Date(day * QUARTERS_PER_DAY * QUARTER_MS));

/**
 * The cover of [start, end) (milliseconds since the epoch; a bound off the
 * quarter grid counts from its quarter's start). An edge that holds most
 * of its day is read as the day less the quarters it leaves out, the
 * fewer rows: at most 48 quarters are read per edge.
 */
export function coverInstants(start: number, end: number): InstantCover {
  const cover: InstantCover = { addQuarters: [], subtractQuarters: [] };
  const [first, next] = [
    Math.floor(start / QUARTER_MS),
    Math.floor(end / QUARTER_MS),
  ];
  if (next <= first) return cover;
  const [firstDay, nextDay] = [
    Math.floor(first / QUARTERS_PER_DAY),
    Math.floor(next / QUARTERS_PER_DAY),
  ];
  const [head, tail] = [
    first - firstDay * QUARTERS_PER_DAY,
    next - nextDay * QUARTERS_PER_DAY,
  ];
  let [wholeFrom, wholeTo] = [firstDay, nextDay - 1];
  /** Quarters [from, to] of `day`, or the whole day less the others when fewer. */
  const edge = (day: number, from: number, to: number) => {
    const inside = to - from + 1;
    if (inside <= QUARTERS_PER_DAY / 2) {
      cover.addQuarters.push({ day: dayName(day), first: from, last: to });
      return false;
    }
    if (from > 0)
      cover.subtractQuarters.push({
        day: dayName(day),
        first: 0,
        last: from - 1,
      });
    if (to < QUARTERS_PER_DAY - 1)
      cover.subtractQuarters.push({
        day: dayName(day),
        first: to + 1,
        last: QUARTERS_PER_DAY - 1,
      });
    return true;
  };
  if (firstDay === nextDay) {
    // Within one day.
    if (!edge(firstDay, head, tail - 1)) return cover;
    cover.days = { from: dayName(firstDay), to: dayName(firstDay) };
    return cover;
  }
  if (head > 0 && !edge(firstDay, head, QUARTERS_PER_DAY - 1)) wholeFrom++;
  if (tail > 0 && edge(nextDay, 0, tail - 1)) wholeTo++;
  if (wholeFrom <= wholeTo)
    cover.days = { from: dayName(wholeFrom), to: dayName(wholeTo) };
  return cover;
}
