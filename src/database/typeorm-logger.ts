import { Logger as NestLogger } from '@nestjs/common';
import type { Logger } from 'typeorm';

/** Enough of a statement to recognise it; a batch insert runs to kilobytes. */
const MAX_QUERY_CHARS = 200;

/**
 * TypeORM's slow-query warnings, its other warnings and the migrations it
 * runs, as the service's own log lines (JSON, through Nest's logger) rather
 * than TypeORM's console text. Query errors are not logged here: the service
 * expects some (a duplicate uuid) and answers or logs the others itself.
 * Parameters are never logged, only the statement.
 */
export class TypeOrmLogger implements Logger {
  private readonly logger = new NestLogger('TypeORM');

  logQuery(): void {}

  logQueryError(): void {}

  logSchemaBuild(): void {}

  logQuerySlow(time: number, query: string): void {
    const statement = query.replace(/\s+/g, ' ');
    this.logger.warn(
      `query took ${time} ms: ${
        statement.length > MAX_QUERY_CHARS
          ? `${statement.slice(0, MAX_QUERY_CHARS)}…`
          : statement
      }`,
    );
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}
