import { amountOf, thousandthsOf } from './amounts';
import type { StatsItem } from './stats-client';

/** One customer and type over the whole answer: the table's row. */
export interface GroupTotal {
  customerId: number;
  type: string;
  messageCount: bigint;
  totalAmount: string;
}

/**
 * The answer's items added up per customer and type, exactly, in the
 * API's order (customerId, then type as the API sorts it).
 */
export function groupTotals(items: readonly StatsItem[]): GroupTotal[] {
  const groups = new Map<
    string,
    { customerId: number; type: string; count: bigint; milli: bigint }
  >();
  for (const item of items) {
    const key = JSON.stringify([item.customerId, item.type]);
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        customerId: item.customerId,
        type: item.type,
        count: 0n,
        milli: 0n,
      };
      groups.set(key, group);
    }
    group.count += BigInt(item.messageCount);
    group.milli += thousandthsOf(item.totalAmount);
  }
  return [...groups.values()].map((group) => ({
    customerId: group.customerId,
    type: group.type,
    messageCount: group.count,
    totalAmount: amountOf(group.milli),
  }));
}

/** The sum of every row. */
export function grandTotal(rows: readonly GroupTotal[]): {
  messageCount: bigint;
  totalAmount: string;
} {
  let count = 0n;
  let milli = 0n;
  for (const row of rows) {
    count += row.messageCount;
    milli += thousandthsOf(row.totalAmount);
  }
  return { messageCount: count, totalAmount: amountOf(milli) };
}
