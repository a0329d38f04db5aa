import type { DataSourceOptions, LoggerOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';
import type { ColumnTypes } from './column-types';
import { engineFor } from './database-engine';
import { dailyStatisticEntity } from './entities/daily-statistic.entity';
import { messageEntity } from './entities/message.entity';
import { rollupStatisticEntity } from './entities/rollup-statistic.entity';
import { CreateLedgerAndDailyStatistics1764100000000 } from './migrations/1764100000000-create-ledger-and-daily-statistics';
import { AddMonthlyStatistics1764200000000 } from './migrations/1764200000000-add-monthly-statistics';
import { KeyDailyStatisticsByDay1764300000000 } from './migrations/1764300000000-key-daily-statistics-by-day';
import { AddCounterSlots1764400000000 } from './migrations/1764400000000-add-counter-slots';
import { AddYearlyStatistics1764500000000 } from './migrations/1764500000000-add-yearly-statistics';
import { MONTH, YEAR } from './periods';

const migrations = [
  CreateLedgerAndDailyStatistics1764100000000,
  AddMonthlyStatistics1764200000000,
  KeyDailyStatisticsByDay1764300000000,
  AddCounterSlots1764400000000,
  AddYearlyStatistics1764500000000,
];

function entities(types: ColumnTypes) {
  return [
    messageEntity(types),
    dailyStatisticEntity(types),
    rollupStatisticEntity(types, MONTH),
    rollupStatisticEntity(types, YEAR),
  ];
}

/** The one place DataSource options are made: used by the app and the CLI alike. */
export function buildDataSourceOptions(
  database: DatabaseConfig,
): DataSourceOptions {
  const engine = engineFor(database);
  return {
    synchronize: false,
    // Run by the database module under a lock, or by the migrate command.
    migrationsRun: false,
    migrations,
    migrationsTableName: 'typeorm_migrations',
    // Query errors are handled (a duplicate uuid is expected), not logged here.
    logging: ['warn', 'migration'] as LoggerOptions,
    entities: entities(engine.columnTypes),
    ...engine.connectionOptions(),
  } as DataSourceOptions;
}
