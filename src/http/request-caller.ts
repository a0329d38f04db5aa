import type { FastifyRequest } from 'fastify';

/**
 * The name of the API key a request was made with, for its log line: set by
 * the API-key check, read by the request log. Never the key itself.
 */
const callers = new WeakMap<FastifyRequest, string>();

export function setCallerName(request: FastifyRequest, name: string): void {
  callers.set(request, name);
}

export function callerNameOf(request: FastifyRequest): string | undefined {
  return callers.get(request);
}
