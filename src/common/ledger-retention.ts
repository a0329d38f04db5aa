import { addDays, utcDateOf } from './utc-date';

/** The calendar's first day: a ledger that keeps everything keeps from here. */
export const FIRST_DAY = '0001-01-01';

/**
 * The first UTC day whose messages the ledger keeps when it keeps
 * `retentionDays` days back from today: earlier days go. Never before the
 * calendar's first day.
 */
export function firstKeptDay(now: Date, retentionDays: number): string {
  return addDays(utcDateOf(now), -retentionDays) ?? FIRST_DAY;
}
