import type { DataSourceOptions, LoggerOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';
import { Dialect } from './dialect';
import { dailyStatisticEntity } from './entities/daily-statistic.entity';
import { messageEntity } from './entities/message.entity';
import { rollupStatisticEntity } from './entities/rollup-statistic.entity';
import { CreateLedgerAndDailyStatistics1764100000000 } from './migrations/1764100000000-create-ledger-and-daily-statistics';
import { AddMonthlyStatistics1764200000000 } from './migrations/1764200000000-add-monthly-statistics';
import { KeyDailyStatisticsByDay1764300000000 } from './migrations/1764300000000-key-daily-statistics-by-day';
import { AddCounterSlots1764400000000 } from './migrations/1764400000000-add-counter-slots';
import { AddYearlyStatistics1764500000000 } from './migrations/1764500000000-add-yearly-statistics';

/** How long to wait for a MySQL connection before answering 503. */
export const CONNECT_TIMEOUT_MS = 2000;

const migrations = [
  CreateLedgerAndDailyStatistics1764100000000,
  AddMonthlyStatistics1764200000000,
  KeyDailyStatisticsByDay1764300000000,
  AddCounterSlots1764400000000,
  AddYearlyStatistics1764500000000,
];

function entities(dialect: Dialect) {
  return [
    messageEntity(dialect),
    dailyStatisticEntity(dialect),
    rollupStatisticEntity(dialect, 'month'),
    rollupStatisticEntity(dialect, 'year'),
  ];
}

/** The one place DataSource options are made: used by the app and the TypeORM CLI alike. */
export function buildDataSourceOptions(
  database: DatabaseConfig,
  migrationsRun = false,
): DataSourceOptions {
  const common = {
    synchronize: false,
    migrationsRun,
    migrations,
    migrationsTableName: 'typeorm_migrations',
    // Query errors are handled (a duplicate uuid is expected), not logged here.
    logging: ['warn', 'migration'] as LoggerOptions,
  };
  if (database.type === 'sqlite') {
    return {
      ...common,
      type: 'better-sqlite3',
      database: database.path,
      entities: entities('sqlite'),
      enableWAL: database.path !== ':memory:',
      // A few writers (say, the CLI beside the service) wait rather than fail.
      timeout: 5000,
    };
  }
  return {
    ...common,
    type: 'mysql',
    url: database.url,
    entities: entities('mysql'),
    charset: 'utf8mb4',
    // Instants are stored and read as UTC strings; DATE stays 'YYYY-MM-DD'.
    timezone: 'Z',
    dateStrings: true,
    // BIGINT and DECIMAL arrive as strings, never as lossy numbers.
    supportBigNumbers: true,
    bigNumberStrings: true,
    poolSize: database.poolSize,
    // The ledger sends a whole transaction in one round trip. Every statement
    // of the service binds its values as parameters, never as SQL text.
    multipleStatements: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    // mysql2 captures a stack trace for every query (`trace`) to decorate a
    // failed query's error: about a tenth of a statistics read's JavaScript.
    // Driver errors are told apart by their code, never by those frames.
    extra: { enableKeepAlive: true, trace: false },
  };
}
