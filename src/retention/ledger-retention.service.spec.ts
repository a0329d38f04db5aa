import { Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import {
  LedgerRetentionRepository,
  RemovalStep,
} from '../database/repositories/ledger-retention.repository';
import { MetricsService } from '../metrics/metrics.service';
import { LedgerRetentionService } from './ledger-retention.service';

/** A deadlock, as mysql2 reports one: transient. */
const deadlock = Object.assign(new Error('Deadlock found'), {
  code: 'ER_LOCK_DEADLOCK',
  errno: 1213,
});

describe('LedgerRetentionService', () => {
  const now = new Date('2026-12-03T10:00:00.000Z');
  let repository: {
    advanceHorizon: jest.Mock<Promise<string>, [string]>;
    removeStepBefore: jest.Mock<Promise<RemovalStep>, [string, number]>;
    prepareAhead: jest.Mock<Promise<void>, [string]>;
    measure: jest.Mock;
  };
  let metrics: Record<string, jest.Mock>;

  const serviceWith = (intervalS: number) =>
    new LedgerRetentionService(
      { ledgerRetention: { days: 400, intervalS } } as AppConfig,
      { now: () => now },
      repository as unknown as LedgerRetentionRepository,
      metrics as unknown as MetricsService,
    );

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    repository = {
      advanceHorizon: jest.fn((day: string) => Promise.resolve(day)),
      removeStepBefore: jest.fn<Promise<RemovalStep>, [string, number]>(() =>
        Promise.resolve({ removed: 0, done: true }),
      ),
      prepareAhead: jest.fn<Promise<void>, [string]>(() => Promise.resolve()),
      measure: jest.fn(() =>
        Promise.resolve({ rows: 3, bytes: 16384, oldestDay: '2025-11-01' }),
      ),
    };
    metrics = {
      observeLedger: jest.fn(),
      countRetentionPass: jest.fn(),
      countLedgerRemoved: jest.fn(),
    };
  });

  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('readies the days ahead, moves the horizon to 400 days back, then removes behind it step by step until none is left', async () => {
    repository.removeStepBefore
      .mockResolvedValueOnce({ removed: 5000, done: false })
      .mockResolvedValueOnce({ removed: 5000, done: false })
      .mockResolvedValueOnce({ removed: 12, done: true });

    const pass = await serviceWith(0).runPass();

    expect(repository.prepareAhead).toHaveBeenCalledWith('2026-12-03');
    expect(repository.advanceHorizon).toHaveBeenCalledWith('2025-10-29');
    expect(repository.removeStepBefore.mock.calls).toEqual([
      ['2025-10-29', 5000],
      ['2025-10-29', 5000],
      ['2025-10-29', 5000],
    ]);
    expect(pass).toEqual({
      firstKeptDay: '2025-10-29',
      removed: 10_012,
      finished: true,
      rows: 3,
      bytes: 16384,
      oldestDay: '2025-11-01',
    });
    expect(metrics.countRetentionPass).toHaveBeenCalledWith('completed');
  });

  it('removes behind the horizon the database holds, which another replica may have moved further', async () => {
    repository.advanceHorizon.mockResolvedValue('2025-11-15');

    await serviceWith(0).runPass();

    expect(repository.removeStepBefore).toHaveBeenCalledWith(
      '2025-11-15',
      5000,
    );
  });

  it('stops a pass that meets another replica’s locks, until the next one', async () => {
    repository.removeStepBefore
      .mockResolvedValueOnce({ removed: 5000, done: false })
      .mockRejectedValueOnce(deadlock);

    const pass = await serviceWith(0).runPass();

    expect(pass).toMatchObject({ removed: 5000, finished: false });
    expect(metrics.countRetentionPass).toHaveBeenCalledWith('yielded');
  });

  it('counts, logs and rethrows any other failure', async () => {
    repository.advanceHorizon.mockRejectedValue(new Error('no such table'));

    await expect(serviceWith(3600).runPass()).rejects.toThrow('no such table');
    expect(metrics.countRetentionPass).toHaveBeenCalledWith('failed');
    expect(Logger.prototype.warn).toHaveBeenCalledWith(
      'ledger retention pass failed (no such table); next pass in 3600 s',
    );
  });

  it('shares a pass under way with a second call', async () => {
    const service = serviceWith(0);

    const [first, second] = [service.runPass(), service.runPass()];

    expect(second).toBe(first);
    await first;
    expect(repository.advanceHorizon).toHaveBeenCalledTimes(1);
  });

  it('runs its first pass within a minute of start-up, then one every interval, and none once stopped', async () => {
    jest.useFakeTimers();
    const service = serviceWith(3600);

    service.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(repository.advanceHorizon).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(3_600_000);
    expect(repository.advanceHorizon).toHaveBeenCalledTimes(2);

    await service.onModuleDestroy();
    await jest.advanceTimersByTimeAsync(7_200_000);
    expect(repository.advanceHorizon).toHaveBeenCalledTimes(2);
  });

  it('runs no pass by itself when the interval is 0', async () => {
    jest.useFakeTimers();

    serviceWith(0).onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(86_400_000);

    expect(repository.advanceHorizon).not.toHaveBeenCalled();
  });
});
