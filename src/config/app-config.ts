import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ApiKey, parseApiKeys } from '../auth/api-key-ring';
import { parseRateLimits, RateLimit } from '../auth/rate-limiter';
import type { WorkloadName } from './workloads';
import { InvalidEnvironmentError, validateEnvironment } from './environment';

/** How concurrent single-message requests share transactions (see GroupCommitter). */
export interface GroupCommitConfig {
  /** Most messages in one transaction. */
  maxBatch: number;
  /** Longest a message waits for others while a transaction is already under way. */
  maxWaitMs: number;
  /** Most transactions under way at once. */
  maxConcurrent: number;
}

/** How many requests of one workload run at once, and how many may wait. */
export interface WorkloadConfig {
  concurrency: number;
  queueLimit: number;
  maxWaitMs: number;
}

/** The RabbitMQ front door (AmqpConsumer); none when AMQP_URL is not set. */
export interface AmqpConfig {
  url: string;
  queue: string;
  /** Most messages delivered and not yet acknowledged: the consumer's window. */
  prefetch: number;
  /** Most messages written in one transaction, as in one POST /messages/batch. */
  groupSize: number;
  /** How long a group waits for more deliveries before it is written. */
  lingerMs: number;
}

/**
 * The accepted window of event times: at most `maxAgeDays` back and
 * `maxSkewS` ahead of the receive time. What lies outside is refused.
 */
export interface EventWindowConfig {
  maxAgeDays: number;
  maxSkewS: number;
}

/** As Stripe's meter events: 35 days back, 5 minutes ahead. */
export const DEFAULT_EVENT_WINDOW: EventWindowConfig = {
  maxAgeDays: 35,
  maxSkewS: 300,
};

/**
 * How long the ledger keeps a message: its event day's rows go once the
 * day is more than `days` days old, in passes every `intervalS` seconds
 * (0: none).
 */
export interface LedgerRetentionConfig {
  days: number;
  intervalS: number;
}

/** A year for yearly statistics and disputes, and a month to spare. */
export const DEFAULT_LEDGER_RETENTION: LedgerRetentionConfig = {
  days: 400,
  intervalS: 3600,
};

export type DatabaseConfig =
  | { type: 'sqlite'; path: string }
  | { type: 'mysql'; url: string; poolSize: number };

/**
 * The service's typed, validated configuration. It is also the injection
 * token: inject `AppConfig` wherever a setting is needed.
 */
export class AppConfig {
  readonly host: string;
  readonly port: number;
  readonly database: DatabaseConfig;
  readonly migrationsRun: boolean;
  /** MySQL: a statement taking longer fails (503) and its connection is dropped. */
  readonly queryTimeoutMs: number;
  /**
   * MySQL: how long a statement waits for a row lock another transaction
   * holds before it fails and its transaction is retried (InnoDB's own default,
   * 50 s, would outlast the query timeout and end in a 503 instead).
   */
  readonly lockWaitTimeoutS: number;
  /** The whole request must arrive within this; then it is a 408. */
  readonly requestTimeoutMs: number;
  /**
   * Strict-Transport-Security max-age, for a service reached over HTTPS (a
   * TLS proxy in front); 0 sends no such header, as fits plain HTTP.
   */
  readonly hstsMaxAgeS: number;
  /** Whether GET /explore serves the usage explorer page. */
  readonly explorerEnabled: boolean;
  readonly logLevel: string;
  readonly groupCommit: GroupCommitConfig;
  readonly amqp?: AmqpConfig;
  /** The API keys; none means authentication is off. */
  readonly apiKeys: ApiKey[];
  /** Per key or scope (see RateLimiter); empty means no limits. */
  readonly rateLimits: ReadonlyMap<string, RateLimit>;
  /** The workloads kept apart so that none starves ingestion (see ConcurrencyGate). */
  readonly workloads: Record<WorkloadName, WorkloadConfig>;
  /** How far a message's own timestamp may lie from its receive time. */
  readonly eventWindow: EventWindowConfig;
  /** How long the ledger keeps each message (LedgerRetentionService). */
  readonly ledgerRetention: LedgerRetentionConfig;

  constructor(values: AppConfig) {
    Object.assign(this, values);
  }

