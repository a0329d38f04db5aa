import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';
import { DropTimedOutConnectionSubscriber } from './drop-timed-out-connection.subscriber';
import { mysql2WithLockWaitTimeout } from './mysql-driver';
import { runPendingMigrations } from './run-migrations';
import { TypeOrmLogger } from './typeorm-logger';
import { DatabaseHealthRepository } from './repositories/database-health.repository';
import { MessageLedgerRepository } from './repositories/message-ledger.repository';
import { StatisticsRepository } from './repositories/statistics.repository';

const repositories = [
  MessageLedgerRepository,
  StatisticsRepository,
  DatabaseHealthRepository,
];

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions(config.database, config.migrationsRun),
        logger: new TypeOrmLogger(),
        // A database that stops answering must not hold a request, or a
        // group-commit slot, forever: mysql2 drops the connection and the
        // request gets a 503. (Not for the CLI: a rebuild may take longer.)
        ...(config.database.type === 'mysql' && {
          maxQueryExecutionTime: config.queryTimeoutMs,
          enableQueryTimeout: true,
          subscribers: [DropTimedOutConnectionSubscriber],
          // A lock held elsewhere fails a statement early enough to retry it.
          driver: mysql2WithLockWaitTimeout(config.lockWaitTimeoutS),
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
        return dataSource;
      },
    }),
  ],
  providers: repositories,
  exports: repositories,
})
export class DatabaseModule {}
