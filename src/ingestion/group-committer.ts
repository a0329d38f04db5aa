import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, GroupCommitConfig } from '../config/app-config';
import {
  isDatabaseUnavailable,
  isTransientTransactionError,
} from '../database/database-errors';
import {
  LedgerEntry,
  MessageLedgerRepository,
  RecordResult,
} from '../database/repositories/message-ledger.repository';

interface Pending {
  entry: LedgerEntry;
  resolve(result: RecordResult): void;
  reject(error: unknown): void;
}

/**
 * Group commit: concurrent single-message requests share transactions, so
 * throughput is not capped by the database's commit rate. Each request still
 * waits for the commit of its own message and gets its own outcome.
 *
 * Adaptive: with no transaction under way a message is written at once
 * (together with whatever arrived in the same turn of the event loop); while
 * one is under way, messages gather for at most `maxWaitMs`, or until
 * `maxBatch` of them are waiting, then share the next transaction. At most
 * `maxConcurrent` transactions run at once. A batch that fails for any
 * reason but an unreachable database or a lock conflict that outlasted the
 * ledger's retries is retried message by message, so one bad message cannot
 * fail the others.
 */
@Injectable()
export class GroupCommitter {
  private readonly logger = new Logger(GroupCommitter.name);
  private readonly settings: GroupCommitConfig;
  private readonly queue: Pending[] = [];
  private inFlight = 0;
  private gathering = false;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly ledger: MessageLedgerRepository,
    config: AppConfig,
  ) {
    this.settings = config.groupCommit;
  }

  submit(entry: LedgerEntry): Promise<RecordResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    const { maxBatch, maxConcurrent, maxWaitMs } = this.settings;
    if (this.queue.length === 0 || this.inFlight >= maxConcurrent) return;
    if (this.inFlight === 0 || this.queue.length >= maxBatch) {
      if (!this.gathering) {
        this.gathering = true;
        setImmediate(() => {
          this.gathering = false;
          this.flush();
        });
      }
      return;
    }
    this.timer ??= setTimeout(() => this.flush(), maxWaitMs);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const { maxBatch, maxConcurrent } = this.settings;
    while (this.queue.length > 0 && this.inFlight < maxConcurrent) {
      const batch = this.queue.splice(0, maxBatch);
      this.inFlight += 1;
      void this.commit(batch).finally(() => {
        this.inFlight -= 1;
        this.schedule();
      });
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    try {
      const results = await this.ledger.recordBatch(batch.map((p) => p.entry));
      batch.forEach((pending, i) => pending.resolve(results[i]));
      return;
    } catch (error) {
      // A lock conflict the ledger already retried is not the fault of any
      // one message: running them one by one would only wait out the lock
      // once per message.
      if (
        batch.length === 1 ||
        isDatabaseUnavailable(error) ||
        isTransientTransactionError(error)
      ) {
        for (const pending of batch) pending.reject(error);
        return;
      }
      this.logger.warn(
        `a batch of ${batch.length} failed (${(error as Error).message}); recording its messages one by one`,
      );
    }
    // In order, so that of two copies of a uuid the first still counts.
    for (const pending of batch) {
      try {
        const [result] = await this.ledger.recordBatch([pending.entry]);
        pending.resolve(result);
      } catch (error) {
        pending.reject(error);
      }
    }
  }
}
