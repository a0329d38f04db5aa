import { Logger } from '@nestjs/common';
import * as mysql2 from 'mysql2';

const logger = new Logger('MysqlDriver');

/**
 * mysql2 as TypeORM loads it, except that every connection its pools open
 * first sets the session's InnoDB lock wait timeout. mysql2 has no option for
 * session variables; a pool's 'connection' event is where they go, and only a
 * wrapped createPool sees the pool before TypeORM opens its first connection.
 */
export function mysql2WithLockWaitTimeout(seconds: number): typeof mysql2 {
  return {
    ...mysql2,
    // TypeORM always passes options, never a URI.
    createPool: ((options: mysql2.PoolOptions) => {
      const pool = mysql2.createPool(options);
      pool.on('connection', (connection) => {
        // Queued before any query of the pool's users, on the same connection.
        connection.query(
          'SET SESSION innodb_lock_wait_timeout = ?',
          [seconds],
          (error) => {
            if (error)
              logger.warn(
                `could not set innodb_lock_wait_timeout: ${error.message}`,
              );
          },
        );
      });
      return pool;
    }) as typeof mysql2.createPool,
  };
}
