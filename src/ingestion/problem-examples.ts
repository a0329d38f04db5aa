import type { ProblemExample } from '../http/api-problem-response.decorator';
import { ProblemType } from '../common/problem-details';
import { acceptedWindow } from '../common/event-time';
import { DEFAULT_EVENT_WINDOW } from '../config/app-config';
import { AMOUNT_MESSAGE } from './dto/ingest-message.dto';
import { ingestionProblemOf } from './ingestion-problems';
import { MessageSettledError } from './message-settled.error';
import { TimestampOutsideWindowError } from './timestamp-outside-window.error';

/** Examples of the ingestion routes' problems, worded as the service words them. */

export const INVALID_AMOUNT: ProblemExample = {
  type: ProblemType.validation,
  title: 'Invalid request',
  detail: 'Invalid amount.',
  errors: [{ field: 'amount', message: AMOUNT_MESSAGE }],
};

export const BODY_TOO_LARGE: ProblemExample = {
  title: 'Payload Too Large',
  detail: 'Request body is too large',
};

/** On MySQL/MariaDB, whose counters are BIGINT UNSIGNED thousandths. */
export const COUNTER_OVERFLOW: ProblemExample = {
  type: ProblemType.counterOverflow,
  title: 'Counter would overflow',
  detail:
    'Counting would take the total of customer 1, type "A" on 2026-11-25 past 18446744073709551.615, the most one counter holds; nothing was changed.',
  counters: [{ customerId: 1, type: 'A', date: '2026-11-25' }],
};

/** A timestamp outside the window of a message received at 2026-11-25T12:00:00Z. */
function outsideWindow(index: number, inBatch: boolean): ProblemExample {
  const receivedAt = new Date('2026-11-25T12:00:00.000Z');
  const { earliest, latest } = acceptedWindow(receivedAt, DEFAULT_EVENT_WINDOW);
  const { status: _status, ...problem } = ingestionProblemOf(
    new TimestampOutsideWindowError(
      [index],
      inBatch,
      earliest,
      latest,
      DEFAULT_EVENT_WINDOW,
    ),
  )!;
  return problem;
}

export const TIMESTAMP_OUTSIDE_WINDOW = outsideWindow(0, false);

export const BATCH_TIMESTAMP_OUTSIDE_WINDOW = outsideWindow(1, true);

/** A void on 2026-11-25 of a message counted on a settled day. */
export const MESSAGE_SETTLED: ProblemExample = (() => {
  const { status: _status, ...problem } = ingestionProblemOf(
    new MessageSettledError(
      'a596b362-08be-419f-8070-9c3055566e7c',
      '2026-10-01',
      '2026-10-20',
    ),
  )!;
  return problem;
})();
