import { Amount } from '../../common/amount';
import {
  endOfHour,
  isoWeekOf,
  isoWeekStart,
  localInterval,
} from '../../common/local-calendar';
import { utcDateOf } from '../../common/utc-date';
import { DAY, MONTH, Period, QUARTER, YEAR } from '../periods';
import {
  coverInstants,
  QUARTER_MS,
  QUARTERS_PER_DAY,
  QuarterRange,
} from './instant-cover';
import { DayGrouping, zoneEdges } from './zone-edges';
import {
  coverInterval,
  dayCount,
  IntervalCover,
  daysBetween,
  monthsBetween,
} from './interval-cover';

/**
 * Up to this many days, an interval's days are listed, each a range of the
 * day-first key; a page's bound is found from (spread over) at most this
 * many of its first days.
 */
const MAX_LISTED_DAYS = 62;

/**
 * A page's bound is found from at most this many of its periods, spread
 * over the interval: any subset gives a valid bound, and on data spread
 * alike over the periods as tight a one, for a third of the reads of a
 * year's twelve months.
 */
const MAX_BOUND_PERIODS = 4;

/** One row per (customer, type) and hour, day, ISO week or month; none: per (customer, type). */
export type StatisticsGrouping = 'hour' | 'day' | 'week' | 'month';

/** A (customer, type) group. */
export interface GroupKey {
  customerId: number;
  type: string;
}

/** Where a page starts: the last key of the previous page (exclusive). */
export interface StatisticsKey extends GroupKey {
  /** With groupBy hour: its local start and offset (hourKey); without it the whole group is past. */
  hour?: string;
  /** With groupBy day: YYYY-MM-DD; without it the whole group is past. */
  date?: string;
  /** With groupBy week: the ISO week, YYYY-Www; without it the whole group is past. */
  week?: string;
  /** With groupBy month: YYYY-MM; without it the whole group is past. */
  month?: string;
}

export interface StatisticsFilter {
  /** First and last day, YYYY-MM-DD, both inclusive: UTC days, or `timeZone`'s. */
  from: string;
  to: string;
  /** An IANA zone whose days `from` and `to` are; none: UTC. */
  timeZone?: string;
  customerId?: number;
  type?: string;
  groupBy?: StatisticsGrouping;
  after?: StatisticsKey;
  limit: number;
}

export interface StatisticsRow {
  customerId: number;
  type: string;
  hour?: string;
  date?: string;
  week?: string;
  month?: string;
  messageCount: number;
  totalAmount: Amount;
}

/** Some periods of one kind, each named by its first day. */
export interface PeriodList {
  period: Period;
  firsts: string[];
}

/**
 * One term of a cover: its periods' counters, added or subtracted. A term
 * of quarter hours reads these ranges of quarters of its days (`firsts`).
 */
export interface CoverTerm extends PeriodList {
  negative: boolean;
  quarters?: QuarterRange[];
  /** Its rows count for the period of the day after theirs (1) or before (−1): a zone's edges (zoneEdges). */
  shift?: 1 | -1;
}

/**
 * How a page is read, before any SQL: from the daily counters (`days`), or
 * from a cover of years, months and edge days (`cover`).
 */
export type PagePlan = {
  filter: StatisticsFilter;
  /** Periods whose groups make up the answer, to bound a page by. */
  boundBy: PeriodList;
  /** About how many rows each group yields. */
  rowsPerGroup: number;
} & (
  | {
      shape: 'days';
      /** The interval's days, when so few that each is its own key range. */
      listedDays?: string[];
    }
  | { shape: 'cover'; terms: CoverTerm[] }
  | {
      shape: 'hours';
      /** The zone whose hours label the quarter hours. */
      zone: string;
      /** The interval's UTC instants, [start, end) in milliseconds. */
      start: number;
      end: number;
      /** The quarter hours of [start, end), a range per UTC day. */
      quarters: QuarterRange[];
      /** With a page's last hour: the first quarter after it, where the page goes on. */
      resumeAt?: { day: string; quarter: number };
    }
);

