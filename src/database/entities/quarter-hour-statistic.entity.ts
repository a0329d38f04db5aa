import { EntitySchema } from 'typeorm';
import type { ColumnTypes } from '../column-types';
import { QUARTER } from '../periods';
import { exactTotalChecks } from './exact-total-checks';

/**
 * One counter per (customer, type, UTC quarter hour), in slots like the
 * daily ones: what a local day's edges are read from in any time zone
 * (docs/time-zones.md). Keyed by the day, then the quarter of the day
 * (0–95), so that the quarters of a day's edge are one range for all
 * customers. See AddQuarterHourStatistics1765000000000.
 */
export interface QuarterHourStatisticRow {
  statDate: string;
  /** The quarter hour of the day, UTC: 0 is 00:00–00:15, 95 is 23:45–24:00. */
  quarter: number;
  customerId: string;
  type: string;
  /** Which writer's share of the counter: see AddCounterSlots1764400000000. */
  slot: number;
  messageCount: string;
  totalAmountMilli: string;
}

export function quarterHourStatisticEntity(types: ColumnTypes) {
  return new EntitySchema<QuarterHourStatisticRow>({
    name: QUARTER.entity,
    tableName: QUARTER.table,
    columns: {
      statDate: { name: QUARTER.column, type: 'date', primary: true },
      // 0–95 fits the slot's small unsigned integer.
      quarter: { name: 'quarter', ...types.slot, primary: true },
      customerId: { name: 'customer_id', ...types.counter, primary: true },
      type: { name: 'type', ...types.messageType, primary: true },
      slot: { name: 'slot', ...types.slot, primary: true, default: 0 },
      messageCount: { name: 'message_count', ...types.counter },
      totalAmountMilli: { name: 'total_amount_milli', ...types.counter },
    },
    checks: exactTotalChecks(types, QUARTER.table),
  });
}
