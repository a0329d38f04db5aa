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
  name: 'quarter hour' | 'day' | 'month' | 'year';
  /** The TypeORM entity's name. */
  entity: string;
  table:
    | 'quarter_hour_statistics'
    | 'daily_statistics'
    | 'monthly_statistics'
    | 'yearly_statistics';
  /** The key column: the period's first day (a quarter hour's: its day). */
  column: 'stat_date' | 'stat_month' | 'stat_year';
  /**
   * A key column after the day that splits it: the quarter hour of the
   * day, 0–95 (UTC). A period that has one is checked and rebuilt a day at
   * a time, like the day, each of its counters keyed by the day and it.
   */
  within?: 'quarter';
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

/**
 * A UTC quarter hour: every local day, week and month of every zone begins
 * on one (docs/time-zones.md), so these counters answer the edges of a
 * local interval exactly. Keyed by the day, then the quarter, so that a
 * day's edge ("from 18:30 to midnight") is one range for all customers.
 */
export const QUARTER: Period = {
  name: 'quarter hour',
  entity: 'QuarterHourStatistic',
  table: 'quarter_hour_statistics',
  column: 'stat_date',
  within: 'quarter',
  named: 10,
  firstDay: (day) => day,
  lastDay: (first) => first,
  wideTotal: false,
};

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
export const PERIODS: readonly Period[] = [QUARTER, DAY, MONTH, YEAR];

/** A period's first day as the API and the CLI name it: YYYY-MM-DD, YYYY-MM or YYYY. */
export const periodName = (period: Period, first: string): string =>
  first.slice(0, period.named);

/** A counter table's key columns, slot aside, in key order. */
export const keyColumns = (period: Period): string[] => [
  period.column,
  ...(period.within ? [period.within] : []),
  'customer_id',
  'type',
];

/** The condition that picks one counter of `period` (every slot), its key bound in keyColumns' order. */
export const counterWhere = (period: Period): string =>
  keyColumns(period)
    .map((column) => `${column} = ?`)
    .join(' AND ');
