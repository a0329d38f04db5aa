import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ParameterObject,
  ResponseObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { problemExample } from '../http/api-problem-response.decorator';
import { mediaTypeDetail } from '../common/json-body';
import {
  PROBLEM_CONTENT_TYPE,
  ProblemDetails,
} from '../common/problem-details';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const PROBLEM_SCHEMA = { $ref: '#/components/schemas/ProblemDetailsDto' };

/**
 * Answers any route can give, written by the HTTP layer rather than by a
 * route: documented once here instead of on every handler.
 */
const ANY_ROUTE: Record<
  number,
  { description: string; example: ProblemDetails }
> = {
  408: {
    description:
      'The whole request did not arrive within REQUEST_TIMEOUT_MS; the connection is closed.',
    // Written by the HTTP parser's handler, before there is a route: no instance.
    example: problemExample(408, { title: 'Request Timeout' }),
  },
  431: {
    description: 'Request headers over 16 KiB; the connection is closed.',
    example: problemExample(431, {
      title: 'Request Header Fields Too Large',
    }),
  },
  500: {
    description:
      'An unexpected error; it is logged with the request id, and the answer reveals nothing.',
    example: problemExample(500, { title: 'Internal Server Error' }),
  },
};

const WITH_BODY: Record<
  number,
  { description: string; example: ProblemDetails }
> = {
  415: {
    description:
      'The body is not declared application/json, or is sent in a Content-Encoding other than identity.',
    example: problemExample(415, {
      title: 'Unsupported Media Type',
      detail: mediaTypeDetail('application/x-www-form-urlencoded'),
    }),
  },
};

/**
 * Completes what decorators cannot say per route: the X-Request-Id header on
 * every answer, Retry-After and WWW-Authenticate where they are sent, the
 * answers of the HTTP layer, each problem example's `instance`, and an
 * explicit empty security requirement on the public routes.
 */
export function addCommonResponses(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    headers: {
      RequestId: {
        description:
          "The request's id: the caller's X-Request-Id when it is 1-128 characters of [A-Za-z0-9_.:-], " +
          'otherwise a new UUID. Error bodies and log lines carry it too.',
        schema: { type: 'string', maxLength: 128 },
      },
      RetryAfter: {
        description: 'Seconds to wait before trying again.',
        schema: { type: 'integer', minimum: 1 },
      },
      WwwAuthenticate: {
        description: 'How to authenticate: with a bearer API key.',
        schema: { type: 'string', example: 'Bearer' },
      },
    },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      // A route without a requirement is public: say so, rather than leave it unsaid.
      operation.security ??= [];
      const own = operation.requestBody === undefined ? {} : WITH_BODY;
      for (const [status, { description, example }] of Object.entries({
        ...own,
        ...ANY_ROUTE,
      })) {
        operation.responses[status] ??= {
          description,
          content: {
            // A copy per route: each gets its own instance.
            [PROBLEM_CONTENT_TYPE]: {
              schema: PROBLEM_SCHEMA,
              example: { ...example },
            },
          },
        };
      }
      const instance = examplePath(path, operation);
      for (const [status, response] of Object.entries(operation.responses)) {
        describeResponse(Number(status), response as ResponseObject, instance);
      }
    }
  }
  return document;
}

function describeResponse(
  status: number,
  response: ResponseObject,
  instance: string,
): void {
  response.headers = {
    'X-Request-Id': { $ref: '#/components/headers/RequestId' },
    ...(status === 401 && {
      'WWW-Authenticate': { $ref: '#/components/headers/WwwAuthenticate' },
    }),
    ...((status === 429 || status === 503) && {
      'Retry-After': { $ref: '#/components/headers/RetryAfter' },
    }),
    ...response.headers,
  };
  const media = response.content?.[PROBLEM_CONTENT_TYPE];
  if (media === undefined || status === 408 || status === 431) return;
  const examples = [
    media.example,
    ...Object.values(media.examples ?? {}).map(
      (e) => (e as { value: unknown }).value,
    ),
  ] as (ProblemDetails | undefined)[];
  for (const example of examples) {
    if (example !== undefined && example.instance === undefined) {
      // The service's member order: instance, then requestId, last.
      const { requestId } = example;
      delete example.requestId;
      example.instance = instance;
      example.requestId = requestId;
    }
  }
}

/** The operation's path with each parameter replaced by its example. */
function examplePath(path: string, operation: OperationObject): string {
  return path.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const parameter = (operation.parameters ?? []).find(
      (p) => (p as ParameterObject).name === name,
    ) as ParameterObject | undefined;
    const example: unknown =
      parameter?.example ??
      (parameter?.schema as { example?: unknown } | undefined)?.example;
    return typeof example === 'string' ? example : whole;
  });
}
