import type { FastifyInstance } from 'fastify';
import { withoutInexactIntegers } from './inexact-integers';

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

type ParseResult = { error: Error } | { error: null; value: unknown };

/**
 * Fastify's own JSON parser (which refuses "__proto__" and "constructor"
 * poisoning), with two more rules:
 * - a number whose text is not an exact integer never arrives as one
 *   (`2.9999999999999999` would otherwise be the integer 3, see
 *   inexact-integers.ts), so no integer rule can accept a rounded value;
 * - bodies nested deeper than MAX_JSON_DEPTH are refused: class-transformer
 *   and class-validator walk a body recursively, and one nested thousands
 *   deep overflows the stack, which would be a 500.
 */
export function useExactJsonParser(fastify: FastifyInstance): void {
  const fastifyParse = fastify.getDefaultJsonParser('error', 'error') as (
    request: unknown,
    body: string,
    done: (error: Error | null, value?: unknown) => void,
  ) => void;
  // Fastify's parser answers through its callback synchronously.
  const parse = (request: unknown, body: string): ParseResult => {
    let result: ParseResult | undefined;
    fastifyParse(request, body, (error, value) => {
      result = error ? { error } : { error: null, value };
    });
    return result!;
  };
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (request, body, done) => {
      const text = body as string;
      let result = parse(request, text);
      if (result.error) return done(result.error, undefined);
      // Only a valid text is rewritten; most bodies come back unchanged.
      const exact = withoutInexactIntegers(text);
      if (exact !== text) result = parse(request, exact);
      if (result.error) return done(result.error, undefined);
      if (nestsDeeperThan(result.value, MAX_JSON_DEPTH)) {
        const tooDeep = Object.assign(
          new Error(
            `The JSON body nests arrays or objects more than ${MAX_JSON_DEPTH} deep.`,
          ),
          { statusCode: 400 },
        );
        return done(tooDeep, undefined);
      }
      done(null, result.value);
    },
  );
}
