import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Amount } from '../../common/amount';
import { hourOf, isoWeekOf, offsetSegments } from '../../common/local-calendar';
import { addDays, dayStart, isCalendarDate } from '../../common/utc-date';
import { QUARTER_MS } from '../statistics-query/instant-cover';
import { readExactSum, SQL_DIALECT, SqlDialect } from '../sql-dialect';
import {
  GroupKey,
  groupsPerPage,
  PagePlan,
  planPage,
  StatisticsFilter,
  StatisticsGrouping,
  StatisticsRow,
} from '../statistics-query/statistics-plan';
import { dayCount } from '../statistics-query/interval-cover';
import {
  boundSql,
  COUNTED_DAYS_SQL,
  pageSql,
} from '../statistics-query/statistics-sql';
import { readSafeInteger, readText } from './sql-values';

export type {
  StatisticsFilter,
  StatisticsGrouping,
  StatisticsKey,
  StatisticsRow,
} from '../statistics-query/statistics-plan';

/**
 * Up to this many days, a zone's interval is planned as asked, without
 * asking which days the counters hold: a year's days cost a few
 * milliseconds of planning, less than the query.
 */
const PLANNED_WITHOUT_LOOKING = 366;

/**
 * Sums the counters of an interval, a page at a time, in key order
 * (customer, type, then day, week or month). Pages continue after the previous
 * page's last key (keyset pagination), so they walk every group exactly
 * once. What to read is planned by planPage and written as SQL by
 * statistics-sql.ts; this runs it.
 */
