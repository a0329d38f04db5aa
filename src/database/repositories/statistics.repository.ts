import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Amount } from '../../common/amount';
import { readExactSum, SQL_DIALECT, SqlDialect } from '../sql-dialect';
import {
  coverInterval,
  dayCount,
  daysBetween,
  IntervalCover,
  monthsBetween,
} from './interval-cover';
import { placeholders } from './ledger-entries';
import { readSafeInteger, readText } from './sql-values';

/** Beyond this many whole months or years, they are read as one range (SQLite caps parameters). */
const MAX_LISTED_PERIODS = 240;

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

/** Where a page starts: the last key of the previous page (exclusive). */
export interface StatisticsKey {
  customerId: number;
  type: string;
  /** With groupBy day: YYYY-MM-DD; without it the whole group is past. */
  date?: string;
  /** With groupBy month: YYYY-MM; without it the whole group is past. */
  month?: string;
}

/** A (customer, type) group: the last one a page may reach. */
interface GroupKey {
  customerId: number;
  type: string;
}

/** One period's counters: a year, a month or a day of its table. */
interface Period {
  table: 'yearly_statistics' | 'monthly_statistics' | 'daily_statistics';
  column: 'stat_year' | 'stat_month' | 'stat_date';
  value: string;
}

/** A query of a page, before it is bounded (see StatisticsRepository.sum). */
interface PagePlan {
  /** Periods whose groups make up the answer, to bound it by. */
  periods: Period[];
  /** About how many rows each group yields. */
  rowsPerGroup: number;
  build(upTo?: GroupKey): { sql: string; parameters: unknown[] };
}

/** One row per (customer, type) and day or month; none: per (customer, type). */
export type StatisticsGrouping = 'day' | 'month';

export interface StatisticsFilter {
  /** First and last UTC day, YYYY-MM-DD, both inclusive. */
  from: string;
  to: string;
  customerId?: number;
  type?: string;
  groupBy?: StatisticsGrouping;
  after?: StatisticsKey;
  limit: number;
}

export interface StatisticsRow {
  customerId: number;
  type: string;
  date?: string;
  month?: string;
  messageCount: number;
  totalAmount: Amount;
}

/**
 * Sums the counters of an interval: per day from the daily counters; per
 * (customer, type) from the yearly and monthly ones and the edge days, or
 * per month from the monthly ones and the edge days (buildCoverQuery), or
 * from the days alone when no whole month is in it.
 * Rows come in key order (customer, type, then day or month), and pages
 * continue after the previous page's last key (keyset pagination), so they
 * walk every group exactly once.
 */
