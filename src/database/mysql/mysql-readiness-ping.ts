import { createPool, Pool } from 'mysql2';
import type { ReadinessPing } from '../database-engine';
import { PING_TIMEOUT_MS, withPingTimeout } from '../ping-timeout';

/**
 * The ping has a connection of its own, outside the pool the requests
 * share: a pool busy with requests is not a database that is down, and
 * readiness must not say it is.
 */
export class MysqlReadinessPing implements ReadinessPing {
  private readonly pool: Pool;

  constructor(url: string) {
    this.pool = createPool({
      uri: url,
      connectionLimit: 1,
      connectTimeout: PING_TIMEOUT_MS,
      enableKeepAlive: true,
    });
  }

  ping(): Promise<boolean> {
    return withPingTimeout(this.pingOwnConnection());
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.pool.end(() => resolve()));
  }

  /**
   * A connection whose ping failed or timed out is destroyed rather than
   * given back: mysql2 would leave it waiting for the answer, and every
   * later ping would wait behind it.
   */
  private pingOwnConnection(): Promise<boolean> {
    return new Promise((resolve) => {
      this.pool.getConnection((error, connection) => {
        if (error) return resolve(false);
        connection.query(
          { sql: 'SELECT 1', timeout: PING_TIMEOUT_MS },
          (failure) => {
            if (failure) connection.destroy();
            else connection.release();
            resolve(!failure);
          },
        );
      });
    });
  }
}
