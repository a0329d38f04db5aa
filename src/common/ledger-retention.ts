import { utcDateOf } from './utc-date';

const DAY_MS = 86_400_000;

/** The calendar's first day: a ledger that keeps everything keeps from here. */
export const FIRST_DAY = '0001-01-01';

/**
 * The first UTC day whose messages the ledger keeps when it keeps
 * `retentionDays` days back from today: earlier days go. Never before the
 * calendar's first day.
 */
export function firstKeptDay(now: Date, retentionDays: number): string {
  const today = Date.parse(`${utcDateOf(now)}T00:00:00Z`);
  const first = new Date(today - retentionDays * DAY_MS);
  return first.getUTCFullYear() < 1 ? FIRST_DAY : utcDateOf(first);
}