@Injectable()
export class StatisticsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SQL_DIALECT) private readonly dialect: SqlDialect,
  ) {}

  /**
   * A page in key order. Over all customers, a page is first bounded by the
   * last group it can reach (pageBound), so that each page reads only its
   * own groups' rows and a walk through many pages reads each row once,
   * instead of every page grouping and sorting all that follows it. Groups
   * that net to nothing are left out after reading, so a bounded read may
   * come back short: the next read goes on from the bound.
   */
  async sum(filter: StatisticsFilter): Promise<StatisticsRow[]> {
    const rows: StatisticsRow[] = [];
    let after = filter.after;
    for (;;) {
      const part = { ...filter, after, limit: filter.limit - rows.length };
      const plan = this.plan(part);
      const upTo =
        part.customerId === undefined
          ? await this.pageBound(plan, part)
          : undefined;
      const { sql, parameters } = plan.build(upTo);
      const found: Record<string, unknown>[] = await this.dataSource.query(
        sql,
        parameters,
      );
      for (const row of found) rows.push(toStatisticsRow(row, filter.groupBy));
      if (upTo === undefined || found.length >= part.limit) return rows;
      after = upTo;
    }
  }

  /** The query plans of a first page of `sum`, as the database explains them: the bound's, then the page's. */
  async explainSum(filter: StatisticsFilter): Promise<{
    bound: Record<string, unknown>[];
    page: Record<string, unknown>[];
  }> {
    const plan = this.plan(filter);
    const bound = this.buildBoundQuery(plan, filter);
    const upTo = { customerId: 0, type: '' };
    const page = plan.build(filter.customerId === undefined ? upTo : undefined);
    return {
      bound: bound
        ? await this.dataSource.query(
            `${this.dialect.explain} ${bound.sql}`,
            bound.parameters,
          )
        : [],
      page: await this.dataSource.query(
        `${this.dialect.explain} ${page.sql}`,
        page.parameters,
      ),
    };
  }

  /**
   * The last group a page can need: for each of (up to
   * MAX_BOUND_PERIODS of) the page's periods, the group so many groups
   * past the page's start that it fills the page alone; the least of them.
   * Each read is a short range of a period-first index, with no look-up
   * of the row. None when no period holds that many groups: the rest of
   * the walk is then at most a page per period.
   */
  private async pageBound(
    plan: PagePlan,
    filter: StatisticsFilter,
  ): Promise<GroupKey | undefined> {
    const query = this.buildBoundQuery(plan, filter);
    if (query === undefined) return undefined;
    const [row]: Record<string, unknown>[] = await this.dataSource.query(
      query.sql,
      query.parameters,
    );
    return row === undefined
      ? undefined
      : {
          customerId: readSafeInteger(row.customer_id),
          type: readText(row.type),
        };
  }

  private buildBoundQuery(plan: PagePlan, filter: StatisticsFilter) {
    const periods = spread(plan.periods, MAX_BOUND_PERIODS);
    if (periods.length === 0) return undefined;
    const groups = Math.ceil(filter.limit / plan.rowsPerGroup);
    const parameters: unknown[] = [];
    const reads = periods.map(({ table, column, value }, index) => {
      const conditions = [`${column} = ?`];
      parameters.push(value);
      filterGroups(filter, conditions, parameters);
      if (filter.after) afterGroup(filter.after, false, conditions, parameters);
      parameters.push(groups - 1);
      return `SELECT customer_id, type FROM (SELECT customer_id, type FROM ${table}
  WHERE ${conditions.join(' AND ')}
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p${index}`;
    });
    return {
      sql: `SELECT customer_id, type FROM (${reads.join('\nUNION ALL\n')}) AS bounds
ORDER BY customer_id, type
LIMIT 1`,
      parameters,
    };
  }

  /** Where all customers' rows of listed periods are read from: the period-first primary key. */
  private source(filter: StatisticsFilter, table: string): string {
    return filter.customerId === undefined
      ? this.dialect.byPrimaryKey(table)
      : table;
  }

  private plan(filter: StatisticsFilter): PagePlan {
    if (filter.groupBy !== 'day') {
      const cover = coverInterval(filter.from, filter.to, {
        years: filter.groupBy !== 'month',
      });
      if (
        filter.groupBy === 'month' ||
        cover.addYears.length + cover.addMonths.length > 0
      ) {
        return {
          // Years and months hold most groups; an edge day's are mostly theirs too.
          periods:
            cover.addYears.length > 0
              ? cover.addYears.map((value): Period => ({
                  table: 'yearly_statistics',
                  column: 'stat_year',
                  value,
                }))
              : cover.addMonths.length > 0
                ? cover.addMonths.map((value): Period => ({
                    table: 'monthly_statistics',
                    column: 'stat_month',
                    value,
                  }))
                : dailyPeriods(cover.addDays),
          rowsPerGroup:
            filter.groupBy === 'month'
              ? monthsBetween(filter.from, filter.to)
              : 1,
          build: (upTo) => this.buildCoverQuery(filter, cover, upTo),
        };
      }
    }
    // The first days of the interval, and all of it when it is that short.
    const days = dayCount(filter.from, filter.to);
    const firstDays = daysBetween(filter.from, filter.to, MAX_LISTED_DAYS);
    return {
      periods: dailyPeriods(firstDays),
      rowsPerGroup: filter.groupBy === 'day' ? days : 1,
      build: (upTo) =>
        this.buildSumQuery(
          filter,
          days <= MAX_LISTED_DAYS ? firstDays : undefined,
          upTo,
        ),
    };
  }

  /** A group's message count and exact total, as toStatisticsRow reads them. */
  private counterSums(): string {
    return `SUM(message_count) AS message_count, ${this.dialect.exactSum('total_amount_milli', 'total_amount_milli')}`;
  }

  /**
   * The interval's day rows, per day or summed per (customer, type). Each
   * `listed` day is a range of the day-first key in (customer, type) order,
   * which the group conditions narrow; a longer interval, not listed, is
   * one range (all customers) or one customer's range of the group index.
   */
  private buildSumQuery(
    filter: StatisticsFilter,
    listed: string[] | undefined,
    upTo?: GroupKey,
  ) {
    const byDay = filter.groupBy === 'day';
    const conditions = [
      listed
        ? `stat_date IN (${placeholders(listed.length)})`
        : 'stat_date BETWEEN ? AND ?',
    ];
    const parameters: unknown[] = listed ?? [filter.from, filter.to];
    filterGroups(filter, conditions, parameters);
    if (filter.after?.date !== undefined) {
      afterKey(
        filter.after,
        'stat_date',
        filter.after.date,
        conditions,
        parameters,
      );
    } else if (filter.after) {
      afterGroup(filter.after, false, conditions, parameters);
    }
    if (upTo) upToGroup(upTo, conditions, parameters);
    const key = byDay ? 'customer_id, type, stat_date' : 'customer_id, type';
    const sql = `SELECT ${key}, ${this.counterSums()}
FROM ${listed ? this.source(filter, 'daily_statistics') : 'daily_statistics'}
WHERE ${conditions.join(' AND ')}
GROUP BY ${key}
ORDER BY ${key}
LIMIT ?`;
    parameters.push(filter.limit);
    return { sql, parameters };
  }

  /**
   * The interval's totals per (customer, type), or per (customer, type,
   * month), from the fewest counters: its whole years from the yearly
   * table and whole months from the monthly one, plus or minus the months
   * and days at its edges (coverInterval), each term a
   * range of a primary key that holds its values, summed per group. A group
   * whose days in the interval had no message nets to zero messages and is
   * left out, as it would be had its day rows been read.
   */
  private buildCoverQuery(
    filter: StatisticsFilter,
    cover: IntervalCover,
    upTo?: GroupKey,
  ) {
    const byMonth = filter.groupBy === 'month';
    const terms = [
      {
        table: 'yearly_statistics',
        period: 'stat_year',
        periods: cover.addYears,
        negative: false,
      },
      {
        table: 'monthly_statistics',
        period: 'stat_month',
        periods: cover.addMonths,
        negative: false,
      },
      {
        table: 'monthly_statistics',
        period: 'stat_month',
        periods: cover.subtractMonths,
        negative: true,
      },
      {
        table: 'daily_statistics',
        period: 'stat_date',
        periods: cover.addDays,
        negative: false,
      },
      {
        table: 'daily_statistics',
        period: 'stat_date',
        periods: cover.subtractDays,
        negative: true,
      },
    ] as const;
    const read = terms.filter(({ periods }) => periods.length > 0);
    // A cover of whole years or months alone (or of days alone) is one
    // term: summed straight, without the union and its regrouping (about
    // 15 % of the database's CPU for one customer's year of months).
    const single = read.length === 1;
    const parameters: unknown[] = [];
    const selects = read.map(({ table, period, periods, negative }) => {
      // Each listed period is its own range of the period-first key, which
      // the group conditions narrow (one customer, the page's groups).
      // So many periods that the list would cost more than one range
      // (SQLite caps parameters) are consecutive whole months or years
      // (edge days and months are few): they are read as one range.
      const conditions = [
        periods.length > MAX_LISTED_PERIODS
          ? `${period} BETWEEN ? AND ?`
          : `${period} IN (${placeholders(periods.length)})`,
      ];
      parameters.push(
        ...(periods.length > MAX_LISTED_PERIODS
          ? [periods[0], periods.at(-1)]
          : periods),
      );
      filterGroups(filter, conditions, parameters);
      const month =
        period === 'stat_month' ? period : this.dialect.monthStart(period);
      // By month, a page goes on after its last group's month, which may
      // have later months: the condition holds row by row, so in each term.
      if (byMonth && filter.after?.month !== undefined) {
        afterKey(
          filter.after,
          month,
          `${filter.after.month}-01`,
          conditions,
          parameters,
        );
      } else if (filter.after) {
        afterGroup(filter.after, false, conditions, parameters);
      }
      if (upTo) upToGroup(upTo, conditions, parameters);
      // Each term is summed per group first: what the union holds and
      // regroups is then a row per group and term, not one per period.
      const group = `customer_id, type${byMonth ? `, ${month}` : ''}`;
      const sums = single
        ? this.counterSums()
        : this.dialect.termSums(negative);
      return `SELECT customer_id, type,${byMonth ? ` ${month} AS month,` : ''} ${sums}
FROM ${this.source(filter, table)} WHERE ${conditions.join(' AND ')}
GROUP BY ${group}${single ? '\nHAVING SUM(message_count) > 0' : ''}`;
    });
    const key = byMonth ? 'customer_id, type, month' : 'customer_id, type';
    const sql = single
      ? `${selects[0]}
ORDER BY ${key}
LIMIT ?`
      : `SELECT ${key}, ${this.dialect.coverSums}
FROM (${selects.join('\nUNION ALL\n')}) AS covered
GROUP BY ${key}
HAVING SUM(n) > 0
ORDER BY ${key}
LIMIT ?`;
    parameters.push(filter.limit);
    return { sql, parameters };
  }
}

