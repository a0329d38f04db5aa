import type { FastifyInstance } from 'fastify';
import { apiKeyCheck } from '../auth/api-key-check';
import { ApiKeyRing, Scope } from '../auth/api-key-ring';
import { RateLimiter } from '../auth/rate-limiter';
import { AppConfig } from '../config/app-config';
import { WorkloadName } from '../config/workloads';
import { ConcurrencyGate } from './concurrency-gate';
import { workloadAdmission } from './workload-admission';

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
export function useRouteHooks(
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
