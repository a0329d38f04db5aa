import { EntitySchema } from 'typeorm';
import { columnTypes, Dialect } from '../dialect';

/**
 * One counter per (customer, type, calendar month), and one per (customer,
 * type, calendar year): the sum of the daily counters of the period, kept
 * in slots like them. Each primary key leads with the period (its first
 * day), so that "all customers in these months (years)" is one range per
 * period with no look-up per row, and one customer's periods are as many
 * short ranges: its year is one range where its months are twelve.
 */
export interface RollupStatisticRow {
  /** The period's first day. */
  period: string;
  customerId: string;
  type: string;
  /** Which writer's share of the counter: see AddCounterSlots1764400000000. */
  slot: number;
  messageCount: string;
  totalAmountMilli: string;
}

const ROLLUPS = {
  month: {
    name: 'MonthlyStatistic',
    tableName: 'monthly_statistics',
    column: 'stat_month',
  },
  year: {
    name: 'YearlyStatistic',
    tableName: 'yearly_statistics',
    column: 'stat_year',
  },
} as const;

export function rollupStatisticEntity(
  dialect: Dialect,
  rollup: keyof typeof ROLLUPS,
) {
  const types = columnTypes(dialect);
  const { name, tableName, column } = ROLLUPS[rollup];
  return new EntitySchema<RollupStatisticRow>({
    name,
    tableName,
    columns: {
      period: { name: column, type: 'date', primary: true },
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
              name: `chk_${tableName}_exact_total`,
              expression: `typeof("total_amount_milli") = 'integer'`,
            },
          ]
        : [],
  });
}
