import type { ProblemExample } from './api-problem-response.decorator';
import { ProblemType } from '../common/problem-details';

/** Examples of problems more than one feature answers with, worded as the service words them. */

export const DATABASE_UNAVAILABLE: ProblemExample = {
  type: ProblemType.databaseUnavailable,
  title: 'Database unavailable',
  detail: 'The database cannot be reached right now; retry later.',
};

/** `route` as the workload gate names it: "POST /messages/batch", "GET /messages/:uuid". */
export const tooBusy = (route: string): ProblemExample => ({
  type: ProblemType.busy,
  title: 'Too busy',
  detail: `Too many ${route} requests are in progress; nothing was done. Retry later.`,
});
