import {
  MigrationInterface,
  QueryRunner,
  Table,
  TableColumnOptions,
} from 'typeorm';
import type { MigrationDialect } from './migration-dialect';

/**
 * The ledger of counted messages and the daily counters. Written with the
 * Table API so one migration serves both databases; the few types that
 * differ come from the database's MigrationDialect, frozen there on
 * purpose (a migration must not change when the entities do).
 */
export class CreateLedgerAndDailyStatistics1764100000000 implements MigrationInterface {
  name = 'CreateLedgerAndDailyStatistics1764100000000';

  constructor(private readonly dialect: MigrationDialect) {}

  async up(queryRunner: QueryRunner): Promise<void> {
    const { uuid, messageType, counter, receivedAt } = this.dialect.types;

    await queryRunner.createTable(
      new Table({
        name: 'messages',
        columns: [
          { name: 'uuid', ...uuid, isPrimary: true } as TableColumnOptions,
          { name: 'customer_id', ...counter } as TableColumnOptions,
          { name: 'type', ...messageType } as TableColumnOptions,
          { name: 'amount_milli', ...counter } as TableColumnOptions,
          { name: 'stat_date', type: 'date' },
          { name: 'received_at', ...receivedAt } as TableColumnOptions,
        ],
        indices: [
          { name: 'idx_messages_stat_date', columnNames: ['stat_date'] },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'daily_statistics',
        columns: [
          {
            name: 'customer_id',
            ...counter,
            isPrimary: true,
          } as TableColumnOptions,
          {
            name: 'type',
            ...messageType,
            isPrimary: true,
          } as TableColumnOptions,
          { name: 'stat_date', type: 'date', isPrimary: true },
          { name: 'message_count', ...counter } as TableColumnOptions,
          { name: 'total_amount_milli', ...counter } as TableColumnOptions,
        ],
        indices: [
          {
            name: 'idx_daily_statistics_date',
            columnNames: ['stat_date', 'customer_id', 'type'],
          },
        ],
        checks: this.dialect.exactTotalChecks('daily_statistics'),
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('daily_statistics');
    await queryRunner.dropTable('messages');
  }
}
