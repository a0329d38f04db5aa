/**
 * The periods of an answer, as the chart's x axis: every period of the
 * interval, messages or not, so that a quiet day draws as a zero and not as
 * a line across it. They are the service's own (src/common/local-calendar),
 * named by the keys the API gives its items. Days, weeks and months are
 * drawn at their first date's UTC midnight on a UTC axis (so they read as
 * themselves); hours at their first instant, in the query's time zone.
 */
import {
  isoWeekStart,
  LocalGrouping,
  localPeriods,
} from '../../src/common/local-calendar';
import { dayStart } from '../../src/common/utc-date';
import type { StatsItem } from './stats-client';

export type PeriodGrouping = LocalGrouping;

const DAY_MS = 86_400_000;

export interface ChartPeriod {
  /** As the API names it: "2026-11-25", "2026-W48", "2026-11", an hour with its offset. */
  key: string;
  /** Where it sits on the x axis, in seconds. */
  x: number;
  /** As a person reads it. */
  label: string;
  /** Its first instant after the interval's part of it, in milliseconds. */
  end: number;
}

/** The key an item has for a grouping ("2026-11-25", "2026-W48", ...). */
export function periodKeyOf(item: StatsItem, grouping: PeriodGrouping): string {
  const key =
    grouping === 'hour'
      ? item.hour
      : grouping === 'day'
        ? item.date
        : grouping === 'week'
          ? item.week
          : item.month;
  if (key === undefined) throw new Error(`an item without its ${grouping}`);
  return key;
}

/** Every period of the interval from `from` to `to` in the zone, in order. */
export function chartPeriods(
  from: string,
  to: string,
  grouping: PeriodGrouping,
  timeZone: string,
): ChartPeriod[] {
  return localPeriods(timeZone, from, to, grouping).map(
    ({ key, start, end }) => {
      // The date a day, week or month is drawn and named at.
      const date =
        grouping === 'week'
          ? isoWeekStart(key)!
          : grouping === 'month'
            ? `${key}-01`
            : key;
      return {
        key,
        x: (grouping === 'hour' ? start : dayStart(date)) / 1000,
        label:
          grouping === 'hour'
            ? `${key.slice(0, 10)} ${key.slice(11, 16)} ${key.slice(19)}`
            : grouping === 'week'
              ? `week of ${date}`
              : key,
        end,
      };
    },
  );
}

/**
 * Whether every instant of a period (its end, in milliseconds) is on or
 * before settledThrough, a UTC day: no late message can change it any more.
 */
export function isSettled(end: number, settledThrough: string | null): boolean {
  return settledThrough !== null && end <= dayStart(settledThrough) + DAY_MS;
}

/** The most periods a chart draws: past it, a line is a smear. */
export const MAX_CHART_PERIODS = 5000;

/** Why an interval has too many periods to draw, or undefined. */
export function tooManyPeriods(
  from: string,
  to: string,
  grouping: PeriodGrouping,
): string | undefined {
  const days = (dayStart(to) - dayStart(from)) / DAY_MS + 1;
  const periods = Math.ceil(
    days / { hour: 1 / 24, day: 1, week: 7, month: 30.44 }[grouping],
  );
  return periods > MAX_CHART_PERIODS
    ? `${periods} ${grouping}s are more than ${MAX_CHART_PERIODS}`
    : undefined;
}
