import {
  MigrationInterface,
  QueryRunner,
  Table,
  TableColumnOptions,
} from 'typeorm';

/**
 * The ledger of counted messages and the daily counters. Written with the
 * Table API so one migration serves MySQL/MariaDB and SQLite; the few types
 * that must differ are spelled out per dialect below, frozen here on purpose
 * (a migration must not change when the entities do).
 */
export class CreateLedgerAndDailyStatistics1764100000000 implements MigrationInterface {
  name = 'CreateLedgerAndDailyStatistics1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.options.type === 'mysql';
    const uuid: Partial<TableColumnOptions> = mysql
      ? { type: 'char', length: '36', charset: 'ascii', collation: 'ascii_bin' }
      : { type: 'varchar', length: '36' };
    // Byte-exact keys: MySQL's text collations would merge "A", "a" and "A ".
    const messageType: Partial<TableColumnOptions> = mysql
      ? { type: 'varbinary', length: '256' }
      : { type: 'varchar', length: '64' };
    const counter: Partial<TableColumnOptions> = mysql
      ? { type: 'bigint', unsigned: true }
      : { type: 'bigint' };
    const receivedAt: Partial<TableColumnOptions> = mysql
      ? { type: 'datetime', precision: 3 }
      : { type: 'datetime' };

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
        // SQLite turns an overflowing integer sum into a float; refuse instead.
        checks: mysql
          ? []
          : [
              {
                name: 'chk_daily_statistics_exact_total',
                expression: `typeof("total_amount_milli") = 'integer'`,
              },
            ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('daily_statistics');
    await queryRunner.dropTable('messages');
  }
}
