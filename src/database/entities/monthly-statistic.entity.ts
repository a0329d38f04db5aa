import { EntitySchema } from 'typeorm';
import { columnTypes, Dialect } from '../dialect';

/**
 * One counter per (customer, type, calendar month), the sum of the month's
 * daily counters, kept in slots like them. The primary key leads with the month, so that "all
 * customers in these months" is one range per month with no look-up per
 * row, and one customer's months are as many short ranges.
 */
export interface MonthlyStatisticRow {
  statMonth: string;
  customerId: string;
  type: string;
  /** Which writer's share of the counter: see AddCounterSlots1764400000000. */
  slot: number;
  messageCount: string;
  totalAmountMilli: string;
}

export function monthlyStatisticEntity(dialect: Dialect) {
  const types = columnTypes(dialect);
  return new EntitySchema<MonthlyStatisticRow>({
    name: 'MonthlyStatistic',
    tableName: 'monthly_statistics',
    columns: {
      statMonth: { name: 'stat_month', type: 'date', primary: true },
      customerId: { name: 'customer_id', ...types.counter, primary: true },
      type: { name: 'type', ...types.messageType, primary: true },
      slot: { name: 'slot', ...types.slot, primary: true, default: 0 },
      messageCount: { name: 'message_count', ...types.counter },
      totalAmountMilli: { name: 'total_amount_milli', ...types.wideTotal },
    },
    checks:
      dialect === 'sqlite'
        ? [
            {
              name: 'chk_monthly_statistics_exact_total',
              expression: `typeof("total_amount_milli") = 'integer'`,
            },
          ]
        : [],
  });
}