/** The customer and type a query may be narrowed to, as conditions. */
function filterGroups(
  filter: Pick<StatisticsFilter, 'customerId' | 'type'>,
  conditions: string[],
  parameters: unknown[],
): void {
  if (filter.customerId !== undefined) {
    conditions.push('customer_id = ?');
    parameters.push(filter.customerId);
  }
  if (filter.type !== undefined) {
    conditions.push('type = ?');
    parameters.push(filter.type);
  }
}

/** Rows of groups after `after`'s group, or from it on when `including` it. */
function afterGroup(
  after: GroupKey,
  including: boolean,
  conditions: string[],
  parameters: unknown[],
): void {
  conditions.push(
    `(customer_id > ? OR (customer_id = ? AND type ${including ? '>=' : '>'} ?))`,
  );
  parameters.push(after.customerId, after.customerId, after.type);
}

/** Rows after `after`'s key: of later groups, or of its group's later periods. */
function afterKey(
  after: GroupKey,
  period: string,
  value: string,
  conditions: string[],
  parameters: unknown[],
): void {
  conditions.push(
    `(customer_id > ? OR (customer_id = ? AND (type > ? OR (type = ? AND ${period} > ?))))`,
  );
  parameters.push(
    after.customerId,
    after.customerId,
    after.type,
    after.type,
    value,
  );
}

