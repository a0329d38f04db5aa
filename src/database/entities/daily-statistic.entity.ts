import { EntitySchema } from 'typeorm';
import type { ColumnTypes } from '../column-types';
import { DAY } from '../periods';
import { exactTotalChecks } from './exact-total-checks';

/**
 * One counter per (customer, type, UTC day), kept in one row per writer's
 * slot and read as their sum (one row on a single server; see
 * AddCounterSlots1764400000000). The primary key leads with the
 * day, like the monthly counters': "all customers on this day" is one range
 * of rows in (customer, type) order, read with no look-up; the group index
 * serves one customer's long day ranges.
 */
export interface DailyStatisticRow {
  customerId: string;
  type: string;
  /** Which writer's share of the counter: see AddCounterSlots1764400000000. */
  slot: number;
  statDate: string;
  messageCount: string;
  totalAmountMilli: string;
}

export function dailyStatisticEntity(types: ColumnTypes) {
  return new EntitySchema<DailyStatisticRow>({
    name: DAY.entity,
    tableName: DAY.table,
    columns: {
      statDate: { name: DAY.column, type: 'date', primary: true },
      customerId: { name: 'customer_id', ...types.counter, primary: true },
      type: { name: 'type', ...types.messageType, primary: true },
      slot: { name: 'slot', ...types.slot, primary: true, default: 0 },
      messageCount: { name: 'message_count', ...types.counter },
      totalAmountMilli: { name: 'total_amount_milli', ...types.counter },
    },
    indices: [
      {
        name: 'idx_daily_statistics_group',
        columns: ['customerId', 'type', 'statDate'],
      },
    ],
    checks: exactTotalChecks(types, DAY.table),
  });
}
