import { isCalendarDate } from '../common/utc-date';
import type { StatisticsKey } from '../database/repositories/statistics.repository';

/**
 * Page cursors are opaque to clients: base64url of the last key of a page,
 * tagged with the grouping it belongs to so a cursor cannot be replayed
 * against the other grouping.
 */
export function encodeCursor(key: StatisticsKey): string {
  const payload =
    key.date === undefined
      ? [key.customerId, key.type]
      : [key.customerId, key.type, key.date];
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** The key a cursor stands for, or undefined if it is not one of ours for this grouping. */
export function decodeCursor(
  cursor: string,
  byDay: boolean,
): StatisticsKey | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(payload) || payload.length !== (byDay ? 3 : 2))
    return undefined;
  const [customerId, type, date] = payload as unknown[];
  if (!Number.isSafeInteger(customerId) || (customerId as number) < 0)
    return undefined;
  if (typeof type !== 'string') return undefined;
  if (byDay && !isCalendarDate(date)) return undefined;
  const key = byDay
    ? { customerId: customerId as number, type, date: date as string }
    : { customerId: customerId as number, type };
  // Only the exact text encodeCursor wrote: a crafted `2.9999999999999999`
  // would otherwise parse as customer 3.
  return encodeCursor(key) === cursor ? key : undefined;
}
