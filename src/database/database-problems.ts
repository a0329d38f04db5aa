import { HttpStatus, Logger } from '@nestjs/common';
import { ProblemDetails, ProblemType } from '../common/problem-details';
import type { MetricsService } from '../metrics/metrics.service';
import {
  isDatabaseUnavailable,
  isSchemaBehind,
  isTransientTransactionError,
  loggableError,
} from './database-errors';

const logger = new Logger('ProblemDetails');

/**
 * The problem for a database error a client can do something about: a
 * database that cannot be reached, whose schema is behind the build, or
 * that stays deadlocked after the repository's retries, is a 503 (nothing was written, and the same request
 * is likely to succeed a moment later). Anything else is not the database's
 * to answer: undefined.
 */
export function databaseProblemFor(
  metrics: Pick<MetricsService, 'countDatabaseError'>,
): (exception: unknown) => ProblemDetails | undefined {
  return (exception) => {
    if (isDatabaseUnavailable(exception)) {
      metrics.countDatabaseError('unavailable');
      return unavailable(
        exception,
        'Database unavailable',
        'The database cannot be reached right now; retry later.',
      );
    }
    if (isSchemaBehind(exception)) {
      metrics.countDatabaseError('unavailable');
      return unavailable(
        exception,
        'Database schema behind',
        'The database schema is behind this build: its migrations have not run (npm run migration:run, or node dist/cli/migrate.js run). Nothing was written; retry once they have.',
      );
    }
    if (isTransientTransactionError(exception)) {
      metrics.countDatabaseError('busy');
      return unavailable(
        exception,
        'Database busy',
        'The database is too busy to take this request; nothing was written. Retry later.',
      );
    }
    return undefined;
  };
}

function unavailable(
  exception: unknown,
  title: string,
  detail: string,
): ProblemDetails {
  logger.warn(`${title}: ${loggableError(exception).summary}`);
  return {
    type: ProblemType.databaseUnavailable,
    title,
    status: HttpStatus.SERVICE_UNAVAILABLE,
    detail,
  };
}
