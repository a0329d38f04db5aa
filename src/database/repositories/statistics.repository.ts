import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Amount } from '../../common/amount';
import { readExactSum, SQL_DIALECT, SqlDialect } from '../sql-dialect';
import { coverInterval, IntervalCover } from './interval-cover';
import { readSafeInteger, readText } from './sql-values';

/** Beyond this many months, one customer's months are read as one range (SQLite caps parameters). */
const MAX_LISTED_MONTHS = 240;

/** Where a page starts: the last key of the previous page (exclusive). */
export interface StatisticsKey {
  customerId: number;
  type: string;
  /** With groupBy day: YYYY-MM-DD. */
  date?: string;
  /** With groupBy month: YYYY-MM. */
  month?: string;
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
 * (customer, type) or per month from the monthly ones and the edge days
 * (buildCoverQuery), or from the days alone when no whole month is in it.
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

  async sum(filter: StatisticsFilter): Promise<StatisticsRow[]> {
    const { sql, parameters } = this.buildSumQuery(filter);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      sql,
      parameters,
    );
    return rows.map((row) => ({
      customerId: readSafeInteger(row.customer_id),
      type: readText(row.type),
      ...(filter.groupBy === 'day' && { date: readText(row.stat_date) }),
      ...(filter.groupBy === 'month' && {
        month: readText(row.month).slice(0, 7),
      }),
      messageCount: readSafeInteger(row.message_count),
      totalAmount: Amount.fromMilli(readExactSum(row, 'total_amount_milli')),
    }));
  }

  /** The query plan of `sum`, as the database explains it. */
  async explainSum(
    filter: StatisticsFilter,
  ): Promise<Record<string, unknown>[]> {
    const { sql, parameters } = this.buildSumQuery(filter);
    return this.dataSource.query(`${this.dialect.explain} ${sql}`, parameters);
  }

  private buildSumQuery(filter: StatisticsFilter) {
    if (filter.groupBy === 'month') {
      return this.buildCoverQuery(
        filter,
        coverInterval(filter.from, filter.to),
      );
    }
    if (filter.groupBy === undefined) {
      const cover = coverInterval(filter.from, filter.to);
      if (cover.addMonths.length > 0)
        return this.buildCoverQuery(filter, cover);
    }
    const byDay = filter.groupBy === 'day';
    // One day is an equality, so the date index also yields (customer, type)
    // order: the first page is read straight off it, with no sort of the day.
    const conditions =
      filter.from === filter.to
        ? ['stat_date = ?']
        : ['stat_date BETWEEN ? AND ?'];
    const parameters: unknown[] =
      filter.from === filter.to ? [filter.from] : [filter.from, filter.to];
    filterGroups(filter, conditions, parameters);
    if (filter.after) {
      const { customerId, type, date } = filter.after;
      if (byDay) {
        conditions.push(
          '(customer_id > ? OR (customer_id = ? AND (type > ? OR (type = ? AND stat_date > ?))))',
        );
        parameters.push(customerId, customerId, type, type, date);
      } else {
        conditions.push('(customer_id > ? OR (customer_id = ? AND type > ?))');
        parameters.push(customerId, customerId, type);
      }
    }
    const key = byDay ? 'customer_id, type, stat_date' : 'customer_id, type';
    const total = this.dialect.exactSum(
      'total_amount_milli',
      'total_amount_milli',
    );
    const sql = `SELECT ${key}, SUM(message_count) AS message_count, ${total}
FROM daily_statistics
WHERE ${conditions.join(' AND ')}
GROUP BY ${key}
ORDER BY ${key}
LIMIT ?`;
    parameters.push(filter.limit);
    return { sql, parameters };
  }

  /**
   * The interval's totals per (customer, type), or per (customer, type,
   * month), from the fewest counters: its whole months from the monthly
   * table, plus or minus the days at its edges (coverInterval), each term a
   * range of a primary key that holds its values, summed per group. A group
   * whose days in the interval had no message nets to zero messages and is
   * left out, as it would be had its day rows been read.
   */
  private buildCoverQuery(filter: StatisticsFilter, cover: IntervalCover) {
    const byMonth = filter.groupBy === 'month';
    const parameters: unknown[] = [];
    const terms: string[] = [];
    const term = (
      table: 'monthly_statistics' | 'daily_statistics',
      period: 'stat_month' | 'stat_date',
      periods: string[],
      negative: boolean,
    ) => {
      if (periods.length === 0) return;
      // Whole months are consecutive. All customers: one range of the
      // month-first key. One customer: a short range per month, unless
      // the months are so many that the list would cost more than the range.
      const asRange =
        table === 'monthly_statistics' &&
        periods.length > 1 &&
        (filter.customerId === undefined || periods.length > MAX_LISTED_MONTHS);
      const conditions = [
        asRange
          ? `${period} BETWEEN ? AND ?`
          : `${period} IN (${periods.map(() => '?').join(', ')})`,
      ];
      parameters.push(...(asRange ? [periods[0], periods.at(-1)] : periods));
      filterGroups(filter, conditions, parameters);
      if (filter.after) {
        // By month, the page's last group may go on in later months.
        const { customerId, type } = filter.after;
        conditions.push(
          `(customer_id > ? OR (customer_id = ? AND type ${byMonth ? '>=' : '>'} ?))`,
        );
        parameters.push(customerId, customerId, type);
      }
      const month =
        period === 'stat_month' ? period : this.dialect.monthStart(period);
      terms.push(`SELECT customer_id, type,${byMonth ? ` ${month} AS month,` : ''}
  ${this.dialect.signedCount('message_count', negative)} AS n,
  ${this.dialect.signedTotal('total_amount_milli', negative)} AS t
FROM ${table} WHERE ${conditions.join(' AND ')}`);
    };
    term('monthly_statistics', 'stat_month', cover.addMonths, false);
    term('daily_statistics', 'stat_date', cover.addDays, false);
    term('daily_statistics', 'stat_date', cover.subtractDays, true);
    const key = byMonth ? 'customer_id, type, month' : 'customer_id, type';
    let after = '';
    if (byMonth && filter.after) {
      const { customerId, type, month } = filter.after;
      after =
        'WHERE customer_id > ? OR (customer_id = ? AND (type > ? OR (type = ? AND month > ?)))';
      parameters.push(customerId, customerId, type, type, `${month}-01`);
    }
    const sql = `SELECT ${key}, SUM(n) AS message_count, ${this.dialect.exactSum('t', 'total_amount_milli')}
FROM (${terms.join('\nUNION ALL\n')}) AS covered
${after}
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
