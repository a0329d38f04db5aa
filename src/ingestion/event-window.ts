import { parseTimestamp } from '../common/event-time';
import type { EventWindowConfig } from '../config/app-config';
import { TimestampOutsideWindowError } from './timestamp-outside-window.error';

const DAY_MS = 86_400_000;

/**
 * The instants messages received at `receivedAt` may carry: at most
 * `maxAgeDays` back and `maxSkewS` ahead, both bounds included.
 */
export function acceptedWindow(
  receivedAt: Date,
  { maxAgeDays, maxSkewS }: EventWindowConfig,
): { earliest: Date; latest: Date } {
  return {
    earliest: new Date(receivedAt.getTime() - maxAgeDays * DAY_MS),
    latest: new Date(receivedAt.getTime() + maxSkewS * 1000),
  };
}

/**
 * Each message's event time: its timestamp's instant, or none when it has
 * no timestamp (it then happened when it was received). Throws a
 * TimestampOutsideWindowError naming every timestamp outside the window.
 * `batch` names fields as a batch's errors do, `[i].timestamp`.
 */
export function eventTimesOf(
  timestamps: Array<string | undefined>,
  receivedAt: Date,
  window: EventWindowConfig,
  batch: boolean,
): Array<Date | undefined> {
  const { earliest, latest } = acceptedWindow(receivedAt, window);
  const refused: number[] = [];
  const times = timestamps.map((timestamp, index) => {
    if (timestamp === undefined) return undefined;
    // Validation let only RFC 3339 timestamps through.
    const instant = parseTimestamp(timestamp)!;
    if (instant < earliest.getTime() || instant > latest.getTime()) {
      refused.push(index);
    }
    return new Date(instant);
  });
  if (refused.length > 0) {
    throw new TimestampOutsideWindowError(
      refused.map((i) => (batch ? `[${i}].timestamp` : 'timestamp')),
      earliest,
      latest,
      refused,
      window,
    );
  }
  return times;
}
