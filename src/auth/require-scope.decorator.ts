import { SetMetadata } from '@nestjs/common';
import type { Scope } from './api-key-ring';

export const REQUIRED_SCOPE = 'message-stats:required-scope';

/**
 * The scope a caller's API key must have for this route; routes without it
 * are open. Checked by apiKeyCheck before the body is read.
 */
export const RequireScope = (scope: Scope) =>
  SetMetadata(REQUIRED_SCOPE, scope);
