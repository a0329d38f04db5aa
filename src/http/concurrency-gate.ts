/** Why a request could not pass a gate. */
export type GateRefusal = 'queue-full' | 'timed-out' | 'gave-up';

export class GateRefusedError extends Error {
  override name = 'GateRefusedError';

  constructor(readonly reason: GateRefusal) {
    super(
      reason === 'queue-full'
        ? 'too many requests of this kind are waiting'
        : reason === 'timed-out'
          ? 'waited too long for a turn'
          : 'the caller stopped waiting',
    );
  }
}

interface Waiter {
  admit(): void;
  timer: NodeJS.Timeout;
}

/**
 * At most `concurrency` holders at once; up to `queueLimit` more wait their
 * turn, first come first served, for at most `maxWaitMs` each. A request
 * that finds the queue full, or waits too long, is refused at once rather
 * than piling up: the caller answers it 503, and the work already admitted
 * keeps its share of the database and the event loop.
 */
export class ConcurrencyGate {
  private holders = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    readonly concurrency: number,
    private readonly queueLimit: number,
    private readonly maxWaitMs: number,
  ) {}

  /**
   * Resolves with the function that gives the turn back; call it exactly
   * once. `signal` withdraws a waiter whose caller went away.
   */
  enter(signal?: AbortSignal): Promise<() => void> {
    if (this.holders < this.concurrency && this.waiting.length === 0) {
      this.holders += 1;
      return Promise.resolve(this.leaver());
    }
    if (this.waiting.length >= this.queueLimit) {
      return Promise.reject(new GateRefusedError('queue-full'));
    }
    return new Promise((resolve, reject) => {
      const withdraw = (reason: GateRefusal) => {
        clearTimeout(waiter.timer);
        signal?.removeEventListener('abort', onAbort);
        const index = this.waiting.indexOf(waiter);
        if (index !== -1) this.waiting.splice(index, 1);
        reject(new GateRefusedError(reason));
      };
      const onAbort = () => withdraw('gave-up');
      const waiter: Waiter = {
        admit: () => {
          clearTimeout(waiter.timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(this.leaver());
        },
        timer: setTimeout(() => withdraw('timed-out'), this.maxWaitMs),
      };
      this.waiting.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Holders and waiters right now, for metrics and tests. */
  get load(): { holding: number; waiting: number } {
    return { holding: this.holders, waiting: this.waiting.length };
  }

  private leaver(): () => void {
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const next = this.waiting.shift();
      // The turn passes straight to the next waiter, so none can jump the queue.
      if (next) next.admit();
      else this.holders -= 1;
    };
  }
}
