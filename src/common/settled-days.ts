import { acceptedWindow } from './event-time';
import { utcDateOf } from './utc-date';

const DAY_MS = 86_400_000;

/**
 * The last UTC day that nothing can change any more: its every instant is
 * older than the oldest timestamp a message may carry now (`maxAgeDays`
 * back), so no late message can still count on it. Null while even the
 * calendar's first day is not settled.
 */
export function lastSettledDay(now: Date, maxAgeDays: number): string | null {
  const { earliest } = acceptedWindow(now, { maxAgeDays, maxSkewS: 0 });
  const dayBefore = new Date(
    Date.parse(`${utcDateOf(earliest)}T00:00:00Z`) - DAY_MS,
  );
  return dayBefore.getUTCFullYear() < 1 ? null : utcDateOf(dayBefore);
}
