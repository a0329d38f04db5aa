import { Type, ValidationPipe } from '@nestjs/common';
import {
  FastifyAdapter,
  NestFastifyApplication,
} from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import pino, { Logger } from 'pino';
import { apiKeyCheck } from './auth/api-key-check';
import { ApiKeyRing, Scope } from './auth/api-key-ring';
import { RateLimiter } from './auth/rate-limiter';
import { clientErrorHandler } from './common/client-error-handler';
import { ConcurrencyGate } from './common/concurrency-gate';
import { frameworkErrorHandler } from './common/framework-error-handler';
import { RequestLogController } from './common/request-log-controller';
import { securityHeaders } from './common/security-headers';
import { MESSAGE_BODY_LIMIT_BYTES } from './common/json-body';
import { useExactJsonParser } from './common/json-body-parser';
import {
  FastPathValidationPipe,
  FastValidator,
} from './common/fast-path-validation.pipe';
import { JsonObjectBodyPipe } from './common/json-object-body.pipe';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { validationExceptionFactory } from './common/validation-exception.factory';
import { WorkloadName } from './common/workload.decorator';
import { workloadAdmission } from './common/workload-admission';
import { AppConfig } from './config/app-config';
import { loggableError } from './database/database-errors';
import { databaseProblemFor } from './database/database-problems';
import {
  IngestMessageDto,
  validMessageOrUndefined,
} from './ingestion/dto/ingest-message.dto';
import { ingestionProblemOf } from './ingestion/ingestion-problems';
import { MetricsService } from './metrics/metrics.service';
import {
  StatsQueryDto,
  validStatsQueryOrUndefined,
} from './statistics/dto/stats-query.dto';
import { createOpenApiDocument } from './openapi/openapi-document';
import { withTryItOutExamples } from './openapi/try-it-out-examples';

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
      flushLogs(logger);
    });
    done();
  });
  return adapter;
}

/**
 * Writes out what pino still buffers. Its stdout stream is asynchronous and
 * flushed on 'exit', but Nest ends a shutdown by raising the signal again,
 * which ends the process with no 'exit': the shutdown's last lines were
 * sometimes lost.
 */
function flushLogs(logger: Logger): void {
  const stream = (logger as unknown as Record<symbol, unknown>)[
    pino.symbols.streamSym
  ] as { flushSync?: () => void } | undefined;
  try {
    stream?.flushSync?.();
  } catch {
    // Not open yet, or already closed: nothing buffered to lose.
  }
}

/** What the service's decorators add to a route's Fastify config (AddRouteConfig). */
interface ServiceRouteConfig {
  bodyLimit?: number;
  requiredScope?: Scope;
  workload?: WorkloadName;
}

/**
 * What a route's decorators ask of it before its body is read: its own body
 * limit (@AddRouteConfig({ bodyLimit })), an API key with a scope and room in
 * its rate limit (@RequireScope), a turn of its workload (@Workload). They
 * are read from the route's config, once per route, never from the handler
 * (see AddRouteConfig); a route that asks nothing gets no hook.
 */
function useRouteHooks(
  fastify: FastifyInstance,
  config: Pick<AppConfig, 'apiKeys' | 'rateLimits' | 'workloads'>,
): void {
  const ring = new ApiKeyRing(config.apiKeys);
  const limiter = new RateLimiter(config.rateLimits);
  const gates = new Map(
    Object.entries(config.workloads).map(([name, workload]) => [
      name,
      new ConcurrencyGate(
        workload.concurrency,
        workload.queueLimit,
        workload.maxWaitMs,
      ),
    ]),
  );
  fastify.addHook('onRoute', (route) => {
    const {
      bodyLimit,
      requiredScope: scope,
      workload,
    }: ServiceRouteConfig = route.config ?? {};
    if (bodyLimit !== undefined) route.bodyLimit = bodyLimit;
    const gate = workload && gates.get(workload);
    const hooks = [
      ...(scope ? [apiKeyCheck(ring, limiter, scope)] : []),
      ...(gate
        ? [
            workloadAdmission(
              gate,
              `${[route.method].flat().join('/')} ${route.url}`,
            ),
          ]
        : []),
    ];
    if (hooks.length === 0) return;
    const own = route.onRequest;
    route.onRequest = [
      ...(own === undefined ? [] : Array.isArray(own) ? own : [own]),
      ...hooks,
    ];
  });
}

/**
 * Everything about the app that is not a module: validation, the error
 * shape, the OpenAPI document, shutdown. main.ts and the e2e tests both call
 * it, so what is tested is what runs.
 */
export function configureApp(
  app: NestFastifyApplication,
): NestFastifyApplication {
  app.useGlobalPipes(
    new JsonObjectBodyPipe(),
    new FastPathValidationPipe(
      new ValidationPipe({
        transform: true,
        // Extra properties are allowed by the message schema: drop them, do not reject.
        whitelist: true,
        forbidUnknownValues: true,
        // One message per bad field: the first rule it breaks.
        stopAtFirstError: true,
        exceptionFactory: validationExceptionFactory,
      }),
      new Map<Type, FastValidator>([
        [IngestMessageDto, validMessageOrUndefined],
        [StatsQueryDto, validStatsQueryOrUndefined],
      ]),
    ),
  );
  const metrics = app.get(MetricsService);
  app.useGlobalFilters(
    new ProblemDetailsFilter({
      translators: [ingestionProblemOf, databaseProblemFor(metrics)],
      loggable: loggableError,
      // A 500 is almost always a database error no rule knows.
      onInternalError: () => metrics.countDatabaseError('other'),
    }),
  );
  app.enableShutdownHooks();

  const document = createOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    // Only the page's own copy: /docs-json stays the committed openapi.json.
    patchDocumentOnRequest: (request, reply, served) => {
      if (!(request as FastifyRequest).url.endsWith('/swagger-ui-init.js')) {
        return served;
      }
      void (reply as FastifyReply).header('cache-control', 'no-store');
      return withTryItOutExamples(served, new Date());
    },
  });
  return app;
}
