import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Clock } from '../common/clock';
import { firstKeptDay } from '../common/ledger-retention';
import { utcDateOf } from '../common/utc-date';
import { AppConfig } from '../config/app-config';
import { isTransientTransactionError } from '../database/database-errors';
import {
  LedgerRetentionRepository,
  LedgerSize,
  RemovalStep,
} from '../database/repositories/ledger-retention.repository';
import { MetricsService } from '../metrics/metrics.service';

/** Rows one short transaction removes: a few milliseconds of locks. */
const CHUNK_ROWS = 5000;
/** Between chunks, so that ingestion's transactions go first. */
const CHUNK_PAUSE_MS = 20;
/** The first pass after start-up comes within this, not a whole interval later. */
const FIRST_PASS_WITHIN_S = 60;

/** What a pass did. */
export interface RetentionPass extends LedgerSize {
  firstKeptDay: string;
  removed: number;
  /** False when it stopped early: shutting down, or another replica was removing the same rows. */
  finished: boolean;
}

/**
 * Keeps the ledger to LEDGER_RETENTION_DAYS: every interval, moves the
 * horizon to the first day it keeps, then removes the rows behind it in
 * short chunks, so that ingestion never waits long for it. Every replica
 * runs passes; two at once remove the same rows, and the one that waits
 * for the other's locks stops until its next pass. The counters are never
 * touched: a removed day is settled, and they are its record.
 */
@Injectable()
export class LedgerRetentionService
  implements OnApplicationBootstrap, OnModuleDestroy
{
  private readonly logger = new Logger(LedgerRetentionService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<RetentionPass>;
  private stopping = false;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly repository: LedgerRetentionRepository,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    const { intervalS } = this.config.ledgerRetention;
    if (intervalS === 0) return;
    // Replicas started together spread their first passes out.
    const first = Math.min(intervalS, FIRST_PASS_WITHIN_S) * 1000;
    this.schedule(first * (0.5 + Math.random() / 2));
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass now; a call while one is under way shares it. */
  runPass(): Promise<RetentionPass> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.runPass()
        .catch(() => undefined)
        .finally(() => {
          if (!this.stopping) {
            this.schedule(this.config.ledgerRetention.intervalS * 1000);
          }
        });
    }, delayMs);
    this.timer.unref();
  }

  private async pass(): Promise<RetentionPass> {
    const wanted = firstKeptDay(
      this.clock.now(),
      this.config.ledgerRetention.days,
    );
    try {
      const readied = await this.prepareAhead();
      const keptFrom = await this.repository.advanceHorizon(wanted);
      const removal = await this.removeBefore(keptFrom);
      const { removed } = removal;
      const finished = readied && removal.finished;
      const size = await this.repository.measure();
      this.metrics.observeLedger(size, keptFrom);
      this.metrics.countRetentionPass(finished ? 'completed' : 'yielded');
      if (removed > 0) {
        this.logger.log(
          `removed ${removed} ledger row(s) of days before ${keptFrom}; ${size.rows} kept, the oldest of ${size.oldestDay ?? 'none'}`,
        );
      }
      return { firstKeptDay: keptFrom, removed, finished, ...size };
    } catch (error) {
      this.metrics.countRetentionPass('failed');
      this.logger.warn(
        `ledger retention pass failed (${(error as Error).message}); next pass in ${this.config.ledgerRetention.intervalS} s`,
      );
      throw error;
    }
  }

  /** Readies the days ahead; false when it met another's locks and yielded. */
  private async prepareAhead(): Promise<boolean> {
    try {
      await this.repository.prepareAhead(utcDateOf(this.clock.now()));
      return true;
    } catch (error) {
      if (!isTransientTransactionError(error)) throw error;
      return false;
    }
  }

  private async removeBefore(
    day: string,
  ): Promise<{ removed: number; finished: boolean }> {
    let removed = 0;
    while (!this.stopping) {
      let step: RemovalStep;
      try {
        step = await this.repository.removeStepBefore(day, CHUNK_ROWS);
      } catch (error) {
        if (!isTransientTransactionError(error)) throw error;
        return { removed, finished: false };
      }
      removed += step.removed;
      this.metrics.countLedgerRemoved(step.removed);
      if (step.done) return { removed, finished: true };
      await sleep(CHUNK_PAUSE_MS);
    }
    return { removed, finished: false };
  }
}