@Injectable()
export class StatisticsRepository {
  /** Read once: it never moves after the upgrade that set it. */
  private firstQuarterDay?: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SQL_DIALECT) private readonly dialect: SqlDialect,
  ) {}

  /**
   * The first UTC day whose quarter-hour counters are whole: an upgraded
   * database has none before its ledger's horizon at the upgrade
   * (AddQuarterHourStatistics1765000000000).
   */
  async firstQuarterHourDay(): Promise<string> {
    if (this.firstQuarterDay === undefined) {
      const [row] = await this.dataSource.query<Record<string, unknown>[]>(
        'SELECT first_quarter_hour_day FROM ledger_horizon WHERE id = 1',
      );
      this.firstQuarterDay = readText(row.first_quarter_hour_day).slice(0, 10);
    }
    return this.firstQuarterDay;
  }

  /**
   * A page in key order. Over all customers, a page is first bounded by the
   * last group it can reach (boundSql), so that each page reads only its
   * own groups' rows and a walk through many pages reads each row once,
   * instead of every page grouping and sorting all that follows it. Groups
   * that net to nothing are left out after reading, so a bounded read may
   * come back short: the next read goes on from the bound.
   */
  async sum(asked: StatisticsFilter): Promise<StatisticsRow[]> {
    if (asked.groupBy === 'hour') return this.sumHours(asked);
    const filter = await this.withinCountedDays(asked);
    if (filter === undefined) return [];
    const rows: StatisticsRow[] = [];
    let after = filter.after;
    for (;;) {
      const limit = filter.limit - rows.length;
      const plan = planPage({ ...filter, after, limit });
      // A zone's interval can hold no instant: a day it skipped.
      if (plan.shape === 'cover' && plan.terms.length === 0) return rows;
      const upTo = await this.pageBound(plan);
      const { sql, parameters } = pageSql(plan, this.dialect, upTo);
      const found: Record<string, unknown>[] = await this.dataSource.query(
        sql,
        parameters,
      );
      for (const row of found) rows.push(toStatisticsRow(row, filter.groupBy));
      if (upTo === undefined || found.length >= limit) return rows;
      after = upTo;
    }
  }

  /**
   * A page per hour: the quarter hours in time order per group, each
   * labelled with the local hour it is in (its key names the offset, so a
   * repeated hour is two), and summed per label. An hour holds at most
   * four quarters, so the quarters read (hoursSql) hold at least one hour
   * more than the page: the last hour read, which may be cut short, is
   * never answered.
   */
  private async sumHours(filter: StatisticsFilter): Promise<StatisticsRow[]> {
    const plan = planPage(filter);
    if (plan.shape !== 'hours') throw new Error('not a plan of hours');
    if (plan.quarters.length === 0) return [];
    const { sql, parameters } = pageSql(plan, this.dialect);
    const found: Record<string, unknown>[] = await this.dataSource.query(
      sql,
      parameters,
    );
    const segments =
      plan.zone.toUpperCase() === 'UTC'
        ? [{ start: plan.start, end: plan.end, offset: 0 }]
        : offsetSegments(plan.zone, plan.start, plan.end);
    const hours: Array<StatisticsRow & { milli: bigint }> = [];
    for (const row of found) {
      const customerId = readSafeInteger(row.customer_id);
      const type = readText(row.type);
      const hour = hourOf(
        dayStart(readText(row.stat_date).slice(0, 10)) +
          readSafeInteger(row.quarter) * QUARTER_MS,
        segments,
      );
      const messages = readSafeInteger(row.message_count);
      const milli = readExactSum(row, 'total_amount_milli');
      const last = hours.at(-1);
      if (
        last?.customerId === customerId &&
        last.type === type &&
        last.hour === hour
      ) {
        last.messageCount += messages;
        last.milli += milli;
      } else {
        hours.push({
          customerId,
          type,
          hour,
          messageCount: messages,
          totalAmount: Amount.fromMilli(0n),
          milli,
        });
      }
    }
    return hours.slice(0, filter.limit).map(({ milli, ...hour }) => ({
      ...hour,
      totalAmount: Amount.fromMilli(milli),
    }));
  }

  /**
   * A zone's periods are planned one by one (zoneEdges): a long interval
   * is first narrowed to the days the counters hold, and a day on either
   * side (a UTC day's instants fall on three local days at most), which
   * leaves every answer as it is. None: no counter is in it.
   */
  private async withinCountedDays(
    filter: StatisticsFilter,
  ): Promise<StatisticsFilter | undefined> {
    if (
      filter.timeZone === undefined ||
      filter.groupBy === undefined ||
      dayCount(filter.from, filter.to) <= PLANNED_WITHOUT_LOOKING
    ) {
      return filter;
    }
    const [row] =
      await this.dataSource.query<Record<string, unknown>[]>(COUNTED_DAYS_SQL);
    if (row.first_day === null || row.last_day === null) return undefined;
    const before = addDays(readText(row.first_day).slice(0, 10), -1);
    const after = addDays(readText(row.last_day).slice(0, 10), 1);
    const from = before !== null && before > filter.from ? before : filter.from;
    const to =
      after !== null && isCalendarDate(after) && after < filter.to
        ? after
        : filter.to;
    return from <= to ? { ...filter, from, to } : undefined;
  }

  /**
   * The last group a page can need; none when no bounding period holds a
   * page's worth of groups: the rest of the walk is then at most a page
   * per period.
   */
  private async pageBound(plan: PagePlan): Promise<GroupKey | undefined> {
    const groups = groupsPerPage(plan);
    if (groups === undefined) return undefined;
    const { sql, parameters } = boundSql(plan, groups);
    const [row]: Record<string, unknown>[] = await this.dataSource.query(
      sql,
      parameters,
    );
    return row === undefined
      ? undefined
      : {
          customerId: readSafeInteger(row.customer_id),
          type: readText(row.type),
        };
  }
}

function toStatisticsRow(
  row: Record<string, unknown>,
  groupBy: StatisticsGrouping | undefined,
): StatisticsRow {
  return {
    customerId: readSafeInteger(row.customer_id),
    type: readText(row.type),
    ...(groupBy === 'day' && { date: readText(row.stat_date) }),
    ...(groupBy === 'week' && { week: isoWeekOf(readText(row.week_start)) }),
    ...(groupBy === 'month' && { month: readText(row.month).slice(0, 7) }),
    messageCount: readSafeInteger(row.message_count),
    totalAmount: Amount.fromMilli(readExactSum(row, 'total_amount_milli')),
  };
}
