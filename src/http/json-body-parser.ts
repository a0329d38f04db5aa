import type { FastifyInstance } from 'fastify';
import {
  encodingProblem,
  mediaTypeDetail,
  readJsonBody,
} from '../common/json-body';

const refusal = (status: number, detail: string) =>
  Object.assign(new Error(detail), { statusCode: status });

/**
 * The only body parser: application/json, read by readJsonBody's rules (the
 * RabbitMQ door reads its messages by the same function). Any other media
 * type, or none, is a 415 that says which to send, without reading the
 * body. A refused body is a 4xx error with one line saying what to fix,
 * which the problem-details filter answers.
 */
export function useExactJsonParser(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer' },
    (request, body, done) => {
      const problem = encodingProblem(request.headers['content-encoding']);
      const parsed = problem ? { problem } : readJsonBody(body as Buffer);
      if ('problem' in parsed) {
        const { status, detail } = parsed.problem;
        return done(refusal(status, detail));
      }
      done(null, parsed.value);
    },
  );
  // Fastify's own 415 says only "Unsupported Media Type". An unknown path
  // stays a 404, whatever its body.
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser('*', (request, _payload, done) => {
    if ((request as { is404?: boolean }).is404) return done(null, undefined);
    done(refusal(415, mediaTypeDetail(request.headers['content-type'])));
  });
}
