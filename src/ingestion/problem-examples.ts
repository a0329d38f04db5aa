import type { ProblemExample } from '../http/api-problem-response.decorator';
import { ProblemType } from '../common/problem-details';
import { AMOUNT_MESSAGE } from './dto/ingest-message.dto';

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
