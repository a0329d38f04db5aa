import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import {
  FieldError,
  PROBLEM_CONTENT_TYPE,
  ProblemDetails,
} from '../common/problem-details';
import { ProblemDetailsDto } from './problem-details.dto';

/** The request id every documented problem example carries. */
export const EXAMPLE_REQUEST_ID = '6f1c0c1e-8a55-4b8e-9d47-0f1e2d3c4b5a';

/**
 * What the route answers in one case, as it really answers it (a test holds
 * each example to the service's answer). `instance`, when left out, is the
 * route's path with its example parameters.
 */
export interface ProblemExample {
  /** "about:blank" when left out. */
  type?: string;
  title: string;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  /** Extension members a problem type defines. */
  [extension: string]: unknown;
}

/**
 * Documents an error response of the route as RFC 9457 problem details, with
 * an example of each case the status covers.
 */
export function ApiProblemResponse(
  status: number,
  description: string,
  ...cases: [ProblemExample, ...ProblemExample[]]
) {
  const [first, ...more] = cases.map((example) =>
    problemExample(status, example),
  );
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ApiResponse({
      status,
      description,
      content: {
        [PROBLEM_CONTENT_TYPE]: {
          schema: { $ref: getSchemaPath(ProblemDetailsDto) },
          ...(more.length === 0
            ? { example: first }
            : {
                examples: Object.fromEntries(
                  [first, ...more].map((value, index) => [
                    `${slug(value.title)}-${index + 1}`,
                    { summary: value.detail ?? value.title, value },
                  ]),
                ),
              }),
        },
      },
    }),
  );
}

/** A problem body in the order the service writes its members. */
export function problemExample(
  status: number,
  { type = 'about:blank', title, ...rest }: ProblemExample,
): ProblemDetails {
  return { type, title, status, ...rest, requestId: EXAMPLE_REQUEST_ID };
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
