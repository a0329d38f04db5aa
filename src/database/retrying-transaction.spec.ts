import { QueryFailedError } from 'typeorm';
import { DatabaseBusyError } from './database-errors';
import { retryingTransaction } from './retrying-transaction';

const driverError = (code: string, message = `${code} from the driver`) =>
  new QueryFailedError(
    'INSERT …',
    [],
    Object.assign(new Error(message), { code }),
  );

describe('retryingTransaction', () => {
  it('runs a transaction again after a deadlock and a racing insert, and says why by code alone', async () => {
    const run = jest
      .fn<Promise<string>, []>()
      .mockRejectedValueOnce(driverError('ER_LOCK_DEADLOCK'))
      .mockRejectedValueOnce(
        driverError(
          'ER_DUP_ENTRY',
          "Duplicate entry 'a596b362' for key 'PRIMARY'",
        ),
      )
      .mockResolvedValue('done');
    const retries: Array<[string, number]> = [];

    await expect(
      retryingTransaction(run, (failure, attempt) =>
        retries.push([failure, attempt]),
      ),
    ).resolves.toBe('done');

    expect(retries).toEqual([
      ['ER_LOCK_DEADLOCK', 1],
      ['ER_DUP_ENTRY', 2],
    ]);
  });

  it('gives up after five attempts with a DatabaseBusyError', async () => {
    const run = jest
      .fn()
      .mockRejectedValue(driverError('ER_LOCK_WAIT_TIMEOUT'));

    await expect(
      retryingTransaction(run, () => undefined),
    ).rejects.toBeInstanceOf(DatabaseBusyError);
    expect(run).toHaveBeenCalledTimes(5);
  });

  it('gives up after as many attempts as its caller allows', async () => {
    const run = jest.fn().mockRejectedValue(driverError('ER_LOCK_DEADLOCK'));

    await expect(
      retryingTransaction(run, () => undefined, 3),
    ).rejects.toBeInstanceOf(DatabaseBusyError);
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('throws any other error at once', async () => {
    const failure = driverError('ER_DATA_OUT_OF_RANGE');
    const run = jest.fn().mockRejectedValue(failure);

    await expect(retryingTransaction(run, () => undefined)).rejects.toBe(
      failure,
    );
    expect(run).toHaveBeenCalledTimes(1);
  });
});
