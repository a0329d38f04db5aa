import type { DataSourceOptions, LoggerOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';
import type { ColumnTypes } from './column-types';
import { engineFor } from './database-engine';
import { dailyStatisticEntity } from './entities/daily-statistic.entity';
import { ledgerHorizonEntity } from './entities/ledger-horizon.entity';
import { messageEntity } from './entities/message.entity';
import { messageUuidEntity } from './entities/message-uuid.entity';
import { quarterHourStatisticEntity } from './entities/quarter-hour-statistic.entity';
import { rollupStatisticEntity } from './entities/rollup-statistic.entity';
import { MONTH, YEAR } from './periods';

function entities(types: ColumnTypes) {
  return [
    messageEntity(types),
    quarterHourStatisticEntity(types),
    dailyStatisticEntity(types),
    rollupStatisticEntity(types, MONTH),
    rollupStatisticEntity(types, YEAR),
    ledgerHorizonEntity,
    ...(types.ledgerKeyedByDay ? [messageUuidEntity(types)] : []),
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
    migrations: engine.migrations,
    migrationsTableName: 'typeorm_migrations',
    // Query errors are handled (a duplicate uuid is expected), not logged here.
    logging: ['warn', 'migration'] as LoggerOptions,
    entities: entities(engine.columnTypes),
    ...engine.connectionOptions(),
  } as DataSourceOptions;
}
