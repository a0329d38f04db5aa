import { EntitySchema } from 'typeorm';
import { columnTypes, Dialect } from '../dialect';

/**
 * One counter per (customer, type, calendar year), the sum of the year's
 * monthly counters, kept in slots like them. The primary key leads with the
 * year, as the monthly one does with the month: "all customers in this
 * year" is one range with no look-up per row, and one customer's year is
 * one short range, where its months are twelve.
 */
export interface YearlyStatisticRow {
  statYear: string;
  customerId: string;
  type: string;
  /** Which writer's share of the counter: see AddCounterSlots1764400000000. */
  slot: number;
  messageCount: string;
  totalAmountMilli: string;
}

export function yearlyStatisticEntity(dialect: Dialect) {
  const types = columnTypes(dialect);
  return new EntitySchema<YearlyStatisticRow>({
    name: 'YearlyStatistic',
    tableName: 'yearly_statistics',
    columns: {
      statYear: { name: 'stat_year', type: 'date', primary: true },
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
              name: 'chk_yearly_statistics_exact_total',
              expression: `typeof("total_amount_milli") = 'integer'`,
            },
          ]
        : [],
  });
}
