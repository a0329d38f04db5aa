import { LogController } from 'fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { redactUrl } from '../common/redact-url';
import { callerNameOf } from './request-caller';

/**
 * One structured line per request, written when it ends, instead of
 * Fastify's two, in the shape pino-http and Fastify give their lines (so
 * log tooling finds req.method, res.statusCode and responseTime where it
 * looks), with the name of the API key used, never the key; credentials
 * sent by mistake in the query are hidden. It also counts the requests in
 * flight, for the shutdown's log lines.
 */
export class RequestLogController extends LogController {
  /** Requests received and not yet answered or abandoned: what a shutdown drains. */
  inFlight = 0;

  override incomingRequest(
    _request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    this.inFlight++;
    // 'close' ends every response: sent, failed or abandoned by the client.
    reply.raw.once('close', () => this.inFlight--);
  }

  override routeNotFound(): void {}

  override requestCompleted(
    error: Error | null,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const apiKey = callerNameOf(request);
    const line = {
      req: { method: request.method, url: redactUrl(request.url) },
      res: { statusCode: reply.statusCode },
      responseTime: Math.round(reply.elapsedTime * 100) / 100,
      ...(apiKey !== undefined && { apiKey }),
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
