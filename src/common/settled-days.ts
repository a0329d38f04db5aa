import { acceptedWindow } from './event-time';
import { addDays, utcDateOf } from './utc-date';

/**
 * The last UTC day that nothing can change any more: its every instant is
 * older than the oldest timestamp a message may carry now (`maxAgeDays`
 * back), so no late message can still count on it. Null while even the
 * calendar's first day is not settled.
 */
export function lastSettledDay(now: Date, maxAgeDays: number): string | null {
  const { earliest } = acceptedWindow(now, { maxAgeDays, maxSkewS: 0 });
  return addDays(utcDateOf(earliest), -1);
}
