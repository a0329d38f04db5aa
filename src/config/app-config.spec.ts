import { AppConfig, describeDatabase, parseDatabaseUrl } from './app-config';
import { InvalidEnvironmentError } from './environment';

describe('AppConfig.fromEnv', () => {
  it('defaults to port 3000 and the embedded SQLite under data/', () => {
    const config = AppConfig.fromEnv({});
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      migrationsRun: true,
      logLevel: 'info',
      queryTimeoutMs: 10_000,
      lockWaitTimeoutS: 2,
      requestTimeoutMs: 30_000,
      explorerEnabled: true,
      database: { type: 'sqlite', path: 'data/message-stats.sqlite' },
    });
  });

  it('reads every variable', () => {
    const config = AppConfig.fromEnv({
      NODE_ENV: 'production',
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: 'mariadb://app:secret@db:3306/stats',
      DATABASE_POOL_SIZE: '20',
      DATABASE_QUERY_TIMEOUT_MS: '5000',
      DATABASE_LOCK_WAIT_TIMEOUT_S: '1',
      REQUEST_TIMEOUT_MS: '2000',
      MIGRATIONS_RUN: 'false',
      LOG_LEVEL: 'warn',
      API_KEYS: 'producer:ingest:0123456789abcdef0123',
      RATE_LIMITS: 'read=20/s,producer=1000/m',
      BATCH_CONCURRENCY: '3',
      READ_CONCURRENCY: '5',
      WORKLOAD_QUEUE_LIMIT: '10',
      WORKLOAD_MAX_WAIT_MS: '1500',
      EXPLORER_ENABLED: 'false',
    });
    expect(config).toMatchObject({
      port: 8080,
      explorerEnabled: false,
      host: '127.0.0.1',
      migrationsRun: false,
      logLevel: 'warn',
      queryTimeoutMs: 5000,
      lockWaitTimeoutS: 1,
      requestTimeoutMs: 2000,
      database: {
        type: 'mysql',
        url: 'mysql://app:secret@db:3306/stats',
        poolSize: 20,
      },
      rateLimits: new Map([
        ['read', { requests: 20, perSeconds: 1 }],
        ['producer', { requests: 1000, perSeconds: 60 }],
      ]),
      workloads: {
        batch: { concurrency: 3, queueLimit: 10, maxWaitMs: 1500 },
        read: { concurrency: 5, queueLimit: 10, maxWaitMs: 1500 },
      },
    });
  });

  it('keeps the ledger 400 days by default, in hourly passes, and never less than the event window and a day', () => {
    expect(AppConfig.fromEnv({}).ledgerRetention).toEqual({
      days: 400,
      intervalS: 3600,
    });
    expect(
      AppConfig.fromEnv({
        LEDGER_RETENTION_DAYS: '36',
        LEDGER_RETENTION_INTERVAL_S: '0',
      }).ledgerRetention,
    ).toEqual({ days: 36, intervalS: 0 });
    expect(() => AppConfig.fromEnv({ LEDGER_RETENTION_DAYS: '35' })).toThrow(
      'invalid environment: LEDGER_RETENTION_DAYS=35 is less than MAX_EVENT_AGE_DAYS + 1 (36): the ledger must keep every day a message can still count on, and one more',
    );
    expect(
      AppConfig.fromEnv({
        LEDGER_RETENTION_DAYS: '10',
        MAX_EVENT_AGE_DAYS: '9',
      }).ledgerRetention.days,
    ).toBe(10);
    expect(() => AppConfig.fromEnv({ LEDGER_RETENTION_DAYS: 'x' })).toThrow(
      'LEDGER_RETENTION_DAYS',
    );
  });

  it('leaves the RabbitMQ consumer off unless AMQP_URL is set, and reads its queue, window and groups', () => {
    expect(AppConfig.fromEnv({}).amqp).toBeUndefined();
    expect(
      AppConfig.fromEnv({ AMQP_URL: 'amqp://guest:guest@rabbit:5672' }).amqp,
    ).toEqual({
      url: 'amqp://guest:guest@rabbit:5672',
      queue: 'message-stats.messages',
      prefetch: 2000,
      groupSize: 500,
      lingerMs: 5,
    });
    expect(
      AppConfig.fromEnv({
        AMQP_URL: 'amqps://rabbit',
        AMQP_QUEUE: 'billing.events',
        AMQP_PREFETCH: '500',
        AMQP_GROUP_SIZE: '100',
        AMQP_LINGER_MS: '0',
      }).amqp,
    ).toEqual({
      url: 'amqps://rabbit',
      queue: 'billing.events',
      prefetch: 500,
      groupSize: 100,
      lingerMs: 0,
    });
    expect(() => AppConfig.fromEnv({ AMQP_URL: 'http://rabbit' })).toThrow(
      /AMQP_URL/,
    );
    expect(() =>
      AppConfig.fromEnv({ AMQP_URL: 'amqp://rabbit', AMQP_PREFETCH: '0' }),
    ).toThrow(/AMQP_PREFETCH/);
    expect(() =>
      AppConfig.fromEnv({ AMQP_URL: 'amqp://rabbit', AMQP_GROUP_SIZE: '1001' }),
    ).toThrow(/AMQP_GROUP_SIZE/);
  });

  it('keeps workloads to their share of the default pool', () => {
    const { workloads, groupCommit, database } = AppConfig.fromEnv({
      DATABASE_URL: 'mysql://db/stats',
    });
    expect(workloads).toEqual({
      batch: { concurrency: 2, queueLimit: 64, maxWaitMs: 5000 },
      read: { concurrency: 2, queueLimit: 64, maxWaitMs: 5000 },
    });
    expect(
      groupCommit.maxConcurrent +
        workloads.batch.concurrency +
        workloads.read.concurrency,
    ).toBeLessThanOrEqual(database.type === 'mysql' ? database.poolSize : 0);
  });

  it('lets operator commands run in production without API keys', () => {
    expect(
      AppConfig.fromEnv({ NODE_ENV: 'production' }, 'operator').apiKeys,
    ).toEqual([]);
  });

  it('needs API keys in production, unless authentication is disabled outright', () => {
    expect(() => AppConfig.fromEnv({ NODE_ENV: 'production' })).toThrow(
      /^invalid environment: NODE_ENV=production needs API_KEYS/,
    );
    expect(
      AppConfig.fromEnv({ NODE_ENV: 'production', AUTH_DISABLED: 'true' })
        .apiKeys,
    ).toEqual([]);
    expect(AppConfig.fromEnv({}).apiKeys).toEqual([]);
    expect(
      AppConfig.fromEnv({
        API_KEYS: 'ops:ingest+read:0123456789abcdef0123',
        AUTH_DISABLED: 'true',
      }).apiKeys,
    ).toEqual([]);
  });

  it('refuses malformed API keys in one line', () => {
    expect(() =>
      AppConfig.fromEnv({ API_KEYS: 'ops:admin:0123456789abcdef0123' }),
    ).toThrow(/^invalid environment: API_KEYS entry "ops" has scopes "admin"/);
  });

  it.each([
    [
      'a password holding #',
      { DATABASE_URL: 'mysql://app:pa#ss@db:3306/stats' },
      'DATABASE_URL is not a valid URL: percent-encode special characters in the user name and password (# as %23',
    ],
    [
      'a port that is not a number',
      { PORT: 'abc' },
      'PORT must be an integer number',
    ],
    [
      'a switch that is not true or false',
      { AUTH_DISABLED: 'yes' },
      'AUTH_DISABLED must be true or false (or 1 or 0)',
    ],
    [
      'scopes joined with a comma',
      { API_KEYS: 'ops:ingest,read:0123456789abcdef0123' },
      'API_KEYS entry "ops" must look like name:scopes:key (scopes join with +, as in ops:ingest+read:KEY',
    ],
    [
      'a pool smaller than the workloads',
      { DATABASE_URL: 'mysql://db/stats', DATABASE_POOL_SIZE: '3' },
      'DATABASE_POOL_SIZE=3 is less than the 8 connections the workloads may use at once (GROUP_COMMIT_MAX_CONCURRENT 4 + BATCH_CONCURRENCY 2 + READ_CONCURRENCY 2)',
    ],
    [
      'a SQLite file in a folder that does not exist',
      { DATABASE_URL: 'sqlite:/nonexistent/dir/x.sqlite' },
      'DATABASE_URL names a SQLite file in /nonexistent/dir, which does not exist',
    ],
  ])('says what to fix for %s, and only that', (_, env, reason) => {
    let message = '';
    try {
      AppConfig.fromEnv(env);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.startsWith(`invalid environment: ${reason}`)).toBe(true);
    expect(message).not.toContain(';');
  });

  it('takes a pool as large as the workloads, and a SQLite file in an existing folder', () => {
    expect(
      AppConfig.fromEnv({
        DATABASE_URL: 'mysql://db/stats',
        DATABASE_POOL_SIZE: '8',
      }).database,
    ).toMatchObject({ poolSize: 8 });
    expect(
      AppConfig.fromEnv({ DATABASE_URL: 'sqlite:/tmp/x.sqlite' }).database,
    ).toEqual({ type: 'sqlite', path: '/tmp/x.sqlite' });
  });

  it('treats empty variables as unset', () => {
    expect(AppConfig.fromEnv({ PORT: '', DATABASE_URL: '' }).port).toBe(3000);
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['DATABASE_URL', { DATABASE_URL: 'postgres://localhost/db' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost' }],
    ['DATABASE_POOL_SIZE', { DATABASE_POOL_SIZE: '0' }],
    ['MIGRATIONS_RUN', { MIGRATIONS_RUN: 'maybe' }],
    ['EXPLORER_ENABLED', { EXPLORER_ENABLED: 'off' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['RATE_LIMITS', { RATE_LIMITS: 'read=lots' }],
    ['RATE_LIMITS', { RATE_LIMITS: 'nobody=5/s' }],
    ['BATCH_CONCURRENCY', { BATCH_CONCURRENCY: '0' }],
    ['READ_CONCURRENCY', { READ_CONCURRENCY: 'two' }],
    ['WORKLOAD_QUEUE_LIMIT', { WORKLOAD_QUEUE_LIMIT: '-1' }],
  ])('refuses a bad %s with one line naming it', (name, env) => {
    expect(() => AppConfig.fromEnv(env)).toThrow(InvalidEnvironmentError);
    expect(() => AppConfig.fromEnv(env)).toThrow(
      new RegExp(`^invalid environment: ${name}`),
    );
    try {
      AppConfig.fromEnv(env);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });
});

describe('parseDatabaseUrl', () => {
  it('takes sqlite: paths, including :memory:', () => {
    expect(parseDatabaseUrl('sqlite:/tmp/x.sqlite')).toEqual({
      type: 'sqlite',
      path: '/tmp/x.sqlite',
    });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({
      type: 'sqlite',
      path: ':memory:',
    });
  });
});

describe('describeDatabase', () => {
  it('never shows the password', () => {
    const text = describeDatabase({
      type: 'mysql',
      url: 'mysql://app:secret@db:3306/stats',
      poolSize: 1,
    });
    expect(text).toBe('mysql://app:***@db:3306/stats');
  });
});
