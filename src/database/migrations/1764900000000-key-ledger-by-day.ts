import { MigrationInterface, QueryRunner } from 'typeorm';
import type { MigrationDialect } from './migration-dialect';

/**
 * A ledger retention can shrink in O(1) and a check can read by day: on
 * MySQL/MariaDB the ledger is keyed by (stat_date, uuid) in month
 * partitions, uuids take 16 bytes, and `message_uuids` keeps each uuid once
 * (mysql/ledger-layout-migration.ts). SQLite removes rows in chunks and
 * keeps its ledger as it is.
 */
export class KeyLedgerByDay1764900000000 implements MigrationInterface {
  name = 'KeyLedgerByDay1764900000000';

  constructor(private readonly dialect: MigrationDialect) {}

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.dialect.keyLedgerByDay(queryRunner, new Date());
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.dialect.keyLedgerByUuid(queryRunner);
  }
}
