import { HOUR_KEY_PATTERN, isoWeekStart } from '../common/local-calendar';
import { isCalendarDate } from '../common/utc-date';
import type {
  StatisticsGrouping,
  StatisticsKey,
} from '../database/repositories/statistics.repository';

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Page cursors are opaque to clients: base64url of the last key of a page.
 * The key's shape (no period, an hour, a day, a week, a month) ties a cursor to its
 * grouping, so it cannot be replayed against another.
 */
export function encodeCursor(key: StatisticsKey): string {
  const period = key.hour ?? key.date ?? key.week ?? key.month;
  const payload =
    period === undefined
      ? [key.customerId, key.type]
      : [key.customerId, key.type, period];
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** The key a cursor stands for, or undefined if it is not one of ours for this grouping. */
export function decodeCursor(
  cursor: string,
  groupBy: StatisticsGrouping | undefined,
): StatisticsKey | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (
    !Array.isArray(payload) ||
    payload.length !== (groupBy === undefined ? 2 : 3)
  )
    return undefined;
  const [customerId, type, period] = payload as unknown[];
  if (!Number.isSafeInteger(customerId) || (customerId as number) < 0)
    return undefined;
  if (typeof type !== 'string') return undefined;
  if (
    groupBy === 'hour' &&
    !(
      typeof period === 'string' &&
      HOUR_KEY_PATTERN.test(period) &&
      isCalendarDate(period.slice(0, 10))
    )
  )
    return undefined;
  if (groupBy === 'day' && !isCalendarDate(period)) return undefined;
  if (
    groupBy === 'week' &&
    !(typeof period === 'string' && isoWeekStart(period) !== null)
  )
    return undefined;
  if (
    groupBy === 'month' &&
    !(typeof period === 'string' && MONTH_PATTERN.test(period))
  )
    return undefined;
  const key: StatisticsKey = {
    customerId: customerId as number,
    type,
    ...(groupBy === 'hour' && { hour: period as string }),
    ...(groupBy === 'day' && { date: period as string }),
    ...(groupBy === 'week' && { week: period as string }),
    ...(groupBy === 'month' && { month: period as string }),
  };
  // Only the exact text encodeCursor wrote: a crafted `2.9999999999999999`
  // would otherwise parse as customer 3.
  return encodeCursor(key) === cursor ? key : undefined;
}
