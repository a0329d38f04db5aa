import { MigrationInterface, QueryRunner } from 'typeorm';
import type { MigrationDialect } from './migration-dialect';

/** The longest reason a void keeps, in Unicode characters. */
const REASON_LENGTH = 256;

/**
 * A counted message can be taken back: `voided_at` says when (null while it
 * counts) and `void_reason` why, if the client said. The row itself stays:
 * the ledger keeps what was counted and what was taken back. Both columns
 * are added without rewriting the table, so ingestion goes on meanwhile.
 */
export class AddVoids1764700000000 implements MigrationInterface {
  name = 'AddVoids1764700000000';

  constructor(private readonly dialect: MigrationDialect) {}

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.dialect.addNullableInstant(queryRunner, 'messages', 'voided_at');
    await this.dialect.addNullableText(
      queryRunner,
      'messages',
      'void_reason',
      REASON_LENGTH,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE messages DROP COLUMN void_reason');
    await queryRunner.query('ALTER TABLE messages DROP COLUMN voided_at');
  }
}
