import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { AddRouteConfig } from '../http/add-route-config.decorator';
import { ApiProblemResponse } from '../http/api-problem-response.decorator';
import { ProblemType } from '../common/problem-details';
import type { Scope } from './api-key-ring';

export const API_KEY_HEADER_SCHEME = 'api-key';

/** The names the examples give a key with each scope, as docs/api.md's keys do. */
const KEY_WITH_SCOPE: Record<Scope, string> = {
  ingest: 'producer',
  read: 'dashboard',
};

/**
 * The scope a caller's API key must have for this route; routes without it
 * are open. Checked by apiKeyCheck before the body is read; documented here,
 * with the answers of that check, so what is enforced is what is described.
 */
export function RequireScope(requiredScope: Scope) {
  const other = requiredScope === 'ingest' ? 'read' : 'ingest';
  return applyDecorators(
    AddRouteConfig({ requiredScope }),
    ApiBearerAuth(),
    ApiSecurity(API_KEY_HEADER_SCHEME),
    ApiProblemResponse(
      HttpStatus.UNAUTHORIZED,
      'No API key, or an unknown one.',
      {
        title: 'Unauthorized',
        detail:
          'An API key is required: send Authorization: Bearer <key> or X-API-Key: <key>.',
      },
      { title: 'Unauthorized', detail: 'The API key is not valid.' },
    ),
    ApiProblemResponse(
      HttpStatus.FORBIDDEN,
      `The API key lacks the ${requiredScope} scope.`,
      {
        title: 'Forbidden',
        detail: `The API key "${KEY_WITH_SCOPE[other]}" does not have the ${requiredScope} scope.`,
      },
    ),
    ApiProblemResponse(
      HttpStatus.TOO_MANY_REQUESTS,
      'The API key has used its rate limit (RATE_LIMITS); retry after the Retry-After seconds.',
      {
        type: ProblemType.rateLimited,
        title: 'Too many requests',
        detail: `The API key "${KEY_WITH_SCOPE[requiredScope]}" has used its rate limit for ${requiredScope} requests; retry in 30 s.`,
      },
    ),
  );
}
