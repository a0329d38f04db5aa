import {
  ArgumentsHost,
  BadRequestException,
  ConflictException,
  Logger,
  UnprocessableEntityException,
} from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { MetricsService } from '../metrics/metrics.service';
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

const driverError = (code: string) =>
  new QueryFailedError(
    'INSERT …',
    [],
    Object.assign(new Error(`${code} from the driver`), { code }),
  );

describe('ProblemDetailsFilter', () => {
  const metrics = { countDatabaseError: jest.fn() };
  const filter = new ProblemDetailsFilter(metrics as unknown as MetricsService);

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

  it.each(['ECONNREFUSED', 'ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT'])(
    'answers %s with 503 and Retry-After',
    (code) => {
      const { host, sent } = hostFor('/messages');
      filter.catch(driverError(code), host);
      expect(sent.status).toBe(503);
      expect(sent.headers['retry-after']).toBe('5');
      expect(sent.body).toMatchObject({
        type: 'urn:message-stats:problem:database-unavailable',
      });
    },
  );

  it('hides anything unexpected behind a bare 500: no message, no stack, no SQL', () => {
    const { host, sent } = hostFor('/messages');
    filter.catch(driverError('ER_PARSE_ERROR'), host);
    expect(sent.status).toBe(500);
    expect(sent.body).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      instance: '/messages',
      requestId: 'req-1',
    });
    expect(metrics.countDatabaseError).toHaveBeenCalledWith('other');
  });

  it("logs a database error by its code, never by the driver's message, which quotes values", () => {
    const error = jest.mocked(Logger.prototype.error);
    error.mockClear();
    const { host } = hostFor('/messages');
    filter.catch(
      new QueryFailedError(
        'INSERT …',
        [],
        Object.assign(
          new Error("Incorrect string value: 'secret-value' for column"),
          { code: 'ER_TRUNCATED_WRONG_VALUE_FOR_FIELD', errno: 1366 },
        ),
      ),
      host,
    );
    const [[line, stack]] = error.mock.calls as Array<[string, string]>;
    expect(line).toBe(
      'request req-1 failed: ER_TRUNCATED_WRONG_VALUE_FOR_FIELD 1366',
    );
    expect(`${line}${stack}`).not.toContain('secret-value');
    expect(stack).toMatch(/^ {4}at /);
  });
});
