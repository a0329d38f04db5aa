import { EntitySchema } from 'typeorm';
import { columnTypes, Dialect } from '../dialect';

/**
 * One counter per (customer, type, UTC day). The primary key's order serves
 * a customer's date range and the (customer, type) order of every listing;
 * the date index serves "all customers on these days".
 */
export interface DailyStatisticRow {
  customerId: string;
  type: string;
  statDate: string;
  messageCount: string;
  totalAmountMilli: string;
}

export function dailyStatisticEntity(dialect: Dialect) {
  const types = columnTypes(dialect);
  return new EntitySchema<DailyStatisticRow>({
    name: 'DailyStatistic',
    tableName: 'daily_statistics',
    columns: {
      customerId: { name: 'customer_id', ...types.counter, primary: true },
      type: { name: 'type', ...types.messageType, primary: true },
      statDate: { name: 'stat_date', type: 'date', primary: true },
      messageCount: { name: 'message_count', ...types.counter },
      totalAmountMilli: { name: 'total_amount_milli', ...types.counter },
    },
    indices: [
      {
        name: 'idx_daily_statistics_date',
        columns: ['statDate', 'customerId', 'type'],
      },
    ],
    // SQLite turns an overflowing integer sum into a float; refuse instead.
    checks:
      dialect === 'sqlite'
        ? [
            {
              name: 'chk_daily_statistics_exact_total',
              expression: `typeof("total_amount_milli") = 'integer'`,
            },
          ]
        : [],
  });
}
