import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { PROBLEM_CONTENT_TYPE } from '../common/problem-details';

/** What Fastify's router refuses before any hook runs, worded without echoing the path. */
const ROUTER_ERRORS: Record<string, { status: number; detail: string }> = {
  FST_ERR_BAD_URL: {
    status: 400,
    detail: 'The path is not valid percent-encoded UTF-8.',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    detail: 'A path segment is longer than 100 characters.',
  },
};

/**
 * Fastify's `frameworkErrors`: the errors its router meets before a route,
 * its hooks or Nest's error filter are involved (a malformed percent
 * escape, a path parameter over the length limit). Answered like every
 * other error: problem details with the request id, and the security
 * headers the request hooks did not get to set.
 */
export function frameworkErrorHandler(headers: Record<string, string>) {
  return (
    error: Error & { code?: string },
    request: FastifyRequest,
    reply: FastifyReply,
  ): void => {
    const { status, detail } = ROUTER_ERRORS[error.code ?? ''] ?? {
      status: 500,
      detail: undefined,
    };
    if (status === 500) request.log.error({ err: error }, 'router error');
    void reply
      .headers(headers)
      .header('x-request-id', request.id)
      .status(status)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send({
        type: 'about:blank',
        title: STATUS_CODES[status],
        status,
        ...(detail !== undefined && { detail }),
        requestId: request.id,
      });
  };
}
