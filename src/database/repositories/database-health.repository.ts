import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createPool, Pool } from 'mysql2';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { pendingMigrationNames } from '../run-migrations';

const PING_TIMEOUT_MS = 2000;

/**
 * Whether the database answers. On MySQL the ping has a connection of its
 * own, outside the pool the requests share: a pool busy with requests is
 * not a database that is down, and readiness must not say it is. On SQLite
 * the database is a file in this process.
 */
@Injectable()
export class DatabaseHealthRepository implements OnModuleDestroy {
  private readonly pool?: Pool;
  /** Once the schema is seen up to date, it stays so: migrations only add. */
  private schemaUpToDate = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    if (config.database.type === 'mysql') {
      this.pool = createPool({
        uri: config.database.url,
        connectionLimit: 1,
        connectTimeout: PING_TIMEOUT_MS,
        enableKeepAlive: true,
      });
    }
  }

  /** True when the database answers a trivial query within two seconds. */
  async ping(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
    });
    try {
      return await Promise.race([
        this.pool ? this.pingOwnConnection(this.pool) : this.pingDataSource(),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The build's migrations the database lacks (MIGRATIONS_RUN=false and
   * they have not run yet); none once they have.
   */
  async pendingMigrations(): Promise<string[]> {
    if (this.schemaUpToDate) return [];
    const pending = await pendingMigrationNames(this.dataSource);
    this.schemaUpToDate = pending.length === 0;
    return pending;
  }

  async onModuleDestroy(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (this.pool) this.pool.end(() => resolve());
      else resolve();
    });
  }

  private pingDataSource(): Promise<boolean> {
    return this.dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    );
  }

  /**
   * A connection whose ping failed or timed out is destroyed rather than
   * given back: mysql2 would leave it waiting for the answer, and every
   * later ping would wait behind it.
   */
  private pingOwnConnection(pool: Pool): Promise<boolean> {
    return new Promise((resolve) => {
      pool.getConnection((error, connection) => {
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
