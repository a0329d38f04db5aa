import { Logger, Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { buildDataSourceOptions } from './data-source-options';
import { implementationsFor } from './database-implementations';
import { DropTimedOutConnectionSubscriber } from './drop-timed-out-connection.subscriber';
import { topologyOf } from './database-topology';
import { mysql2WithSessionSettings } from './mysql-driver';
import {
  describePending,
  pendingMigrationNames,
  runPendingMigrations,
} from './run-migrations';
import { TypeOrmLogger } from './typeorm-logger';
import { DatabaseHealthRepository } from './repositories/database-health.repository';
import { MessageLedgerRepository } from './repositories/message-ledger.repository';
import { StatisticsRepository } from './repositories/statistics.repository';
import { SQL_DIALECT } from './sql-dialect';

/** The configured database's own implementations, chosen here, once. */
const perDatabase = [
  {
    provide: SQL_DIALECT,
    inject: [AppConfig],
    useFactory: (config: AppConfig) =>
      implementationsFor(config.database).dialect,
  },
  {
    provide: MessageLedgerRepository,
    inject: [AppConfig, getDataSourceToken(), MetricsService],
    useFactory: async (
      config: AppConfig,
      dataSource: DataSource,
      metrics: MetricsService,
    ) =>
      implementationsFor(config.database).ledger(
        dataSource,
        metrics,
        config.database.type === 'mysql'
          ? await topologyOf(config.database.url)
          : { galera: false, counterSlot: 0 },
      ),
  },
];

const repositories = [
  MessageLedgerRepository,
  StatisticsRepository,
  DatabaseHealthRepository,
];

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: async (config: AppConfig) => ({
        ...buildDataSourceOptions(config.database, config.migrationsRun),
        logger: new TypeOrmLogger(),
        // A database that stops answering must not hold a request, or a
        // group-commit slot, forever: mysql2 drops the connection and the
        // request gets a 503. (Not for the CLI: a rebuild may take longer.)
        ...(config.database.type === 'mysql' && {
          maxQueryExecutionTime: config.queryTimeoutMs,
          enableQueryTimeout: true,
          subscribers: [DropTimedOutConnectionSubscriber],
          driver: mysql2WithSessionSettings({
            // A lock held elsewhere fails a statement early enough to retry it.
            lockWaitTimeoutS: config.lockWaitTimeoutS,
            causalReads: (await topologyOf(config.database.url)).galera,
          }),
        }),
        // Fail fast: main.ts turns the error into one clear line.
        toRetry: () => false,
      }),
      // TypeORM's migrationsRun, but under a lock, so replicas starting together do not race.
      dataSourceFactory: async (options) => {
        const { migrationsRun, ...rest } = options!;
        const dataSource = await new DataSource({
          ...rest,
          migrationsRun: false,
        }).initialize();
        if (migrationsRun) await runPendingMigrations(dataSource);
        else {
          // Said once at start-up; readiness answers 503 until they have run.
          const pending = await pendingMigrationNames(dataSource);
          if (pending.length > 0) {
            new Logger('Migrations').warn(
              `${describePending(pending)}; until then readiness and every request that uses the database answer 503`,
            );
          }
        }
        return dataSource;
      },
    }),
  ],
  providers: [...perDatabase, StatisticsRepository, DatabaseHealthRepository],
  exports: repositories,
})
export class DatabaseModule {}
