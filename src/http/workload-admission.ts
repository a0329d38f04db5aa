import { ServiceUnavailableException } from '@nestjs/common';
import type { onRequestHookHandler } from 'fastify';
import { ConcurrencyGate } from './concurrency-gate';
import { ProblemType } from '../common/problem-details';

/**
 * An onRequest hook that makes a request wait for a turn of its workload's
 * gate before its body is read, and gives the turn back when the response
 * is done or the connection closes. A request the gate refuses is a 503
 * problem; one whose caller leaves while it waits simply ends.
 */
export function workloadAdmission(
  gate: ConcurrencyGate,
  what: string,
): onRequestHookHandler {
  return (request, reply, done) => {
    const gone = new AbortController();
    const onClose = () => gone.abort();
    request.raw.socket.once('close', onClose);
    gate.enter(gone.signal).then(
      (leave) => {
        request.raw.socket.off('close', onClose);
        reply.raw.once('close', leave);
        done();
      },
      () => {
        request.raw.socket.off('close', onClose);
        done(
          new ServiceUnavailableException({
            type: ProblemType.busy,
            title: 'Too busy',
            detail: `Too many ${what} requests are in progress; nothing was done. Retry later.`,
          }),
        );
      },
    );
  };
}
