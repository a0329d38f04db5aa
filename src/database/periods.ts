import {
  lastDayOfMonth,
  lastDayOfYear,
  monthOf,
  yearOf,
} from '../common/utc-date';

/**
 * A calendar period the service keeps counters for. Each has a table of
 * its own, keyed by the period's first day (YYYY-MM-DD). This is the one
 * place that says so: entities, ledger, audit, planner and CLI all read it.
 */
export interface Period {
  name: 'day' | 'month' | 'year';
  /** The TypeORM entity's name. */
  entity: string;
  table: 'daily_statistics' | 'monthly_statistics' | 'yearly_statistics';
  /** The key column: the period's first day. */
  column: 'stat_date' | 'stat_month' | 'stat_year';
  /** How many characters of the first day name it: YYYY-MM-DD, YYYY-MM, YYYY. */
  named: 10 | 7 | 4;
  /** The first day of the period that holds `day`. */
  firstDay: (day: string) => string;
  /** The last day of the period that starts on `first`. */
  lastDay: (first: string) => string;
  /**
   * The finer period a rebuild sums this one from, slot by slot; none: it
   * is rebuilt from the ledger.
   */
  rebuiltFrom?: Period;
  /**
   * The next finer period, whose counters this one's sum: what it is
   * checked against, and rebuilt from, once it begins before the ledger's
   * horizon (retention removed part of its ledger).
   */
  finer?: Period;
  /**
   * Its total holds the sum of many daily counters, so its column is wider
   * than a day's where the database has a wider integer.
   */
  wideTotal: boolean;
}

export const DAY: Period = {
  name: 'day',
  entity: 'DailyStatistic',
  table: 'daily_statistics',
  column: 'stat_date',
  named: 10,
  firstDay: (day) => day,
  lastDay: (first) => first,
  wideTotal: false,
};

export const MONTH: Period = {
  name: 'month',
  entity: 'MonthlyStatistic',
  table: 'monthly_statistics',
  column: 'stat_month',
  named: 7,
  firstDay: monthOf,
  lastDay: lastDayOfMonth,
  finer: DAY,
  wideTotal: true,
};

/**
 * A year is rebuilt from its months: from the ledger, the transaction would
 * hold the year's counters, which every message of the year increments, for
 * as long as it reads a year of ledger (about 10 s for 1000 customers × 4
 * types here). From the months it reads twelve rows per counter.
 */
export const YEAR: Period = {
  name: 'year',
  entity: 'YearlyStatistic',
  table: 'yearly_statistics',
  column: 'stat_year',
  named: 4,
  firstDay: yearOf,
  lastDay: lastDayOfYear,
  rebuiltFrom: MONTH,
  finer: MONTH,
  wideTotal: true,
};

/**
 * Every period, finest first: the order a transaction increments their
 * counters in (so that all transactions lock rows in one order) and the
 * order a rebuild rewrites them in (a year is summed from rebuilt months).
 */
export const PERIODS: readonly Period[] = [DAY, MONTH, YEAR];

/** A period's first day as the API and the CLI name it: YYYY-MM-DD, YYYY-MM or YYYY. */
export const periodName = (period: Period, first: string): string =>
  first.slice(0, period.named);
