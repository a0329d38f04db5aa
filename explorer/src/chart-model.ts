/**
 * What the chart draws, from the API's answer: one line per type for one
 * customer, or per customer for the customers with the most (the rest
 * added up as one line), over every period of the interval. Values stay
 * exact here (bigint); only drawing turns them into positions.
 */
import { thousandthsOf } from './amounts';
import {
  chartPeriods,
  isSettled,
  PeriodGrouping,
  periodKeyOf,
} from './periods';
import type { StatsPage } from './stats-client';

export interface ChartSeries {
  label: string;
  counts: bigint[];
  /** Amounts in thousandths. */
  milli: bigint[];
}

export interface ChartModel {
  grouping: PeriodGrouping;
  timeZone: string;
  /** Each period's place on the x axis, in seconds (see periods.ts). */
  xs: number[];
  /** Each period as a person reads it. */
  labels: string[];
  series: ChartSeries[];
  /** Per period: no late message can change it any more. */
  settled: boolean[];
}

/** How many customers get a line of their own. */
export const TOP_CUSTOMERS = 5;

export function chartModel(
  pages: readonly StatsPage[],
  grouping: PeriodGrouping,
  rankBy: 'count' | 'amount',
): ChartModel {
  const { from, to, timeZone, settledThrough } = pages[0];
  const items = pages.flatMap((page) => page.items);
  const customers = new Set(items.map((item) => item.customerId));
  const byType = customers.size <= 1;
  const lineOf = byType
    ? new Map(
        [...new Set(items.map((item) => item.type))].map((type) => [
          type,
          typeLabel(type),
        ]),
      )
    : topCustomerLines(items, rankBy);
  const periods = chartPeriods(from, to, grouping, timeZone);
  const index = new Map(periods.map((period, i) => [period.key, i]));
  const xs = periods.map((period) => period.x);
  const series = new Map<string, ChartSeries>();
  const line = (label: string) => {
    let found = series.get(label);
    if (found === undefined) {
      found = {
        label,
        counts: xs.map(() => 0n),
        milli: xs.map(() => 0n),
      };
      series.set(label, found);
    }
    return found;
  };
  // Lines in the order of lineOf: types as the API sorts them, customers by rank.
  for (const label of new Set(lineOf.values())) line(label);
  for (const item of items) {
    const target = line(
      lineOf.get(byType ? item.type : item.customerId) ?? OTHERS,
    );
    const key = periodKeyOf(item, grouping);
    const at = index.get(key);
    if (at === undefined)
      throw new Error(`${key} is not a period of ${from} to ${to}`);
    target.counts[at] += BigInt(item.messageCount);
    target.milli[at] += thousandthsOf(item.totalAmount);
  }
  return {
    grouping,
    timeZone,
    xs,
    series: [...series.values()],
    labels: periods.map((period) => period.label),
    settled: periods.map((period) => isSettled(period.end, settledThrough)),
  };
}

export const OTHERS = 'Other customers';

function typeLabel(type: string): string {
  return type === '' ? 'type ""' : `type ${type}`;
}

/** The customers with the most messages (or amount), most first. */
function topCustomerLines(
  items: StatsPage['items'],
  rankBy: 'count' | 'amount',
): Map<string | number, string> {
  const totals = new Map<number, bigint>();
  for (const item of items) {
    const value =
      rankBy === 'count'
        ? BigInt(item.messageCount)
        : thousandthsOf(item.totalAmount);
    totals.set(item.customerId, (totals.get(item.customerId) ?? 0n) + value);
  }
  const ranked = [...totals.entries()].sort(([a, x], [b, y]) =>
    x === y ? a - b : x > y ? -1 : 1,
  );
  return new Map(
    ranked
      .slice(0, TOP_CUSTOMERS)
      .map(([customerId]) => [customerId, `customer ${customerId}`]),
  );
}
