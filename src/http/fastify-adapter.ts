import { FastifyAdapter } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { IncomingMessage } from 'node:http';
import pino, { Logger } from 'pino';
import { MESSAGE_BODY_LIMIT_BYTES } from '../common/json-body';
import { AppConfig } from '../config/app-config';
import { clientErrorHandler } from './client-error-handler';
import { frameworkErrorHandler } from './framework-error-handler';
import { useExactJsonParser } from './json-body-parser';
import { RequestLogController } from './request-log-controller';
import { useRouteHooks } from './route-hooks';
import { securityHeaders } from './security-headers';

/**
 * How often Node looks for requests past their timeout. Its default, 30 s,
 * would let a slow client hold a connection up to twice the timeout.
 */
const MAX_TIMEOUT_CHECK_INTERVAL_MS = 1000;

/**
 * Options for NestFactory.create and createNestApplication alike. Nest's own
 * body parsers would add form-urlencoded; Fastify's built-in JSON parser is
 * the only one this service wants.
 */
export const NEST_APP_OPTIONS = { bodyParser: false } as const;

/** One structured (JSON) logger for Nest's lines and the request log. */
export function createLogger(config: Pick<AppConfig, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'message-stats' } });
}

/**
 * The id of a request: the caller's X-Request-Id when it is a sane token (so
 * a trace can cross services), otherwise a new UUID. It is in every request
 * log line, in the X-Request-Id response header and in error bodies.
 */
export function requestIdOf(request: IncomingMessage): string {
  const header = request.headers['x-request-id'];
  return typeof header === 'string' && /^[\w.:-]{1,128}$/.test(header)
    ? header
    : randomUUID();
}

export function createFastifyAdapter(
  logger: Logger,
  config: Pick<
    AppConfig,
    'requestTimeoutMs' | 'apiKeys' | 'rateLimits' | 'workloads' | 'hstsMaxAgeS'
  >,
): FastifyAdapter {
  // Security headers on every response, errors included; the CSP leaves
  // Swagger UI its inline script and styles.
  const headers = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: [`'self'`],
        scriptSrc: [`'self'`, `'unsafe-inline'`],
        styleSrc: [`'self'`, `'unsafe-inline'`],
        imgSrc: [`'self'`, 'data:'],
        // Served over plain HTTP inside the network: do not send browsers to https.
        upgradeInsecureRequests: null,
      },
    },
    // HSTS only where it is configured: the service itself speaks plain
    // HTTP, and a browser told to use HTTPS for it could not reach it.
    strictTransportSecurity:
      config.hstsMaxAgeS > 0
        ? { maxAge: config.hstsMaxAgeS, includeSubDomains: true }
        : false,
  });
  const requestLog = new RequestLogController();
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: requestLog,
    // Request bodies larger than one message's are refused with 413,
    // unless a route says otherwise.
    bodyLimit: MESSAGE_BODY_LIMIT_BYTES,
    genReqId: requestIdOf,
    // While draining on SIGTERM, a request that still arrives on an open
    // keep-alive connection is served (with Connection: close), not refused
    // with a bare 503: the pool stays open until the server has closed.
    return503OnClosing: false,
    // A client must send its whole request in time (408 otherwise): slow
    // clients cannot hold connections open. Headers are capped by Node at
    // 16 KiB (431).
    requestTimeout: config.requestTimeoutMs,
    http: {
      // Node (20 and 24 alike) cuts a slow body at the headers timeout (60 s
      // by default), not at the request timeout Fastify sets after creating
      // the server: without this the slow-client test hangs.
      headersTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(
        MAX_TIMEOUT_CHECK_INTERVAL_MS,
        config.requestTimeoutMs,
      ),
    },
    clientErrorHandler: clientErrorHandler(headers),
    frameworkErrors: frameworkErrorHandler(headers),
  });
  const fastify = adapter.getInstance();
  // Bodies are JSON; anything else is answered 415 rather than parsed as text.
  useExactJsonParser(fastify);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(headers).header('x-request-id', request.id);
    done();
  });
  useRouteHooks(fastify, config);
  // On shutdown server.close() ends only the keep-alive connections idle at
  // that moment; one busy then would hold the process up to its keep-alive
  // timeout after its last response. Keep ending them as they fall idle.
  fastify.addHook('preClose', (done) => {
    const started = Date.now();
    logger.info(
      `shutting down: no new connections; ${requestLog.inFlight} request(s) in flight are answered first`,
    );
    const reaper = setInterval(() => fastify.server.closeIdleConnections(), 50);
    reaper.unref();
    fastify.server.once('close', () => {
      clearInterval(reaper);
      logger.info(
        `every request answered (${Date.now() - started} ms); closing the database`,
      );
    });
    done();
  });
  // Runs once the server has closed (Fastify's own closing hook, added
  // last, runs first), before Nest closes the database and re-raises the
  // signal.
  fastify.addHook('onClose', (_instance, done) => {
    void drainLogs(logger).then(() => done());
  });
  return adapter;
}

type LogStream = NodeJS.EventEmitter & {
  flushSync?: () => void;
  /** sonic-boom's own flag: an asynchronous write is under way. */
  _writing?: boolean;
};

const streamOf = (logger: Logger): LogStream | undefined =>
  (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] as
    LogStream | undefined;

/**
 * Waits until pino's stream has written what it holds. flushSync writes the
 * lines buffered behind a write under way, but not that write's own, which
 * a thread of the pool may not have made yet when Nest ends the process:
 * on a loaded machine the drain's last line was still lost now and then.
 * So wait for the write under way to finish ('drain'), at most a second.
 */
async function drainLogs(logger: Logger): Promise<void> {
  const stream = streamOf(logger);
  if (stream?._writing) {
    await Promise.race([
      once(stream, 'drain').catch(() => undefined),
      sleep(1000, undefined, { ref: false }),
    ]);
  }
  flushLogs(logger);
}

/**
 * Writes out what pino still buffers. Its stdout stream is asynchronous and
 * flushed on 'exit', but Nest ends a shutdown by raising the signal again,
 * which ends the process with no 'exit': the shutdown's last lines were
 * sometimes lost.
 */
function flushLogs(logger: Logger): void {
  const stream = streamOf(logger);
  try {
    stream?.flushSync?.();
  } catch {
    // Not open yet, or already closed: nothing buffered to lose.
  }
}
