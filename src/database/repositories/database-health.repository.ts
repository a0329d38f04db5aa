import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  DATABASE_ENGINE,
  DatabaseEngine,
  ReadinessPing,
} from '../database-engine';
import { pendingMigrationNames } from '../run-migrations';

/** Whether the database answers, and whether its schema is this build's. */
@Injectable()
export class DatabaseHealthRepository implements OnModuleDestroy {
  private readonly readiness: ReadinessPing;
  /** Once the schema is seen up to date, it stays so: migrations only add. */
  private schemaUpToDate = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DATABASE_ENGINE) engine: DatabaseEngine,
  ) {
    this.readiness = engine.readinessPing(dataSource);
  }

  /** True when the database answers a trivial query within two seconds. */
  ping(): Promise<boolean> {
    return this.readiness.ping();
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

  onModuleDestroy(): Promise<void> {
    return this.readiness.close();
  }
}
