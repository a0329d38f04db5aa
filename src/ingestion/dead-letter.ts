import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { AmqpConfig } from '../config/app-config';
import type { ConsumedOutcome } from '../metrics/metrics.service';
import { deadLetterQueue } from './amqp-connection';
import type { MessageProblem } from './amqp-message';
import { ingestionProblemOf } from './ingestion-problems';

/** What to do with one delivery once its group is written. */
export type Disposal =
  | { ack: ConsumedOutcome }
  | { deadLetter: ConsumedOutcome; problem: MessageProblem };

/** A delivery dead-lettered with the problem POST /messages answers for the same error. */
export function refused(outcome: ConsumedOutcome, error: Error): Disposal {
  const {
    type,
    title,
    status,
    detail = error.message,
  } = ingestionProblemOf(error)!;
  return { deadLetter: outcome, problem: { type, title, status, detail } };
}

/**
 * Puts a delivery on the dead-letter queue as it was published, with the
 * problem in its headers. The caller waits for the broker's confirms
 * before it acknowledges the original.
 */
export function publishDeadLetter(
  channel: ConfirmChannel,
  config: Pick<AmqpConfig, 'queue'>,
  delivery: ConsumeMessage,
  problem: MessageProblem,
): void {
  channel.sendToQueue(deadLetterQueue(config), delivery.content, {
    ...delivery.properties,
    persistent: true,
    headers: {
      ...delivery.properties.headers,
      'x-problem-type': problem.type,
      'x-problem-title': problem.title,
      'x-problem-status': problem.status,
      'x-problem-detail': problem.detail,
    },
  });
}
