import { parse as secureParse } from 'secure-json-parse';
import { withoutInexactIntegers } from './inexact-integers';

/**
 * How a message body is read, whatever door it comes through: HTTP
 * (json-body-parser.ts) and RabbitMQ (amqp-message.ts) both call
 * readJsonBody, so the same bytes are refused, or counted, the same way.
 */

/** The largest body of one message; bigger ones are refused with 413. */
export const MESSAGE_BODY_LIMIT_BYTES = 64 * 1024;

/** Fastify's wording of its 413, which the RabbitMQ door repeats. */
export const BODY_TOO_LARGE_DETAIL = 'Request body is too large';

/** Far deeper than any message needs, shallow enough for recursive code. */
export const MAX_JSON_DEPTH = 32;

/** Why a body is not one to read: an HTTP status and one line saying what to fix. */
export interface BodyProblem {
  status: 400 | 413 | 415;
  detail: string;
}

export type JsonBody = { value: unknown } | { problem: BodyProblem };

// Strict: a byte sequence that is not UTF-8 is refused, never replaced
// with U+FFFD (which would count a type no producer sent). A leading BOM
// is dropped, as JSON parsers may do (RFC 8259, section 8.1).
const utf8 = new TextDecoder('utf-8', { fatal: true });

const badRequest = (detail: string): JsonBody => ({
  problem: { status: 400, detail },
});

/**
 * A body's bytes as a JSON value, by the service's rules:
 * - strict UTF-8;
 * - `__proto__` and `constructor.prototype` keys are refused, as Fastify's
 *   own parser refuses them (prototype poisoning);
 * - a number whose text is not an exact integer never arrives as one
 *   (`2.9999999999999999` would otherwise be the integer 3, see
 *   inexact-integers.ts), so no integer rule can accept a rounded value;
 * - values nested deeper than MAX_JSON_DEPTH are refused: class-transformer
 *   and class-validator walk a body recursively, and one nested thousands
 *   deep would overflow the stack, which would be a 500.
 */
export function readJsonBody(bytes: Uint8Array): JsonBody {
  if (bytes.length === 0) return badRequest('The body is empty.');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return badRequest('The body is not valid UTF-8.');
  }
  let value: unknown;
  try {
    value = parse(text);
    // Only a valid text is rewritten; most bodies come back unchanged.
    const exact = withoutInexactIntegers(text);
    if (exact !== text) value = parse(exact);
  } catch {
    return badRequest('The body is not valid JSON.');
  }
  if (nestsDeeperThan(value, MAX_JSON_DEPTH)) {
    return badRequest(
      `The JSON body nests arrays or objects more than ${MAX_JSON_DEPTH} deep.`,
    );
  }
  return { value };
}

const parse = (text: string): unknown =>
  secureParse(text, undefined, {
    protoAction: 'error',
    constructorAction: 'error',
  });

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
 * A body sent compressed (or in any coding but identity) would be read as
 * garbage: it is refused with 415, naming the coding (RFC 9110, 8.4).
 */
export function encodingProblem(
  encoding: string | undefined,
): BodyProblem | undefined {
  const coding = encoding?.trim().toLowerCase();
  if (!coding || coding === 'identity') return undefined;
  return {
    status: 415,
    detail: `Content-Encoding ${JSON.stringify(encoding)} is not supported: send the JSON body uncompressed.`,
  };
}

/**
 * The detail of a 415 for a body that is not declared JSON. Leaving out
 * the header is the commonest mistake (curl -d then sends
 * application/x-www-form-urlencoded), so the detail says what to send.
 */
export function mediaTypeDetail(contentType: string | undefined): string {
  return contentType
    ? `Content-Type ${JSON.stringify(contentType)} is not supported: send the body as JSON with Content-Type: application/json.`
    : 'The request has no Content-Type: send the body as JSON with Content-Type: application/json.';
}

/** True for a media type this service reads bodies of: application/json, with any parameters. */
export function isJsonMediaType(contentType: string): boolean {
  return contentType.split(';')[0].trim().toLowerCase() === 'application/json';
}
