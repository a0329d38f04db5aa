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
import {
  PROBLEM_CONTENT_TYPE,
  ProblemDetails,
} from '../common/problem-details';

/** Seconds a client should wait before retrying a 503 (a database away or busy). */
const RETRY_AFTER_SECONDS = 5;

/**
 * What the filter learns from the features without importing them (HTTP
 * plumbing knows no feature): app.setup.ts wires in the translations of
 * ingestion's domain errors and of the database's.
 */
export interface ProblemDetailsOptions {
  /** Problems for errors a lower layer knows (a database that is away), or undefined. */
  translators?: Array<(exception: unknown) => ProblemDetails | undefined>;
  /** An error as a log line may show it: no values, no secrets. */
  loggable?: (exception: unknown) => { summary: string; stack?: string };
  /** Told of each error answered with a 500. */
  onInternalError?: (exception: unknown) => void;
}

/**
 * Writes every error as RFC 9457 problem details. HTTP exceptions keep their
 * status; Fastify's own 4xx errors (bad JSON, body too large, unsupported
 * media type) keep theirs; an error a translator knows gets its problem (a
 * 503 gets Retry-After); any other error is logged and answered with a
 * generic 500 that reveals nothing.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(private readonly options: ProblemDetailsOptions = {}) {}

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
    for (const translate of this.options.translators ?? []) {
      const problem = translate(exception);
      if (problem !== undefined) return problem;
    }
    this.options.onInternalError?.(exception);
    const { summary, stack } = (this.options.loggable ?? plainError)(exception);
    this.logger.error(`request ${requestId} failed: ${summary}`, stack);
    return {
      type: 'about:blank',
      title: 'Internal Server Error',
      status: HttpStatus.INTERNAL_SERVER_ERROR,
    };
  }
}

function plainError(exception: unknown): { summary: string; stack?: string } {
  return {
    summary: String(exception),
    stack: exception instanceof Error ? exception.stack : undefined,
  };
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
