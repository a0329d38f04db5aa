import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROBLEM_CONTENT_TYPE } from '../../src/common/problem-details';

/** One problem example of the committed OpenAPI document. */
export interface DocumentedProblem {
  /** "POST /messages 400 Invalid request: Invalid amount." */
  name: string;
  method: string;
  /** The OpenAPI path, such as /messages/{uuid}. */
  path: string;
  status: number;
  example: Record<string, unknown>;
}

export const OPENAPI_FILE = join(__dirname, '..', '..', 'openapi.json');

interface Document {
  paths: Record<
    string,
    Record<
      string,
      {
        responses: Record<
          string,
          {
            content?: Record<
              string,
              {
                example?: unknown;
                examples?: Record<string, { value: unknown }>;
              }
            >;
          }
        >;
      }
    >
  >;
}

export function committedDocument(): Document {
  return JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as Document;
}

/** Every problem example the committed openapi.json shows, in document order. */
export function documentedProblems(): DocumentedProblem[] {
  const problems: DocumentedProblem[] = [];
  for (const [path, item] of Object.entries(committedDocument().paths)) {
    for (const [method, operation] of Object.entries(item)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        const media = response.content?.[PROBLEM_CONTENT_TYPE];
        if (media === undefined) continue;
        const examples = [
          media.example,
          ...Object.values(media.examples ?? {}).map((e) => e.value),
        ].filter((e) => e !== undefined) as Record<string, unknown>[];
        for (const example of examples) {
          const what = [example.title, example.detail]
            .filter(Boolean)
            .join(': ');
          problems.push({
            name: `${method.toUpperCase()} ${path} ${status} ${what}`,
            method: method.toUpperCase(),
            path,
            status: Number(status),
            example,
          });
        }
      }
    }
  }
  return problems;
}

/**
 * A problem body as it can be compared with an example: without its request
 * id, and with the numbers that depend on the moment or the database (the
 * seconds to wait, the largest total a counter holds) written as words.
 */
export function comparableProblem(body: unknown): Record<string, unknown> {
  const { requestId: _, ...members } = body as Record<string, unknown>;
  return JSON.parse(
    JSON.stringify(members)
      .replace(/retry in \d+ s/g, 'retry in N s')
      .replace(/past \d+\.\d{3}, the most/g, 'past LIMIT, the most'),
  ) as Record<string, unknown>;
}

/**
 * Asserts that an answer is one the document shows for the route and its
 * status: a problem a client can rely on, worded as Swagger UI shows it.
 */
export function expectDocumentedProblem(
  method: string,
  path: string,
  response: { status: number; body: unknown },
): void {
  const shown = documentedProblems()
    .filter(
      (p) =>
        p.method === method && p.path === path && p.status === response.status,
    )
    .map((p) => comparableProblem(p.example));
  expect(shown).toContainEqual(comparableProblem(response.body));
}
