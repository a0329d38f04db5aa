import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { ApiKeyRing, Scope } from './api-key-ring';
import { REQUIRED_SCOPE } from './require-scope.decorator';

/**
 * Lets a request through a route marked @RequireScope only with an API key
 * that has the scope: `Authorization: Bearer <key>` or `X-API-Key: <key>`.
 * No key or an unknown one is a 401, a key without the scope a 403. With no
 * keys configured every request passes (main.ts warns about it).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly ring: ApiKeyRing;

  constructor(
    private readonly reflector: Reflector,
    config: AppConfig,
  ) {
    this.ring = new ApiKeyRing(config.apiKeys);
  }

  canActivate(context: ExecutionContext): boolean {
    const scope = this.reflector.get<Scope | undefined>(
      REQUIRED_SCOPE,
      context.getHandler(),
    );
    if (scope === undefined || !this.ring.enabled) return true;
    const http = context.switchToHttp();
    const key = presentedKey(http.getRequest<FastifyRequest>());
    const caller = key === undefined ? undefined : this.ring.identify(key);
    if (caller === undefined) {
      void http
        .getResponse<FastifyReply>()
        .header('www-authenticate', 'Bearer');
      throw new UnauthorizedException(
        key === undefined
          ? 'An API key is required: send Authorization: Bearer <key> or X-API-Key: <key>.'
          : 'The API key is not valid.',
      );
    }
    if (!caller.scopes.includes(scope)) {
      throw new ForbiddenException(
        `The API key "${caller.name}" does not have the ${scope} scope.`,
      );
    }
    return true;
  }
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