/**
 * Plans a page of `sum`: per day or ISO week from the daily counters (a
 * week is seven of them, which no monthly counter lines up with); per (customer,
 * type) from the yearly and monthly counters and the edge days, or per
 * month from the monthly counters and the edge days (coverInterval), or
 * from the days alone when no whole month is in it. Hours, in any zone,
 * from the quarter hours (planHourPage); the rest in a zone as in UTC,
 * with the quarter hours at the zone's edges (planZonePage).
 */
export function planPage(filter: StatisticsFilter): PagePlan {
  if (filter.groupBy === 'hour') return planHourPage(filter);
  if (filter.timeZone !== undefined) return planZonePage(filter);
  if (filter.groupBy !== 'day' && filter.groupBy !== 'week') {
    const cover = coverInterval(filter.from, filter.to, {
      years: filter.groupBy !== 'month',
    });
    if (
      filter.groupBy === 'month' ||
      cover.addYears.length + cover.addMonths.length > 0
    ) {
      const terms = coverTerms(cover);
      return {
        shape: 'cover',
        filter,
        terms: terms.filter(({ firsts }) => firsts.length > 0),
        // Years and months hold most groups; an edge day's are mostly theirs too.
        boundBy: spread(
          [terms[0], terms[1], terms[3]].find(({ firsts }) => firsts.length) ??
            terms[3],
        ),
        rowsPerGroup:
          filter.groupBy === 'month'
            ? monthsBetween(filter.from, filter.to)
            : 1,
      };
    }
  }
  // The first days of the interval, and all of it when it is that short.
  const days = dayCount(filter.from, filter.to);
  const firstDays = daysBetween(filter.from, filter.to, MAX_LISTED_DAYS);
  return {
    shape: 'days',
    filter,
    listedDays: days <= MAX_LISTED_DAYS ? firstDays : undefined,
    boundBy: spread({ period: DAY, firsts: firstDays }),
    rowsPerGroup:
      filter.groupBy === 'day'
        ? days
        : filter.groupBy === 'week'
          ? weekCount(filter.from, filter.to)
          : 1,
  };
}

/**
 * Plans the totals of an interval of a zone's days: its UTC instants
 * (localInterval), read as the whole UTC days inside them, covered by
 * years, months and days as in UTC, and the quarter hours at the two
 * edges (coverInstants). No terms: the interval holds no instant (a day
 * the zone skipped).
 */
function planZonePage(filter: StatisticsFilter): PagePlan {
  if (filter.groupBy !== undefined) return planZoneGroups(filter);
  const { start, end } = localInterval(
    filter.timeZone!,
    filter.from,
    filter.to,
  );
  const instants = coverInstants(start, end);
  const days = instants.days
    ? coverInterval(instants.days.from, instants.days.to)
    : undefined;
  const terms: CoverTerm[] = [
    ...(days ? coverTerms(days) : []),
    quarterTerm(instants.addQuarters, false),
    quarterTerm(instants.subtractQuarters, true),
  ].filter(({ firsts }) => firsts.length > 0);
  // The groups of the added years, months or days; of the edge quarters'
  // days when there are none (a day's counters hold its quarters' groups).
  const whole = terms.find(
    ({ period, negative }) => !negative && period !== QUARTER,
  );
  const boundBy: PeriodList = whole
    ? { period: whole.period, firsts: whole.firsts }
    : {
        period: DAY,
        firsts: terms.find(({ period }) => period === QUARTER)?.firsts ?? [],
      };
  return {
    shape: 'cover',
    filter,
    terms,
    boundBy: spread(boundBy),
    rowsPerGroup: 1,
  };
}

/**
 * Plans a page per day, week or month of a zone: the same UTC days read
 * as in UTC, each row labelled by its own day, and the quarter hours that
 * move each item's edges to the zone's (zoneEdges), labelled by the day
 * before or after theirs.
 */
