import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '../common/problem-details';

/**
 * Answers what Node's HTTP parser refuses before any route sees it (headers
 * over 16 KiB, a request not received within the request timeout, garbage)
 * like every other error of the service: problem details, the security
 * headers and a request id, which the log line of the refusal carries too.
 * There is no request to take an id from, so the id is always new.
 */
export function clientErrorHandler(headers: Record<string, string>) {
  const fixed = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return function (
    this: FastifyInstance,
    error: Error & { code?: string },
    socket: Socket,
  ): void {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const status =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 408
        : error.code === 'HPE_HEADER_OVERFLOW'
          ? 431
          : 400;
    const title = STATUS_CODES[status] ?? 'Bad Request';
    const requestId = randomUUID();
    this.log.info(
      { reqId: requestId, res: { statusCode: status }, code: error.code },
      'request refused by the HTTP parser',
    );
    const body = JSON.stringify({
      type: 'about:blank',
      title,
      status,
      requestId,
    });
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${status} ${title}\r\n${fixed}x-request-id: ${requestId}\r\n` +
          `content-type: ${PROBLEM_CONTENT_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
          `connection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy(error);
  };
}
