import { setTimeout as sleep } from 'node:timers/promises';

import { backoff, Backoff } from '../common/backoff';

/** Told once per retry of the writer that retries for all. */
export type OnRetry = (error: unknown, waitMs: number) => void;

/**
 * One backoff for many concurrent writes to the same database. The first
 * write that fails starts an outage: it alone retries, with backoff, and
 * `onRetry` hears of each attempt; every other write waits for it, the
 * ones already under way included when they fail too. When that write
 * succeeds, the outage ends and the waiting writes go on together. So a
 * database that is away costs one retry loop and one log line per attempt
 * however many writes are held, instead of one of each per write (with a
 * consumer's prefetch window of 2,000 single-message groups, that was
 * half a core and thousands of lines for a 10 s cut).
 */
export class SharedRetry {
  private outage?: Promise<void>;

  constructor(
    private readonly backoff: Backoff,
    private readonly onRetry: OnRetry,
    /** Told when an outage begins and ends, so the owner can hold back meanwhile. */
    private readonly outages: { began(): void; ended(): void } = {
      began: () => undefined,
      ended: () => undefined,
    },
  ) {}

  /** True while a write fails and is being retried. */
  get failing(): boolean {
    return this.outage !== undefined;
  }

  /**
   * Runs `write` until it succeeds. Answers undefined, without writing
   * again, once `stopped()` is true after a failure.
   */
  async run<T>(
    write: () => Promise<T>,
    stopped: () => boolean,
  ): Promise<T | undefined> {
    for (;;) {
      while (this.outage) await this.outage;
      try {
        return await write();
      } catch (error) {
        if (stopped()) return undefined;
        // Another write started an outage while this one was under way.
        if (this.outage) continue;
        return this.retryForAll(write, error, stopped);
      }
    }
  }

  private async retryForAll<T>(
    write: () => Promise<T>,
    firstError: unknown,
    stopped: () => boolean,
  ): Promise<T | undefined> {
    let ended!: () => void;
    this.outage = new Promise((resolve) => (ended = resolve));
    this.outages.began();
    try {
      let error = firstError;
      for (let attempt = 0; ; attempt++) {
        const wait = this.backoff(attempt);
        this.onRetry(error, wait);
        await sleep(wait);
        if (stopped()) return undefined;
        try {
          return await write();
        } catch (failure) {
          if (stopped()) return undefined;
          error = failure;
        }
      }
    } finally {
      this.outage = undefined;
      ended();
      if (!stopped()) this.outages.ended();
    }
  }
}

/** 250 ms doubling to 5 s. */
export const consumerBackoff = backoff({ firstMs: 250, maxMs: 5000 });
