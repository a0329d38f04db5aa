import { EntitySchema } from 'typeorm';
import type { ColumnTypes } from '../column-types';
import type { Period } from '../periods';
import { exactTotalChecks } from './exact-total-checks';

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

export function rollupStatisticEntity(types: ColumnTypes, period: Period) {
  return new EntitySchema<RollupStatisticRow>({
    name: period.entity,
    tableName: period.table,
    columns: {
      period: { name: period.column, type: 'date', primary: true },
      customerId: { name: 'customer_id', ...types.counter, primary: true },
      type: { name: 'type', ...types.messageType, primary: true },
      slot: { name: 'slot', ...types.slot, primary: true, default: 0 },
      messageCount: { name: 'message_count', ...types.counter },
      totalAmountMilli: { name: 'total_amount_milli', ...types.wideTotal },
    },
    checks: exactTotalChecks(types, period.table),
  });
}
