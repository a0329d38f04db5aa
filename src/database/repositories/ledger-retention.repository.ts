import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { retryingTransaction } from '../retrying-transaction';
import { HORIZON_SQL } from './audit-sql';
import type { Queryable } from './message-ledger.repository';
import { readSafeInteger, readText } from './sql-values';

/** How large the ledger is: its rows and the bytes of its table and indexes. */
export interface LedgerSize {
  rows: number;
  bytes: number;
  /** The oldest event day a row holds; null when the ledger is empty. */
  oldestDay: string | null;
}

/** What one step of removal did. */
export interface RemovalStep {
  removed: number;
  /** True when no row before the day is left to remove. */
  done: boolean;
}

/** Moves the horizon forward, never back. */
export const ADVANCE_HORIZON =
  'UPDATE ledger_horizon SET first_kept_day = ? WHERE id = 1 AND first_kept_day < ?';

/** The horizon as read by `runner`, in a transaction or outside one. */
export async function readHorizon(
  runner: Queryable,
  suffix = '',
): Promise<string> {
  const [row] = (await runner.query(`${HORIZON_SQL.sql}${suffix}`)) as Array<
    Record<string, unknown>
  >;
  if (row === undefined) {
    throw new Error('ledger_horizon has no row: the schema is damaged');
  }
  return readText(row.first_kept_day).slice(0, 10);
}

/**
 * The ledger's retention: its horizon (the first event day it holds in
 * full, AddLedgerHorizon1764800000000), the removal of the days behind it,
 * and its size. How rows are removed, and how size is read, differ by
 * database (MysqlLedgerRetentionRepository,
 * SqliteLedgerRetentionRepository).
 */
export abstract class LedgerRetentionRepository {
  private readonly logger = new Logger(LedgerRetentionRepository.name);

  constructor(protected readonly dataSource: DataSource) {}

  firstKeptDay(): Promise<string> {
    return readHorizon(this.dataSource);
  }

  /**
   * Moves the horizon forward to `day`, never back, in a transaction of its
   * own, and answers where it is. Committed before any row behind it goes,
   * so that a check or a rebuild that can see a day's rows missing sees
   * the horizon past that day too. A rebuild holding the horizon makes it
   * wait, and past the lock-wait timeout it is retried.
   */
  async advanceHorizon(day: string): Promise<string> {
    await retryingTransaction(
      () => this.dataSource.query(ADVANCE_HORIZON, [day, day]),
      (failure, attempt) =>
        this.logger.warn(
          `moving the ledger's horizon failed (${failure}); retry ${attempt}`,
        ),
    );
    return this.firstKeptDay();
  }

  /**
   * One bounded step of removing the rows whose event day is before `day`,
   * one short transaction or one partition dropped: what it removed, and
   * whether none are left to remove.
   */
  abstract removeStepBefore(day: string, limit: number): Promise<RemovalStep>;

  /** Readies the ledger for the days to come, as of `today` (MySQL adds month partitions). */
  prepareAhead(today: string): Promise<void> {
    void today;
    return Promise.resolve();
  }

  /** The ledger's rows and bytes, as the database counts them. */
  abstract size(): Promise<Omit<LedgerSize, 'oldestDay'>>;

  /** Runs `statements`, then `sql` in the same session, and answers the rows `sql` changed. */
  protected async changedRows(
    sql: string,
    parameters: unknown[],
    statements: string[] = [],
  ): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      for (const statement of statements) await runner.query(statement);
      const { affected } = await runner.query(sql, parameters, true);
      return affected ?? 0;
    } finally {
      await runner.release();
    }
  }

  async measure(): Promise<LedgerSize> {
    const [row] = await this.dataSource.query<Array<Record<string, unknown>>>(
      'SELECT MIN(stat_date) AS oldest FROM messages',
    );
    const oldest = row?.oldest;
    return {
      ...(await this.size()),
      oldestDay:
        oldest === null || oldest === undefined
          ? null
          : readText(oldest).slice(0, 10),
    };
  }
}

/** A count from either driver, as a number. */
export const readCount = (value: unknown): number =>
  readSafeInteger(value ?? 0);
