import {
  ArgumentsHost,
  BadRequestException,
  ConflictException,
  Logger,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ProblemDetailsFilter } from './problem-details.filter';

interface Sent {
  status?: number;
  headers: Record<string, string>;
  body?: unknown;
}

function hostFor(url: string): { host: ArgumentsHost; sent: Sent } {
  const sent: Sent = { headers: {} };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
    send(body: unknown) {
      sent.body = body;
      return reply;
    },
  };
  const host = {
    switchToHttp: () => ({
      getRequest: () => ({ url, id: 'req-1' }),
      getResponse: () => reply,
    }),
  } as unknown as ArgumentsHost;
  return { host, sent };
}

describe('ProblemDetailsFilter', () => {
  const filter = new ProblemDetailsFilter();

  beforeAll(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  it('writes an HTTP exception as problem details, keeping its type and errors', () => {
    const { host, sent } = hostFor('/messages?x=1');
    filter.catch(
      new BadRequestException({
        type: 'urn:x',
        title: 'Invalid request',
        detail: 'Invalid amount.',
        errors: [{ field: 'amount', message: 'bad' }],
      }),
      host,
    );
    expect(sent.status).toBe(400);
    expect(sent.headers['content-type']).toBe('application/problem+json');
    expect(sent.body).toEqual({
      type: 'urn:x',
      title: 'Invalid request',
      status: 400,
      detail: 'Invalid amount.',
      errors: [{ field: 'amount', message: 'bad' }],
      instance: '/messages',
      requestId: 'req-1',
    });
  });

  it('keeps the extension members a problem type defines', () => {
    const { host, sent } = hostFor('/messages');
    filter.catch(
      new UnprocessableEntityException({
        type: 'urn:message-stats:problem:counter-overflow',
        title: 'Counter would overflow',
        detail: 'Too much.',
        counters: [{ customerId: 1, type: 'A', date: '2026-11-25' }],
      }),
      host,
    );
    expect(sent.body).toEqual({
      type: 'urn:message-stats:problem:counter-overflow',
      title: 'Counter would overflow',
      status: 422,
      detail: 'Too much.',
      counters: [{ customerId: 1, type: 'A', date: '2026-11-25' }],
      instance: '/messages',
      requestId: 'req-1',
    });
  });

  it('gives a plain HTTP exception about:blank and its status title', () => {
    const { host, sent } = hostFor('/x');
    filter.catch(new ConflictException('taken'), host);
    expect(sent.body).toMatchObject({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'taken',
    });
  });

  it('answers with the problem a translator gives, with Retry-After on a 503', () => {
    const away = new Error('gone');
    const translated = new ProblemDetailsFilter({
      translators: [
        () => undefined,
        (exception) =>
          exception === away
            ? {
                type: 'urn:x:away',
                title: 'Away',
                status: 503,
                detail: 'Later.',
              }
            : undefined,
      ],
    });
    const { host, sent } = hostFor('/messages');
    translated.catch(away, host);
    expect(sent.status).toBe(503);
    expect(sent.headers['retry-after']).toBe('5');
    expect(sent.body).toEqual({
      type: 'urn:x:away',
      title: 'Away',
      status: 503,
      detail: 'Later.',
      instance: '/messages',
      requestId: 'req-1',
    });
  });

  it('hides anything unexpected behind a bare 500, logged as `loggable` words it, and says so', () => {
    const error = jest.mocked(Logger.prototype.error);
    error.mockClear();
    const onInternalError = jest.fn();
    const unexpected = new Error('SELECT secret FROM somewhere');
    const strict = new ProblemDetailsFilter({
      translators: [() => undefined],
      loggable: () => ({ summary: 'ER_PARSE_ERROR 1064', stack: '    at x' }),
      onInternalError,
    });
    const { host, sent } = hostFor('/messages');
    strict.catch(unexpected, host);
    expect(sent.status).toBe(500);
    expect(sent.body).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      instance: '/messages',
      requestId: 'req-1',
    });
    expect(onInternalError).toHaveBeenCalledWith(unexpected);
    expect(error.mock.calls).toEqual([
      ['request req-1 failed: ER_PARSE_ERROR 1064', '    at x'],
    ]);
  });
});
