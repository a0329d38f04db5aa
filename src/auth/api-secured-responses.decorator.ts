import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { ApiProblemResponse } from '../common/api-problem-response.decorator';

export const API_KEY_HEADER_SCHEME = 'api-key';

/** Documents a controller's routes as needing an API key, either way it can be sent. */
export function ApiSecuredResponses() {
  return applyDecorators(
    ApiBearerAuth(),
    ApiSecurity(API_KEY_HEADER_SCHEME),
    ApiProblemResponse(
      HttpStatus.UNAUTHORIZED,
      'No API key, or an unknown one.',
    ),
    ApiProblemResponse(
      HttpStatus.FORBIDDEN,
      'The API key lacks the scope this route needs.',
    ),
    ApiProblemResponse(
      HttpStatus.TOO_MANY_REQUESTS,
      'The API key has used its rate limit (RATE_LIMITS); retry after the Retry-After seconds.',
    ),
  );
}
