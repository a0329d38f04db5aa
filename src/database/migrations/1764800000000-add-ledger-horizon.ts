import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * The ledger's horizon: the first event day whose messages it still holds
 * in full. Retention moves it forward, in its own committed step, before it
 * removes the days behind it; checks and rebuilds from the ledger read it,
 * so that a day whose rows are going is refused, never found to differ.
 * One row; a ledger that has lost nothing starts at the calendar's first day.
 */
export class AddLedgerHorizon1764800000000 implements MigrationInterface {
  name = 'AddLedgerHorizon1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'ledger_horizon',
        columns: [
          { name: 'id', type: 'smallint', isPrimary: true },
          { name: 'first_kept_day', type: 'date' },
        ],
      }),
    );
    await queryRunner.query(
      `INSERT INTO ledger_horizon (id, first_kept_day) VALUES (1, '0001-01-01')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('ledger_horizon');
  }
}
