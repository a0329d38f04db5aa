import {
  ForbiddenException,
  HttpException,
  HttpStatus,
  UnauthorizedException,
} from '@nestjs/common';
import type {
  FastifyReply,
  FastifyRequest,
  onRequestHookHandler,
} from 'fastify';
import { ProblemType } from '../common/problem-details';
import { setCallerName } from '../http/request-caller';
import { ApiKeyRing, Scope } from './api-key-ring';
import { RateLimiter } from './rate-limiter';

/**
 * The API-key check of a route marked @RequireScope, as a Fastify onRequest
 * hook: it runs before the body is read, so a caller without a valid key,
 * the scope, or room in its rate limit costs no body parsing and takes no
 * turn from a workload's gate. `Authorization: Bearer <key>` or
 * `X-API-Key: <key>`; no key or an unknown one is a 401, a key without the
 * scope a 403, a key past its rate limit a 429 with Retry-After. With no
 * keys configured every request passes (main.ts warns about it).
 */
export function apiKeyCheck(
  ring: ApiKeyRing,
  limiter: RateLimiter,
  scope: Scope,
): onRequestHookHandler {
  return (request, reply, done) => {
    if (!ring.enabled) return done();
    const key = presentedKey(request);
    const caller = key === undefined ? undefined : ring.identify(key);
    if (caller === undefined) {
      void reply.header('www-authenticate', 'Bearer');
      return done(
        new UnauthorizedException(
          key === undefined
            ? 'An API key is required: send Authorization: Bearer <key> or X-API-Key: <key>.'
            : 'The API key is not valid.',
        ),
      );
    }
    setCallerName(request, caller.name);
    if (!caller.scopes.includes(scope)) {
      return done(
        new ForbiddenException(
          `The API key "${caller.name}" does not have the ${scope} scope.`,
        ),
      );
    }
    const wait = limiter.take(caller.name, scope);
    if (wait !== undefined)
      return done(rateLimited(reply, caller.name, scope, wait));
    done();
  };
}

function rateLimited(
  reply: FastifyReply,
  name: string,
  scope: Scope,
  seconds: number,
): HttpException {
  void reply.header('retry-after', String(seconds));
  return new HttpException(
    {
      type: ProblemType.rateLimited,
      title: 'Too many requests',
      detail: `The API key "${name}" has used its rate limit for ${scope} requests; retry in ${seconds} s.`,
    },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}

function presentedKey(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match?.[1];
  }
  const header = request.headers['x-api-key'];
  return typeof header === 'string' && header !== '' ? header : undefined;
}
