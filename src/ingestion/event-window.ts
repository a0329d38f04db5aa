import { acceptedWindow, parseTimestamp } from '../common/event-time';
import type { EventWindowConfig } from '../config/app-config';
import { TimestampOutsideWindowError } from './timestamp-outside-window.error';

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
      refused,
      batch,
      earliest,
      latest,
      window,
    );
  }
  return times;
}
