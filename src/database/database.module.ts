import { Logger, Module } from '@nestjs/common';
import {
  getDataSourceToken,
  TypeOrmModule,
  TypeOrmModuleOptions,
} from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { buildDataSourceOptions } from './data-source-options';
import { DATABASE_ENGINE, DatabaseEngine, engineFor } from './database-engine';
import {
  describePending,
  pendingMigrationNames,
  runPendingMigrations,
} from './run-migrations';
import { TypeOrmLogger } from './typeorm-logger';
import { DatabaseHealthRepository } from './repositories/database-health.repository';
import { LedgerRetentionRepository } from './repositories/ledger-retention.repository';
import { MessageLedgerRepository } from './repositories/message-ledger.repository';
import { StatisticsRepository } from './repositories/statistics.repository';
import { SQL_DIALECT } from './sql-dialect';

const MIGRATED = Symbol('Migrated');

/** The configured database's engine, chosen here, once; and what it builds. */
const perDatabase = [
  {
    provide: DATABASE_ENGINE,
    inject: [AppConfig],
    useFactory: (config: AppConfig) => engineFor(config.database),
  },
  {
    provide: SQL_DIALECT,
    inject: [DATABASE_ENGINE],
    useFactory: (engine: DatabaseEngine) => engine.dialect,
  },
  {
    // TypeORM's migrationsRun, but under the database's lock, so that
    // replicas starting together do not race. Awaited before the app starts.
    provide: MIGRATED,
    inject: [AppConfig, DATABASE_ENGINE, getDataSourceToken()],
    useFactory: async (
      config: AppConfig,
      engine: DatabaseEngine,
      dataSource: DataSource,
    ) => {
      if (config.migrationsRun) {
        await runPendingMigrations(dataSource, engine);
        return;
      }
      // Said once at start-up; readiness answers 503 until they have run.
      const pending = await pendingMigrationNames(dataSource);
      if (pending.length > 0) {
        new Logger('Migrations').warn(
          `${describePending(pending)}; until then readiness and every request that uses the database answer 503`,
        );
      }
    },
  },
  {
    provide: MessageLedgerRepository,
    inject: [DATABASE_ENGINE, getDataSourceToken(), MetricsService],
    useFactory: (
      engine: DatabaseEngine,
      dataSource: DataSource,
      metrics: MetricsService,
    ) => engine.ledger(dataSource, metrics),
  },
  {
    provide: LedgerRetentionRepository,
    inject: [DATABASE_ENGINE, getDataSourceToken()],
    useFactory: (engine: DatabaseEngine, dataSource: DataSource) =>
      engine.retention(dataSource),
  },
];

const repositories = [
  MessageLedgerRepository,
  LedgerRetentionRepository,
  StatisticsRepository,
  DatabaseHealthRepository,
];

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: async (config: AppConfig): Promise<TypeOrmModuleOptions> =>
        ({
          ...buildDataSourceOptions(config.database),
          logger: new TypeOrmLogger(),
          ...(await engineFor(config.database).serviceOptions(config)),
          // Fail fast: main.ts turns the error into one clear line.
          toRetry: () => false,
        }) as TypeOrmModuleOptions,
    }),
  ],
  providers: [...perDatabase, StatisticsRepository, DatabaseHealthRepository],
  exports: repositories,
})
export class DatabaseModule {}
