import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';

/**
 * Adds members to a handler's Fastify route config, the object
 * @RouteConfig sets, merging instead of replacing it, so that several
 * decorators can each add theirs in any order. Fastify hands the config to
 * every onRoute hook. Hooks must read what a route asks from there, not from
 * metadata on route.handler: for a route with parameters Nest registers a
 * wrapper function of its own, which carries none of the handler's metadata.
 */
export function AddRouteConfig(
  members: Record<string, unknown>,
): MethodDecorator {
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    const current = Reflect.getMetadata(
      FASTIFY_ROUTE_CONFIG_METADATA,
      handler,
    ) as Record<string, unknown> | undefined;
    Reflect.defineMetadata(
      FASTIFY_ROUTE_CONFIG_METADATA,
      { ...current, ...members },
      handler,
    );
    return descriptor;
  };
}