  /**
   * Reads and validates the environment; throws a one-line error if it is
   * invalid. Only the server (`role` 'server') needs API keys in
   * production: an operator's command (migrate, stats) never checks one,
   * so a cron job need not hold the secret.
   */
  static fromEnv(
    env: NodeJS.ProcessEnv = process.env,
    role: 'server' | 'operator' = 'server',
  ): AppConfig {
    const vars = validateEnvironment(env);
    let apiKeys: ApiKey[];
    let rateLimits: Map<string, RateLimit>;
    try {
      apiKeys = parseApiKeys(vars.API_KEYS);
      rateLimits = parseRateLimits(
        vars.RATE_LIMITS,
        apiKeys.map((key) => key.name),
      );
    } catch (error) {
      throw new InvalidEnvironmentError(
        `invalid environment: ${(error as Error).message}`,
      );
    }
    if (vars.AUTH_DISABLED === true) apiKeys = [];
    else if (
      role === 'server' &&
      apiKeys.length === 0 &&
      vars.NODE_ENV === 'production'
    ) {
      throw new InvalidEnvironmentError(
        'invalid environment: NODE_ENV=production needs API_KEYS (or AUTH_DISABLED=true to run without authentication)',
      );
    }
    const database = parseDatabaseUrl(
      vars.DATABASE_URL,
      vars.DATABASE_POOL_SIZE,
    );
    const groupCommit = {
      maxBatch: vars.GROUP_COMMIT_MAX_BATCH ?? DEFAULT_GROUP_COMMIT.maxBatch,
      maxWaitMs:
        vars.GROUP_COMMIT_MAX_WAIT_MS ?? DEFAULT_GROUP_COMMIT.maxWaitMs,
      maxConcurrent:
        vars.GROUP_COMMIT_MAX_CONCURRENT ?? DEFAULT_GROUP_COMMIT.maxConcurrent,
    };
    const workloads = workloadsOf(vars);
    checkDatabase(database, groupCommit, workloads);
    const eventWindow = {
      maxAgeDays: vars.MAX_EVENT_AGE_DAYS ?? DEFAULT_EVENT_WINDOW.maxAgeDays,
      maxSkewS: vars.MAX_EVENT_SKEW_S ?? DEFAULT_EVENT_WINDOW.maxSkewS,
    };
    const ledgerRetention = {
      days: vars.LEDGER_RETENTION_DAYS ?? DEFAULT_LEDGER_RETENTION.days,
      intervalS:
        vars.LEDGER_RETENTION_INTERVAL_S ?? DEFAULT_LEDGER_RETENTION.intervalS,
    };
    checkRetention(ledgerRetention, eventWindow);
    return new AppConfig({
      host: vars.HOST ?? '0.0.0.0',
      port: vars.PORT ?? 3000,
      database,
      migrationsRun: vars.MIGRATIONS_RUN ?? true,
      queryTimeoutMs: vars.DATABASE_QUERY_TIMEOUT_MS ?? 10_000,
      lockWaitTimeoutS: vars.DATABASE_LOCK_WAIT_TIMEOUT_S ?? 2,
      requestTimeoutMs: vars.REQUEST_TIMEOUT_MS ?? 30_000,
      hstsMaxAgeS: vars.HSTS_MAX_AGE_S ?? 0,
      explorerEnabled: vars.EXPLORER_ENABLED ?? true,
      eventWindow,
      ledgerRetention,
      logLevel: vars.LOG_LEVEL ?? 'info',
      groupCommit,
      apiKeys,
      rateLimits,
      workloads,
      amqp: vars.AMQP_URL
        ? {
            url: vars.AMQP_URL,
            queue: vars.AMQP_QUEUE ?? 'message-stats.messages',
            prefetch: vars.AMQP_PREFETCH ?? 2000,
            groupSize: vars.AMQP_GROUP_SIZE ?? 500,
            lingerMs: vars.AMQP_LINGER_MS ?? 5,
          }
        : undefined,
    });
  }
}

/**
 * What the database settings can only be checked as a whole for: a URL
 * that parses (a password holding "#" must be percent-encoded), a pool
 * with a connection for each transaction the workloads may run at once
 * (fewer, and one workload's flood waits in the pool in front of the
 * others), and a SQLite file whose folder exists (only the default data/
 * is made: a typo must not put the ledger somewhere unexpected).
 */
