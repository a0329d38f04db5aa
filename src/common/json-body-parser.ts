import type { FastifyInstance } from 'fastify';

/** Far deeper than any message needs, shallow enough for recursive code. */
export const MAX_JSON_DEPTH = 32;

/** True when a parsed JSON value nests arrays or objects more than `max` deep. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (max === 0) return true;
  for (const child of Object.values(value)) {
    if (nestsDeeperThan(child, max - 1)) return true;
  }
  return false;
}

/**
 * Fastify's own JSON parser (which refuses "__proto__" and "constructor"
 * poisoning), refusing as well bodies nested deeper than MAX_JSON_DEPTH:
 * class-transformer and class-validator walk a body recursively, and one
 * nested thousands deep overflows the stack, which would be a 500.
 */
export function useDepthLimitedJsonParser(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error') as (
    request: unknown,
    body: string,
    done: (error: Error | null, value?: unknown) => void,
  ) => void;
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (request, body, done) => {
      parse(request, body as string, (error, value) => {
        if (error) return done(error, undefined);
        if (nestsDeeperThan(value, MAX_JSON_DEPTH)) {
          const tooDeep = Object.assign(
            new Error(
              `The JSON body nests arrays or objects more than ${MAX_JSON_DEPTH} deep.`,
            ),
            { statusCode: 400 },
          );
          return done(tooDeep, undefined);
        }
        done(null, value);
      });
    },
  );
}