/** Rows of groups up to `upTo`'s, included. */
function upToGroup(
  upTo: GroupKey,
  conditions: string[],
  parameters: unknown[],
): void {
  conditions.push('(customer_id < ? OR (customer_id = ? AND type <= ?))');
  parameters.push(upTo.customerId, upTo.customerId, upTo.type);
}

function dailyPeriods(days: string[]): Period[] {
  return days.map((value) => ({
    table: 'daily_statistics',
    column: 'stat_date',
    value,
  }));
}

function toStatisticsRow(
  row: Record<string, unknown>,
  groupBy: StatisticsGrouping | undefined,
): StatisticsRow {
  return {
    customerId: readSafeInteger(row.customer_id),
    type: readText(row.type),
    ...(groupBy === 'day' && { date: readText(row.stat_date) }),
    ...(groupBy === 'month' && { month: readText(row.month).slice(0, 7) }),
    messageCount: readSafeInteger(row.message_count),
    totalAmount: Amount.fromMilli(readExactSum(row, 'total_amount_milli')),
  };
}

/** At most `count` of `items`, spread evenly from the first to the last. */
function spread<T>(items: T[], count: number): T[] {
  if (items.length <= count) return items;
  return Array.from(
    { length: count },
    (_, index) => items[Math.round((index * (items.length - 1)) / (count - 1))],
  );
}