function checkDatabase(
  database: DatabaseConfig,
  groupCommit: GroupCommitConfig,
  workloads: Record<WorkloadName, WorkloadConfig>,
): void {
  const refuse = (reason: string) => {
    throw new InvalidEnvironmentError(`invalid environment: ${reason}`);
  };
  if (database.type === 'sqlite') {
    const folder = dirname(database.path);
    if (
      database.path !== DEFAULT_SQLITE_PATH &&
      database.path !== ':memory:' &&
      !existsSync(folder)
    ) {
      refuse(
        `DATABASE_URL names a SQLite file in ${folder}, which does not exist: create the folder first (only the default data/ is created)`,
      );
    }
    return;
  }
  if (!URL.canParse(database.url)) {
    refuse(
      'DATABASE_URL is not a valid URL: percent-encode special characters in the user name and password (# as %23, @ as %40, / as %2F, : as %3A, ? as %3F)',
    );
  }
  const needed =
    groupCommit.maxConcurrent +
    workloads.batch.concurrency +
    workloads.read.concurrency;
  if (database.poolSize < needed) {
    refuse(
      `DATABASE_POOL_SIZE=${database.poolSize} is less than the ${needed} connections the workloads may use at once (GROUP_COMMIT_MAX_CONCURRENT ${groupCommit.maxConcurrent} + BATCH_CONCURRENCY ${workloads.batch.concurrency} + READ_CONCURRENCY ${workloads.read.concurrency}): raise it, or lower those`,
    );
  }
}

/**
 * The ledger must keep every day a message can still count on, and one
 * more: a day whose rows go is settled, so its counters are the record and
 * a void or a late message can no longer reach it.
 */
function checkRetention(
  retention: LedgerRetentionConfig,
  window: EventWindowConfig,
): void {
  if (retention.days < window.maxAgeDays + 1) {
    throw new InvalidEnvironmentError(
      `invalid environment: LEDGER_RETENTION_DAYS=${retention.days} is less than MAX_EVENT_AGE_DAYS + 1 (${window.maxAgeDays + 1}): the ledger must keep every day a message can still count on, and one more`,
    );
  }
}

function workloadsOf(vars: {
  BATCH_CONCURRENCY?: number;
  READ_CONCURRENCY?: number;
  WORKLOAD_QUEUE_LIMIT?: number;
  WORKLOAD_MAX_WAIT_MS?: number;
}): Record<WorkloadName, WorkloadConfig> {
  const queue = {
    queueLimit: vars.WORKLOAD_QUEUE_LIMIT ?? DEFAULT_WORKLOADS.batch.queueLimit,
    maxWaitMs: vars.WORKLOAD_MAX_WAIT_MS ?? DEFAULT_WORKLOADS.batch.maxWaitMs,
  };
  return {
    batch: {
      concurrency:
        vars.BATCH_CONCURRENCY ?? DEFAULT_WORKLOADS.batch.concurrency,
      ...queue,
    },
    read: {
      concurrency: vars.READ_CONCURRENCY ?? DEFAULT_WORKLOADS.read.concurrency,
      ...queue,
    },
  };
}

/**
 * With the group commit's 4 transactions, 2 batches and 2 reads take 8 of
 * the default pool's 10 connections: a flood of one workload waits in its
 * own queue, never in the pool in front of the others. Two batches at once
 * commit as many messages a second as four on this kind of machine (the
 * service's CPU is the limit) and keep a lone producer's p99 near 100 ms
 * instead of 250 (docs/benchmark-notes.md).
 */
export const DEFAULT_WORKLOADS: Record<WorkloadName, WorkloadConfig> = {
  batch: { concurrency: 2, queueLimit: 64, maxWaitMs: 5000 },
  read: { concurrency: 2, queueLimit: 64, maxWaitMs: 5000 },
};

export const DEFAULT_GROUP_COMMIT: GroupCommitConfig = {
  maxBatch: 128,
  maxWaitMs: 2,
  maxConcurrent: 4,
};

export const DEFAULT_SQLITE_PATH = join('data', 'message-stats.sqlite');

export function parseDatabaseUrl(
  url: string | undefined,
  poolSize = 10,
): DatabaseConfig {
  if (url === undefined) return { type: 'sqlite', path: DEFAULT_SQLITE_PATH };
  if (url.startsWith('sqlite:')) {
    return { type: 'sqlite', path: url.slice('sqlite:'.length) };
  }
  return { type: 'mysql', url: url.replace(/^mariadb:/, 'mysql:'), poolSize };
}

/** The database URL without its password, fit for logs and error messages. */
export function describeDatabase(database: DatabaseConfig): string {
  if (database.type === 'sqlite') return `sqlite:${database.path}`;
  const url = new URL(database.url);
  url.password = url.password ? '***' : '';
  return url.toString();
}
