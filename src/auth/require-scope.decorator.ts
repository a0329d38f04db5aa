import { AddRouteConfig } from '../common/add-route-config.decorator';
import type { Scope } from './api-key-ring';

/**
 * The scope a caller's API key must have for this route; routes without it
 * are open. Checked by apiKeyCheck before the body is read.
 */
export const RequireScope = (requiredScope: Scope) =>
  AddRouteConfig({ requiredScope });