function planZoneGroups(filter: StatisticsFilter): PagePlan {
  const grouping = filter.groupBy as DayGrouping;
  const utc = planPage({ ...filter, timeZone: undefined });
  const base: CoverTerm[] =
    utc.shape === 'cover'
      ? utc.terms
      : [
          {
            period: DAY,
            firsts: daysBetween(filter.from, filter.to),
            negative: false,
          },
        ];
  const edges = zoneEdges(filter.timeZone!, filter.from, filter.to, grouping);
  return {
    shape: 'cover',
    filter,
    terms: [
      ...base,
      quarterTerm(edges.addToNext, false, 1),
      quarterTerm(edges.subtract, true),
      quarterTerm(edges.addToPrevious, false, -1),
    ].filter(({ firsts }) => firsts.length > 0),
    boundBy: utc.boundBy,
    rowsPerGroup: utc.rowsPerGroup,
  };
}

/**
 * Plans a page per hour: the quarter hours of the interval's instants,
 * per (customer, type) in time order, which the repository labels with
 * their local hours. No page bound: a group's hours are read in one
 * range per day.
 */
function planHourPage(filter: StatisticsFilter): PagePlan {
  const zone = filter.timeZone ?? 'UTC';
  const { start, end } = localInterval(zone, filter.from, filter.to);
  const quarters: QuarterRange[] = [];
  const [first, next] = [start / QUARTER_MS, Math.ceil(end / QUARTER_MS)];
  for (
    let day = Math.floor(first / QUARTERS_PER_DAY);
    day * QUARTERS_PER_DAY < next;
    day++
  ) {
    const dayFirst = day * QUARTERS_PER_DAY;
    quarters.push({
      day: utcDateOf(new Date(dayFirst * QUARTER_MS)),
      first: Math.max(0, Math.floor(first) - dayFirst),
      last: Math.min(QUARTERS_PER_DAY, next - dayFirst) - 1,
    });
  }
  const hour = filter.after?.hour;
  const resume =
    hour === undefined ? undefined : endOfHour(zone, hour) / QUARTER_MS;
  return {
    shape: 'hours',
    filter,
    zone,
    start,
    end,
    quarters: end > start ? quarters : [],
    ...(resume !== undefined && {
      resumeAt: {
        day: utcDateOf(
          new Date(
            Math.floor(resume / QUARTERS_PER_DAY) *
              QUARTERS_PER_DAY *
              QUARTER_MS,
          ),
        ),
        quarter: resume % QUARTERS_PER_DAY,
      },
    }),
    boundBy: { period: QUARTER, firsts: [] },
    rowsPerGroup: 1,
  };
}

/** Quarter ranges as a term, its `firsts` their days. */
function quarterTerm(
  quarters: QuarterRange[],
  negative: boolean,
  shift?: 1 | -1,
): CoverTerm {
  return {
    period: QUARTER,
    firsts: [...new Set(quarters.map(({ day }) => day))],
    quarters,
    negative,
    ...(shift && { shift }),
  };
}

/** A cover's years, months and days as terms, in this order (some may be empty). */
function coverTerms(cover: IntervalCover): CoverTerm[] {
  return [
    { period: YEAR, firsts: cover.addYears, negative: false },
    { period: MONTH, firsts: cover.addMonths, negative: false },
    { period: MONTH, firsts: cover.subtractMonths, negative: true },
    { period: DAY, firsts: cover.addDays, negative: false },
    { period: DAY, firsts: cover.subtractDays, negative: true },
  ];
}

/** How many ISO weeks [from, to] touches. */
function weekCount(from: string, to: string): number {
  return Math.ceil(dayCount(isoWeekStart(isoWeekOf(from))!, to) / 7);
}

/**
 * How many groups a page over all customers may reach: enough to fill it
 * alone. None for one customer, whose groups are few.
 */
export function groupsPerPage(plan: PagePlan): number | undefined {
  if (plan.filter.customerId !== undefined) return undefined;
  if (plan.boundBy.firsts.length === 0) return undefined;
  return Math.ceil(plan.filter.limit / plan.rowsPerGroup);
}

/** At most MAX_BOUND_PERIODS of the periods, spread evenly from the first to the last. */
function spread({ period, firsts }: PeriodList): PeriodList {
  const count = MAX_BOUND_PERIODS;
  if (firsts.length <= count) return { period, firsts };
  return {
    period,
    firsts: Array.from(
      { length: count },
      (_, index) =>
        firsts[Math.round((index * (firsts.length - 1)) / (count - 1))],
    ),
  };
}
