import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import {
  createFastifyAdapter,
  createLogger,
  NEST_APP_OPTIONS,
} from '../../src/http/fastify-adapter';
import { parseApiKeys } from '../../src/auth/api-key-ring';
import { Clock } from '../../src/common/clock';
import { parseRateLimits } from '../../src/auth/rate-limiter';
import type { WorkloadName } from '../../src/config/workloads';
import {
  AppConfig,
  DatabaseConfig,
  DEFAULT_EVENT_WINDOW,
  DEFAULT_LEDGER_RETENTION,
  DEFAULT_GROUP_COMMIT,
  DEFAULT_WORKLOADS,
  EventWindowConfig,
  LedgerRetentionConfig,
  WorkloadConfig,
} from '../../src/config/app-config';
import { engineFor } from '../../src/database/database-engine';
import { StatisticsAuditRepository } from '../../src/database/repositories/statistics-audit.repository';
import { FakeClock } from './fake-clock';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  /** supertest, bound to the listening service. */
  http: () => ReturnType<typeof request>;
  baseUrl: string;
  clock: FakeClock;
  dataSource: DataSource;
  /** The stats CLI's verify and rebuild, on this app's database. */
  audit: StatisticsAuditRepository;
  /** Rows in a table, read straight from the database. */
  countRows(
    table:
      | 'messages'
      | 'message_uuids'
      | 'quarter_hour_statistics'
      | 'daily_statistics'
      | 'monthly_statistics'
      | 'yearly_statistics',
  ): Promise<number>;
  close(): Promise<void>;
}

/**
 * The real service, configured exactly as main.ts does, listening on a free
 * port of 127.0.0.1, on a database of its own, with a clock the test moves.
 */
export async function createTestApp(
  options: {
    database?: DatabaseConfig;
    migrationsRun?: boolean;
    apiKeys?: string;
    queryTimeoutMs?: number;
    lockWaitTimeoutS?: number;
    requestTimeoutMs?: number;
    hstsMaxAgeS?: number;
    explorerEnabled?: boolean;
    rateLimits?: string;
    workloads?: Partial<Record<WorkloadName, Partial<WorkloadConfig>>>;
    eventWindow?: Partial<EventWindowConfig>;
    /** Off unless a test asks: a pass would remove the old days tests write. */
    ledgerRetention?: Partial<LedgerRetentionConfig>;
  } = {},
): Promise<TestApp> {
  let database: TestDatabase | undefined;
  const databaseConfig =
    options.database ?? (database = await createTestDatabase()).config;
  const apiKeys = parseApiKeys(options.apiKeys);
  const config = new AppConfig({
    host: '127.0.0.1',
    port: 0,
    database: databaseConfig,
    migrationsRun: options.migrationsRun ?? true,
    queryTimeoutMs: options.queryTimeoutMs ?? 10_000,
    lockWaitTimeoutS: options.lockWaitTimeoutS ?? 2,
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    hstsMaxAgeS: options.hstsMaxAgeS ?? 0,
    explorerEnabled: options.explorerEnabled ?? true,
    logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    groupCommit: DEFAULT_GROUP_COMMIT,
    apiKeys,
    rateLimits: parseRateLimits(
      options.rateLimits,
      apiKeys.map((key) => key.name),
    ),
    workloads: {
      batch: { ...DEFAULT_WORKLOADS.batch, ...options.workloads?.batch },
      read: { ...DEFAULT_WORKLOADS.read, ...options.workloads?.read },
    },
    eventWindow: { ...DEFAULT_EVENT_WINDOW, ...options.eventWindow },
    ledgerRetention: {
      ...DEFAULT_LEDGER_RETENTION,
      intervalS: 0,
      ...options.ledgerRetention,
    },
  });
  const clock = new FakeClock();
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(config)],
  })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    createFastifyAdapter(createLogger(config), config),
    NEST_APP_OPTIONS,
  );
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const baseUrl = await app.getUrl();
  const dataSource = app.get(DataSource);
  return {
    app,
    http: () => request(baseUrl),
    baseUrl,
    clock,
    dataSource,
    audit: engineFor(databaseConfig).audit(dataSource),
    async countRows(table) {
      const [row] = await dataSource.query(
        `SELECT COUNT(*) AS n FROM ${table}`,
      );
      return Number((row as { n: unknown }).n);
    },
    async close() {
      await app.close();
      await database?.drop();
    },
  };
}

/**
 * The lifecycle most e2e files share: one app for the enclosing describe
 * block, started before its tests (then `setUp` runs) and closed after
 * them. Use what it returns inside tests and hooks, once the app is up.
 */
export function useTestApp(
  options: Parameters<typeof createTestApp>[0] = {},
  setUp?: (t: TestApp) => Promise<void> | void,
): TestApp {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await createTestApp(options);
    await setUp?.(app);
  });
  afterAll(async () => {
    await app?.close();
  });
  return new Proxy({} as TestApp, {
    get(_, member) {
      if (app === undefined) {
        throw new Error(
          'useTestApp: the app starts in beforeAll; use it in a test or a hook',
        );
      }
      return Reflect.get(app, member) as unknown;
    },
  });
}
