import { HttpStatus } from '@nestjs/common';
import { ProblemDetails, ProblemType } from '../common/problem-details';
import { CounterOverflowError } from '../database/counter-overflow.error';
import { MessageNotFoundError } from './message-not-found.error';
import { MessageSettledError } from './message-settled.error';
import { TimestampOutsideWindowError } from './timestamp-outside-window.error';
import { UuidConflictError } from './uuid-conflict.error';

/**
 * The problem a domain error of ingestion is answered with: by HTTP (the
 * error filter) and in a dead letter's headers (the RabbitMQ consumer)
 * alike. Undefined for any other error.
 */
export function ingestionProblemOf(error: unknown): ProblemDetails | undefined {
  if (error instanceof UuidConflictError) {
    return {
      type: ProblemType.uuidConflict,
      title: 'uuid already used',
      status: HttpStatus.CONFLICT,
      detail: `Message ${error.uuid} was already counted with different content; nothing was changed.`,
    };
  }
  if (error instanceof CounterOverflowError) {
    const counters = error.counters.map(
      ({ customerId, type, date }) =>
        `customer ${customerId}, type ${JSON.stringify(type)} on ${date}`,
    );
    return {
      type: ProblemType.counterOverflow,
      title: 'Counter would overflow',
      status: HttpStatus.UNPROCESSABLE_ENTITY,
      detail:
        `Counting would take the total of ${counters.join('; ') || 'a counter'} ` +
        `past ${error.limit.toString()}, the most one counter holds; nothing was changed.`,
      counters: error.counters,
    };
  }
  if (error instanceof TimestampOutsideWindowError) {
    const window = `between ${error.earliest.toISOString()} and ${error.latest.toISOString()} (UTC)`;
    return {
      type: ProblemType.timestampOutsideWindow,
      title: 'Timestamp outside the accepted window',
      status: HttpStatus.UNPROCESSABLE_ENTITY,
      detail: `A message's timestamp must lie ${window}: at most ${error.window.maxAgeDays} days before the service receives it and ${error.window.maxSkewS} s after; nothing was changed.`,
      errors: error.fields.map((field) => ({
        field,
        message: `timestamp must lie ${window}`,
      })),
    };
  }
  if (error instanceof MessageSettledError) {
    return {
      type: ProblemType.messageSettled,
      title: 'Message on a settled day',
      status: HttpStatus.CONFLICT,
      detail: `Message ${error.uuid} counted on ${error.date}, and every day through ${error.settledThrough} is settled: it can no longer be voided. Nothing was changed.`,
      date: error.date,
      settledThrough: error.settledThrough,
    };
  }
  if (error instanceof MessageNotFoundError) {
    return {
      type: 'about:blank',
      title: 'Not Found',
      status: HttpStatus.NOT_FOUND,
      detail: error.message,
    };
  }
  return undefined;
}
