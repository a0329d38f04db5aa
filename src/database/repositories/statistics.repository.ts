import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Amount } from '../../common/amount';
import { readExactSum, SQL_DIALECT, SqlDialect } from '../sql-dialect';
import { readSafeInteger, readText } from './sql-values';

/** Where a page starts: the last key of the previous page (exclusive). */
export interface StatisticsKey {
  customerId: number;
  type: string;
  date?: string;
}

export interface StatisticsFilter {
  /** First and last UTC day, YYYY-MM-DD, both inclusive. */
  from: string;
  to: string;
  customerId?: number;
  type?: string;
  /** One row per (customer, type, day) instead of per (customer, type). */
  byDay: boolean;
  after?: StatisticsKey;
  limit: number;
}

export interface StatisticsRow {
  customerId: number;
  type: string;
  date?: string;
  messageCount: number;
  totalAmount: Amount;
}

/**
 * Sums the daily counters. Rows come in primary-key order (customer, type,
 * day), and pages continue after the previous page's last key (keyset
 * pagination), so each page costs the same and walks every row exactly once.
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
      ...(filter.byDay && { date: readText(row.stat_date) }),
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
    // One day is an equality, so the date index also yields (customer, type)
    // order: the first page is read straight off it, with no sort of the day.
    const conditions =
      filter.from === filter.to
        ? ['stat_date = ?']
        : ['stat_date BETWEEN ? AND ?'];
    const parameters: unknown[] =
      filter.from === filter.to ? [filter.from] : [filter.from, filter.to];
    if (filter.customerId !== undefined) {
      conditions.push('customer_id = ?');
      parameters.push(filter.customerId);
    }
    if (filter.type !== undefined) {
      conditions.push('type = ?');
      parameters.push(filter.type);
    }
    if (filter.after) {
      const { customerId, type, date } = filter.after;
      if (filter.byDay) {
        conditions.push(
          '(customer_id > ? OR (customer_id = ? AND (type > ? OR (type = ? AND stat_date > ?))))',
        );
        parameters.push(customerId, customerId, type, type, date);
      } else {
        conditions.push('(customer_id > ? OR (customer_id = ? AND type > ?))');
        parameters.push(customerId, customerId, type);
      }
    }
    const key = filter.byDay
      ? 'customer_id, type, stat_date'
      : 'customer_id, type';
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
}
