import { MigrationInterface, QueryRunner } from 'typeorm';
import type { MigrationDialect } from './migration-dialect';

/**
 * The ledger keeps a message's own timestamp beside its receive time:
 * `event_at`, null when the message was sent without one (it then happened
 * when it was received). Rows counted before keep null, which says exactly
 * that, so nothing is back-filled: the column is added without rewriting
 * the table, and ingestion goes on meanwhile. `stat_date` stays the day a
 * message counts on, now its event time's UTC day.
 */
export class AddEventTime1764600000000 implements MigrationInterface {
  name = 'AddEventTime1764600000000';

  constructor(private readonly dialect: MigrationDialect) {}

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.dialect.addNullableInstant(queryRunner, 'messages', 'event_at');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE messages DROP COLUMN event_at');
  }
}
