import { Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { databaseProblemFor } from './database-problems';

const driverError = (code: string) =>
  new QueryFailedError(
    'INSERT …',
    [],
    Object.assign(new Error(`${code} from the driver`), { code }),
  );

describe('databaseProblemFor', () => {
  const metrics = { countDatabaseError: jest.fn() };
  const problemFor = databaseProblemFor(metrics);

  beforeAll(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  it.each([
    ['ECONNREFUSED', 'Database unavailable', 'unavailable'],
    ['ER_LOCK_DEADLOCK', 'Database busy', 'busy'],
    ['ER_LOCK_WAIT_TIMEOUT', 'Database busy', 'busy'],
  ])(
    'answers %s with a 503 database-unavailable problem, counted as %s',
    (code, title, kind) => {
      expect(problemFor(driverError(code))).toMatchObject({
        type: 'urn:message-stats:problem:database-unavailable',
        title,
        status: 503,
      });
      expect(metrics.countDatabaseError).toHaveBeenLastCalledWith(kind);
    },
  );

  it('leaves any other error to the filter, whose 500 reveals nothing', () => {
    expect(problemFor(driverError('ER_PARSE_ERROR'))).toBeUndefined();
    expect(problemFor(new Error('boom'))).toBeUndefined();
  });
});
