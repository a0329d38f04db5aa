import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { MetricsService } from '../metrics/metrics.service';
import {
  isDatabaseUnavailable,
  isTransientTransactionError,
  loggableError,
} from '../database/database-errors';
import {
  PROBLEM_CONTENT_TYPE,
  ProblemDetails,
  ProblemType,
} from './problem-details';

/** Seconds a client should wait before retrying while the database is away. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Writes every error as RFC 9457 problem details. HTTP exceptions keep their
 * status; Fastify's own 4xx errors (bad JSON, body too large, unsupported
 * media type) keep theirs; a database that cannot be reached, or stays
 * deadlocked, is a 503 with Retry-After; any other error is logged and
 * answered with a generic 500 that reveals nothing.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(private readonly metrics: MetricsService) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = this.toProblem(exception, request.id);
    problem.instance = request.url?.split('?')[0];
    problem.requestId = request.id;
    if (problem.status === Number(HttpStatus.SERVICE_UNAVAILABLE)) {
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    }
    void reply
      .status(problem.status)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send(problem);
  }

  private toProblem(exception: unknown, requestId: string): ProblemDetails {
    if (exception instanceof HttpException) {
      return fromHttpException(exception);
    }
    const clientStatus = clientErrorStatusOf(exception);
    if (clientStatus !== undefined) {
      return {
        type: 'about:blank',
        title: STATUS_CODES[clientStatus] ?? 'Client error',
        status: clientStatus,
        detail: (exception as Error).message,
      };
    }
    if (isDatabaseUnavailable(exception)) {
      this.metrics.countDatabaseError('unavailable');
      return this.unavailable(
        exception,
        'Database unavailable',
        'The database cannot be reached right now; retry later.',
      );
    }
    // Still deadlocked after the repository's retries: nothing was written,
    // and the same request is likely to succeed a moment later.
    if (isTransientTransactionError(exception)) {
      this.metrics.countDatabaseError('busy');
      return this.unavailable(
        exception,
        'Database busy',
        'The database is too busy to take this request; nothing was written. Retry later.',
      );
    }
    this.metrics.countDatabaseError('other');
    const { summary, stack } = loggableError(exception);
    this.logger.error(`request ${requestId} failed: ${summary}`, stack);
    return {
      type: 'about:blank',
      title: 'Internal Server Error',
      status: HttpStatus.INTERNAL_SERVER_ERROR,
    };
  }

  private unavailable(
    exception: unknown,
    title: string,
    detail: string,
  ): ProblemDetails {
    this.logger.warn(`${title}: ${loggableError(exception).summary}`);
    return {
      type: ProblemType.databaseUnavailable,
      title,
      status: HttpStatus.SERVICE_UNAVAILABLE,
      detail,
    };
  }
}

function fromHttpException(exception: HttpException): ProblemDetails {
  const status = exception.getStatus();
  const title = STATUS_CODES[status] ?? 'Error';
  const response = exception.getResponse();
  if (typeof response === 'string') {
    return { type: 'about:blank', title, status, detail: response };
  }
  // Nest's own exceptions carry message, error and statusCode; a problem
  // thrown by the service carries its members, extensions included.
  const {
    message,
    error,
    statusCode,
    type = 'about:blank',
    title: ownTitle = title,
    detail: ownDetail,
    ...members
  } = response as Partial<ProblemDetails> & {
    message?: unknown;
    error?: unknown;
    statusCode?: unknown;
  };
  const detail =
    ownDetail ??
    (Array.isArray(message) ? message.join('; ') : undefined) ??
    (typeof message === 'string' ? message : undefined);
  return {
    type,
    title: ownTitle,
    status,
    ...(detail !== undefined && { detail }),
    ...members,
  };
}

/** Fastify's own errors (FST_ERR_CTP_*, JSON syntax) carry a 4xx statusCode. */
function clientErrorStatusOf(exception: unknown): number | undefined {
  const status = (exception as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500
    ? status
    : undefined;
}
