import { Logger } from '@nestjs/common';
import * as mysql2 from 'mysql2';

const logger = new Logger('MysqlDriver');

export interface SessionSettings {
  /** InnoDB's lock wait, short enough for a statement to fail and be retried. */
  lockWaitTimeoutS: number;
  /**
   * Galera: every read first waits until the node has applied what the
   * cluster committed before it (wsrep_sync_wait = 1), so a message
   * acknowledged by one node is readable at once on another.
   */
  causalReads: boolean;
}

/**
 * mysql2 as TypeORM loads it, except that every connection its pools open
 * first sets the session's variables. mysql2 has no option for session
 * variables; a pool's 'connection' event is where they go, and only a
 * wrapped createPool sees the pool before TypeORM opens its first connection.
 */
export function mysql2WithSessionSettings(
  settings: SessionSettings,
): typeof mysql2 {
  const statement = `SET SESSION innodb_lock_wait_timeout = ?${
    settings.causalReads ? ', wsrep_sync_wait = 1' : ''
  }`;
  return {
    ...mysql2,
    // TypeORM always passes options, never a URI.
    createPool: ((options: mysql2.PoolOptions) => {
      const pool = mysql2.createPool(options);
      pool.on('connection', (connection) => {
        // Queued before any query of the pool's users, on the same connection.
        connection.query(statement, [settings.lockWaitTimeoutS], (error) => {
          if (error)
            logger.warn(
              `could not set the session's variables: ${error.message}`,
            );
        });
      });
      return pool;
    }) as typeof mysql2.createPool,
  };
}
