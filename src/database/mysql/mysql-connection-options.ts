import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../../config/app-config';

/** How long to wait for a MySQL connection before answering 503. */
export const CONNECT_TIMEOUT_MS = 2000;

export function mysqlConnectionOptions(
  database: Extract<DatabaseConfig, { type: 'mysql' }>,
): Partial<DataSourceOptions> {
  return {
    type: 'mysql',
    url: database.url,
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
