import './src/config/supported-node';
import { DataSource } from 'typeorm';
import { AppConfig } from './src/config/app-config';
import { buildDataSourceOptions } from './src/database/data-source-options';

/** The TypeORM CLI's DataSource, built from the app's own options and DATABASE_URL. */
export default new DataSource(
  buildDataSourceOptions(AppConfig.fromEnv().database),
);
