import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, QueryRunner } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { readText, readUuid } from '../src/database/repositories/sql-values';
import { aMessage } from './support/message-factory';
import { createTestApp } from './support/test-app';
import {
  assertTestDatabaseName,
  createTestDatabase,
  TestDatabase,
} from './support/test-database';

const UPGRADED = 'b1e55ed0-0000-4000-8000-000000000001';
const UPGRADED_VOID = 'b1e55ed0-0000-4000-8000-000000000002';

describe(`the migrations (${process.env.E2E_DATABASE})`, () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(
      buildDataSourceOptions(database.config),
    ).initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('apply to an empty database', async () => {
    expect(await dataSource.showMigrations()).toBe(true);

    const applied = await dataSource.runMigrations();

    expect(applied.map((migration) => migration.name)).toEqual([
      'CreateLedgerAndDailyStatistics1764100000000',
      'AddMonthlyStatistics1764200000000',
      'KeyDailyStatisticsByDay1764300000000',
      'AddCounterSlots1764400000000',
      'AddYearlyStatistics1764500000000',
      'AddEventTime1764600000000',
      'AddVoids1764700000000',
      'AddLedgerHorizon1764800000000',
      'KeyLedgerByDay1764900000000',
      'AddQuarterHourStatistics1765000000000',
    ]);
    expect(await dataSource.showMigrations()).toBe(false);
    for (const table of [
      'messages',
      'quarter_hour_statistics',
      'daily_statistics',
      'monthly_statistics',
      'yearly_statistics',
      'ledger_horizon',
    ]) {
      expect(await schemaOf(dataSource).hasTable(table)).toBe(true);
    }
    // Nothing removed yet: the ledger holds every day.
    expect(
      (
        await dataSource.query<Array<Record<string, unknown>>>(
          'SELECT id, first_kept_day, first_quarter_hour_day FROM ledger_horizon',
        )
      ).map((row) => [
        Number(row.id),
        String(row.first_kept_day),
        String(row.first_quarter_hour_day),
      ]),
    ).toEqual([[1, '0001-01-01', '0001-01-01']]);
  });

  it('leave the schema exactly as the entities describe it', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    // TypeORM connected as "mysql" to MariaDB reads a nullable column's
    // default back as the text 'NULL' and wants to restate it each time
    // (typeorm/typeorm#8576): not a difference. The column is checked below.
    const restatesNull =
      /^ALTER TABLE `(\w+)` CHANGE `(\w+)` `\2` [\w() ]+(?: CHARACTER SET "\w+" COLLATE "\w+")? NULL$/;
    expect(
      pending.upQueries
        .map((query) => query.query)
        .filter((query) => !restatesNull.test(query)),
    ).toEqual([]);
    const ledger = (await schemaOf(dataSource).getTable('messages'))!;
    expect(
      ['event_at', 'voided_at', 'void_reason'].map((name) => {
        const column = ledger.findColumnByName(name)!;
        return {
          name,
          nullable: column.isNullable,
          type: column.type,
          length: column.length,
          ...(column.collation && { collation: column.collation }),
        };
      }),
    ).toEqual([
      { name: 'event_at', nullable: true, type: 'datetime', length: '' },
      { name: 'voided_at', nullable: true, type: 'datetime', length: '' },
      {
        name: 'void_reason',
        nullable: true,
        type: 'varchar',
        length: '256',
        // Byte-exact on MySQL; SQLite's text compares bytes already.
        ...(process.env.E2E_DATABASE === 'mysql' && {
          collation: 'utf8mb4_bin',
        }),
      },
    ]);
  });

  it('revert cleanly, folding the slots of each counter into one row', async () => {
    await dataSource.undoLastMigration();
    expect(await schemaOf(dataSource).hasTable('quarter_hour_statistics')).toBe(
      false,
    );
    expect(
      await schemaOf(dataSource).hasColumn(
        'ledger_horizon',
        'first_quarter_hour_day',
      ),
    ).toBe(false);
    await dataSource.undoLastMigration();
    expect(await schemaOf(dataSource).hasTable('message_uuids')).toBe(false);
    expect(await primaryKey(dataSource, 'messages')).toEqual(['uuid']);
    await dataSource.undoLastMigration();
    expect(await schemaOf(dataSource).hasTable('ledger_horizon')).toBe(false);
    await dataSource.undoLastMigration();
    for (const column of ['voided_at', 'void_reason']) {
      expect(await schemaOf(dataSource).hasColumn('messages', column)).toBe(
        false,
      );
    }
    await dataSource.undoLastMigration();
    expect(await schemaOf(dataSource).hasColumn('messages', 'event_at')).toBe(
      false,
    );
    await dataSource.undoLastMigration();
    expect(await schemaOf(dataSource).hasTable('yearly_statistics')).toBe(
      false,
    );
    for (const [slot, count, milli] of [
      [0, 2, '1500'],
      [1, 3, '999999999999999999'],
      [2, 1, '1'],
    ] as const) {
      await dataSource.query(
        'INSERT INTO daily_statistics (customer_id, type, stat_date, slot, message_count, total_amount_milli) VALUES (?, ?, ?, ?, ?, ?)',
        [7, 'A', '2026-01-31', slot, count, milli],
      );
      await dataSource.query(
        'INSERT INTO monthly_statistics (stat_month, customer_id, type, slot, message_count, total_amount_milli) VALUES (?, ?, ?, ?, ?, ?)',
        ['2026-01-01', 7, 'A', slot, count, milli],
      );
    }
    await dataSource.query(
      "INSERT INTO daily_statistics (customer_id, type, stat_date, slot, message_count, total_amount_milli) VALUES (7, 'B', '2026-01-31', 1, 5, '5')",
    );

    await dataSource.undoLastMigration();

    expect(await primaryKey(dataSource, 'daily_statistics')).toEqual([
      'stat_date',
      'customer_id',
      'type',
    ]);
    expect(await primaryKey(dataSource, 'monthly_statistics')).toEqual([
      'stat_month',
      'customer_id',
      'type',
    ]);
    expect(await counters(dataSource, 'daily_statistics', 'stat_date')).toEqual(
      ['2026-01-31 7 A 6 1000000000000001500', '2026-01-31 7 B 5 5'],
    );
    expect(
      await counters(dataSource, 'monthly_statistics', 'stat_month'),
    ).toEqual(['2026-01-01 7 A 6 1000000000000001500']);
    await dataSource.query('DELETE FROM daily_statistics');
    await dataSource.query('DELETE FROM monthly_statistics');

    await dataSource.undoLastMigration();
    expect(await primaryKey(dataSource, 'daily_statistics')).toEqual([
      'customer_id',
      'type',
      'stat_date',
    ]);
    await dataSource.undoLastMigration();
    expect(await schemaOf(dataSource).hasTable('monthly_statistics')).toBe(
      false,
    );
    await dataSource.undoLastMigration();
    expect(await schemaOf(dataSource).hasTable('messages')).toBe(false);
    expect(await schemaOf(dataSource).hasTable('daily_statistics')).toBe(false);
  });
});

describe(`upgrading from the daily counters alone (${process.env.E2E_DATABASE})`, () => {
  it('back-fills the monthly counters from the daily ones, month by month, re-keys the daily ones day first, adds the counter slots and back-fills the yearly counters, keeping every row', async () => {
    const database = await upgradeDatabase();
    await atFirstMigration(database, async (before) => {
      // Days across three months and a year's end, two customers, byte-distinct types.
      for (const [customer, type, day, count, milli] of [
        [1, 'A', '2025-12-31', 2, '1500'],
        [1, 'A', '2026-01-01', 1, '1'],
        [1, 'A', '2026-01-31', 3, '999999999999999999'],
        [1, 'a', '2026-01-15', 1, '7'],
        [2, '', '2026-03-01', 4, '4000'],
        // The calendar's last day: its month and year end there too.
        [3, 'Z', '9999-12-31', 1, '9'],
      ] as const) {
        await before.query(
          'INSERT INTO daily_statistics (customer_id, type, stat_date, message_count, total_amount_milli) VALUES (?, ?, ?, ?, ?)',
          [customer, type, day, count, milli],
        );
      }
    });
    const app = await createTestApp({ database: database.config });
    try {
      expect(
        await counters(app.dataSource, 'monthly_statistics', 'stat_month'),
      ).toEqual([
        '2025-12-01 1 A 2 1500',
        '2026-01-01 1 A 4 1000000000000000000',
        '2026-01-01 1 a 1 7',
        '2026-03-01 2  4 4000',
        '9999-12-01 3 Z 1 9',
      ]);
      expect(
        await counters(app.dataSource, 'daily_statistics', 'stat_date'),
      ).toEqual([
        '2025-12-31 1 A 2 1500',
        '2026-01-01 1 A 1 1',
        '2026-01-15 1 a 1 7',
        '2026-01-31 1 A 3 999999999999999999',
        '2026-03-01 2  4 4000',
        '9999-12-31 3 Z 1 9',
      ]);
      expect(await primaryKey(app.dataSource, 'daily_statistics')).toEqual([
        'stat_date',
        'customer_id',
        'type',
        'slot',
      ]);
      expect(await primaryKey(app.dataSource, 'monthly_statistics')).toEqual([
        'stat_month',
        'customer_id',
        'type',
        'slot',
      ]);
      expect(
        await counters(app.dataSource, 'yearly_statistics', 'stat_year'),
      ).toEqual([
        '2025-01-01 1 A 2 1500',
        '2026-01-01 1 A 4 1000000000000000000',
        '2026-01-01 1 a 1 7',
        '2026-01-01 2  4 4000',
        '9999-01-01 3 Z 1 9',
      ]);
    } finally {
      await app.close();
      await database.drop();
    }
  });

  it('keeps a month whose days total past 2^63 - 1 thousandths on MySQL, and on SQLite refuses to start, naming it', async () => {
    const database = await upgradeDatabase();
    const options = buildDataSourceOptions(database.config);
    await atFirstMigration(database, async (before) => {
      // Each day fits a SQLite counter; the two days together do not.
      for (const day of ['2026-11-01', '2026-11-02']) {
        await before.query(
          'INSERT INTO daily_statistics (customer_id, type, stat_date, message_count, total_amount_milli) VALUES (?, ?, ?, ?, ?)',
          [7, 'A', day, 5000, '5000000000000000000'],
        );
      }
    });
    try {
      const started = createTestApp({ database: database.config });
      if (database.config.type === 'mysql') {
        const app = await started;
        expect(
          await counters(app.dataSource, 'monthly_statistics', 'stat_month'),
        ).toEqual(['2026-11-01 7 A 10000 10000000000000000000']);
        await app.close();
      } else {
        await expect(started).rejects.toThrow(
          /^cannot add the monthly counters: in 2026-11, customer 7's type "A" totals about 1\.000e\+16, more than .* SQLite counter holds\. Move the data to MySQL\/MariaDB/,
        );
        const after = await new DataSource(options).initialize();
        try {
          // Nothing of the failed upgrade stays: the next build can try again.
          expect(await after.showMigrations()).toBe(true);
          expect(
            await counters(after, 'daily_statistics', 'stat_date'),
          ).toHaveLength(2);
        } finally {
          await after.destroy();
        }
      }
    } finally {
      await database.drop();
    }
  });
});

describe(`upgrading from counters in slots (${process.env.E2E_DATABASE})`, () => {
  it("back-fills each yearly counter's slots from its months' slots, year by year", async () => {
    const database = await upgradeDatabase();
    const options = buildDataSourceOptions(database.config);
    const migrations = options.migrations as Array<new () => unknown>;
    const before = await new DataSource({
      ...options,
      // Up to the slots, before the yearly counters.
      migrations: migrations.slice(0, 4),
    }).initialize();
    try {
      await before.runMigrations();
      // Two writers' slots, months across a year's end, a total past 2^53.
      for (const [month, slot, count, milli] of [
        ['2025-11-01', 0, 1, '5'],
        ['2025-12-01', 0, 2, '999999999999999999'],
        ['2025-12-01', 1, 3, '7'],
        ['2026-01-01', 1, 4, '8'],
        ['2026-02-01', 1, 5, '9'],
      ] as const) {
        await before.query(
          'INSERT INTO monthly_statistics (stat_month, customer_id, type, slot, message_count, total_amount_milli) VALUES (?, ?, ?, ?, ?, ?)',
          [month, 3, 'T', slot, count, milli],
        );
      }
    } finally {
      await before.destroy();
    }
    const after = await new DataSource(options).initialize();
    try {
      await after.runMigrations();
      expect(await counters(after, 'yearly_statistics', 'stat_year')).toEqual(
        [
          '2025-01-01 3 T 3 1000000000000000004',
          '2025-01-01 3 T 3 7',
          '2026-01-01 3 T 9 17',
        ].sort(),
      );
      expect(await primaryKey(after, 'yearly_statistics')).toEqual([
        'stat_year',
        'customer_id',
        'type',
        'slot',
      ]);
    } finally {
      await after.destroy();
      await database.drop();
    }
  });
});

describe(`upgrading a ledger without event times (${process.env.E2E_DATABASE})`, () => {
  it('keeps every message, each happening when it arrived, and counts new ones by their own time', async () => {
    const database = await upgradeDatabase();
    const options = buildDataSourceOptions(database.config);
    const migrations = options.migrations as Array<new () => unknown>;
    const before = await new DataSource({
      ...options,
      migrations: migrations.slice(0, 5),
    }).initialize();
    try {
      await before.runMigrations();
      await before.query(
        'INSERT INTO messages (uuid, customer_id, type, amount_milli, stat_date, received_at) VALUES (?, ?, ?, ?, ?, ?)',
        [UPGRADED, 4, 'E', 1500, '2026-11-20', '2026-11-20 23:59:59.999'],
      );
    } finally {
      await before.destroy();
    }
    const t = await createTestApp({ database: database.config });
    try {
      expect(
        (await t.http().get(`/messages/${UPGRADED}`).expect(200)).body,
      ).toEqual({
        uuid: UPGRADED,
        customerId: 4,
        type: 'E',
        amount: '1.500',
        date: '2026-11-20',
        receivedAt: '2026-11-20T23:59:59.999Z',
      });
      // Sent again as it was first sent, without a timestamp: a duplicate.
      await t
        .http()
        .post('/messages')
        .send({ customerId: 4, type: 'E', amount: '1.5', uuid: UPGRADED })
        .expect(200);
    } finally {
      await t.close();
      await database.drop();
    }
  });
});

describe(`upgrading a ledger keyed by its uuid alone (${process.env.E2E_DATABASE})`, () => {
  it('keeps every row, answers and deduplicates by uuid as before, and goes back unchanged', async () => {
    const database = await upgradeDatabase();
    const options = buildDataSourceOptions(database.config);
    const migrations = options.migrations as Array<new () => unknown>;
    const mysql = process.env.E2E_DATABASE === 'mysql';
    // More rows than one chunk of the copy (20,000), on days before the
    // layout's first month (the first partition) and in its months.
    const days = ['2023-05-31', '2026-10-01', '2026-11-30'];
    const rows = Array.from({ length: 45_001 }, (_, i) => [
      randomUUID(),
      1 + (i % 7),
      i % 3 === 0 ? '' : 'A',
      i * 7,
      days[i % days.length],
      `${days[i % days.length]} 12:00:00.000`,
    ]);
    const before = await new DataSource({
      ...options,
      migrations: migrations.slice(0, 8),
    }).initialize();
    let snapshot: string[];
    try {
      await before.runMigrations();
      for (let i = 0; i < rows.length; i += 1000) {
        const chunk = rows.slice(i, i + 1000);
        await before.query(
          `INSERT INTO messages (uuid, customer_id, type, amount_milli, stat_date, received_at) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
          chunk.flat(),
        );
      }
      await before.query(
        `INSERT INTO messages (uuid, customer_id, type, amount_milli, stat_date, received_at, event_at, voided_at, void_reason) VALUES (?, 4, 'E', 1500, '2026-11-30', '2026-11-30 12:00:00.000', '2026-11-30 11:59:59.999', '2026-12-01 08:00:00.000', 'sent twice')`,
        [UPGRADED_VOID],
      );
      snapshot = await ledgerOf(before);
    } finally {
      await before.destroy();
    }
    expect(snapshot).toHaveLength(45_002);

    const t = await createTestApp({ database: database.config });
    try {
      expect(await ledgerOf(t.dataSource)).toEqual(snapshot);
      expect(
        (await t.http().get(`/messages/${UPGRADED_VOID}`).expect(200)).body,
      ).toEqual({
        uuid: UPGRADED_VOID,
        customerId: 4,
        type: 'E',
        amount: '1.500',
        date: '2026-11-30',
        timestamp: '2026-11-30T11:59:59.999Z',
        receivedAt: '2026-11-30T12:00:00.000Z',
        voidedAt: '2026-12-01T08:00:00.000Z',
        voidReason: 'sent twice',
      });
      const [uuid, customerId, type, milli] = rows[45_000] as [
        string,
        number,
        string,
        number,
      ];
      // An old uuid sent again as it was: known, so not counted again.
      expect(
        (
          await t
            .http()
            .post('/messages')
            .send({ customerId, type, amount: String(milli / 1000), uuid })
            .expect(200)
        ).body,
      ).toMatchObject({ uuid, status: 'duplicate' });
      if (mysql) {
        expect(await t.countRows('message_uuids')).toBe(45_002);
        const [first] = await t.dataSource.query<Array<{ n: unknown }>>(
          'SELECT COUNT(*) AS n FROM messages PARTITION (p_before)',
        );
        expect(Number(first.n)).toBe(15_001);
      }
    } finally {
      await t.close();
    }

    const after = await new DataSource(options).initialize();
    try {
      await after.undoLastMigration(); // the quarter hours
      await after.undoLastMigration();
      expect(await ledgerOf(after)).toEqual(snapshot);
      expect(await schemaOf(after).hasTable('message_uuids')).toBe(false);
    } finally {
      await after.destroy();
      await database.drop();
    }
  });
});

describe(`upgrading counters without quarter hours (${process.env.E2E_DATABASE})`, () => {
  it("back-fills the quarter hours of the days the ledger keeps, from each message's own time, and records the first day it could", async () => {
    const database = await upgradeDatabase();
    const options = buildDataSourceOptions(database.config);
    const migrations = options.migrations as Array<new () => unknown>;
    const mysql = process.env.E2E_DATABASE === 'mysql';
    const uuid = (text: string) =>
      mysql ? Buffer.from(text.replace(/-/g, ''), 'hex') : text;
    const before = await new DataSource({
      ...options,
      migrations: migrations.slice(0, 9),
    }).initialize();
    try {
      await before.runMigrations();
      // Retention removed February's ledger; its counters stay.
      await before.query(
        "UPDATE ledger_horizon SET first_kept_day = '2026-03-01' WHERE id = 1",
      );
      await before.query(
        `INSERT INTO daily_statistics (stat_date, customer_id, type, slot, message_count, total_amount_milli) VALUES
('2026-02-10', 9, 'old', 0, 1, 1000), ('2026-03-15', 1, 'A', 0, 3, 7000), ('2026-03-31', 1, 'A', 0, 1, 16000)`,
      );
      for (const [
        id,
        customerId,
        type,
        milli,
        day,
        receivedAt,
        eventAt,
        voidedAt,
      ] of [
        // No own time: its arrival's quarter, 10:00–10:15 (40).
        [
          'c0ffee00-0000-4000-8000-000000000001',
          1,
          'A',
          1000,
          '2026-03-15',
          '2026-03-15 10:00:00.000',
          null,
          null,
        ],
        [
          'c0ffee00-0000-4000-8000-000000000002',
          1,
          'A',
          4000,
          '2026-03-15',
          '2026-03-15 10:14:59.999',
          null,
          null,
        ],
        // Arrived the next day; its own time is the day's last quarter (95).
        [
          'c0ffee00-0000-4000-8000-000000000003',
          1,
          'A',
          2000,
          '2026-03-15',
          '2026-03-16 00:05:00.000',
          '2026-03-15 23:59:59.999',
          null,
        ],
        // Voided: in no counter.
        [
          'c0ffee00-0000-4000-8000-000000000004',
          2,
          '',
          8000,
          '2026-03-15',
          '2026-03-15 10:15:00.000',
          null,
          '2026-03-15 11:00:00.000',
        ],
        [
          'c0ffee00-0000-4000-8000-000000000005',
          1,
          'A',
          16000,
          '2026-03-31',
          '2026-03-31 00:00:00.000',
          null,
          null,
        ],
      ] as const) {
        await before.query(
          'INSERT INTO messages (uuid, customer_id, type, amount_milli, stat_date, received_at, event_at, voided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          [
            uuid(id),
            customerId,
            type,
            milli,
            day,
            receivedAt,
            eventAt,
            voidedAt,
          ],
        );
      }
    } finally {
      await before.destroy();
    }

    const after = await new DataSource(options).initialize();
    try {
      expect(
        (await after.runMigrations()).map((migration) => migration.name),
      ).toEqual(['AddQuarterHourStatistics1765000000000']);
      const quarters = await after.query<Array<Record<string, unknown>>>(
        'SELECT stat_date, quarter, customer_id, type, slot, message_count, total_amount_milli FROM quarter_hour_statistics ORDER BY stat_date, quarter, customer_id',
      );
      expect(
        quarters.map((row) =>
          [
            String(row.stat_date).slice(0, 10),
            row.quarter,
            row.customer_id,
            readText(row.type),
            row.slot,
            row.message_count,
            row.total_amount_milli,
          ].map(String),
        ),
      ).toEqual([
        ['2026-03-15', '40', '1', 'A', '0', '2', '5000'],
        ['2026-03-15', '95', '1', 'A', '0', '1', '2000'],
        ['2026-03-31', '0', '1', 'A', '0', '1', '16000'],
      ]);
      const [horizon] = await after.query<Array<Record<string, unknown>>>(
        'SELECT first_kept_day, first_quarter_hour_day FROM ledger_horizon WHERE id = 1',
      );
      expect([
        String(horizon.first_kept_day),
        String(horizon.first_quarter_hour_day),
      ]).toEqual(['2026-03-01', '2026-03-01']);

      await after.undoLastMigration();
      expect(await schemaOf(after).hasTable('quarter_hour_statistics')).toBe(
        false,
      );
    } finally {
      await after.destroy();
      await database.drop();
    }
  });
});

const describeMysql =
  process.env.E2E_DATABASE === 'mysql' ? describe : describe.skip;

describeMysql('an upgrade to the ledger keyed by day cut off (mysql)', () => {
  const ROWS = 25_001;

  /** A database at the migration before, with ROWS ledger rows; its ledger as it was. */
  const populated = (database: TestDatabase) =>
    usingDataSource(database, 8, async (before) => {
      await before.runMigrations();
      await before.query(
        `INSERT INTO messages (uuid, customer_id, type, amount_milli, stat_date, received_at)
SELECT UUID(), 1 + seq % 5, 'A', seq, '2026-11-01' + INTERVAL seq % 40 DAY, '2026-11-01 12:00:00.000' FROM seq_1_to_${ROWS}`,
      );
      return ledgerOf(before);
    });

  /** Runs what is pending, as a replica's start-up does, and answers the ledger then. */
  const upgraded = (database: TestDatabase) =>
    usingDataSource(database, undefined, async (after) => {
      await after.runMigrations();
      expect(await after.showMigrations()).toBe(false);
      const [uuids] = await after.query<Array<{ n: unknown }>>(
        'SELECT COUNT(*) AS n FROM message_uuids',
      );
      expect(Number(uuids.n)).toBe(ROWS);
      return ledgerOf(after);
    });

  it('half way through its copy starts the copy again, and loses nothing', async () => {
    const database = await createTestDatabase();
    try {
      const snapshot = await populated(database);
      // Where a cut-off copy leaves it: the old table renamed, the new ones part filled.
      await usingDataSource(database, undefined, async (sql) => {
        await sql.query('RENAME TABLE messages TO messages_keyed_by_uuid');
        await sql.query(
          'CREATE TABLE messages (uuid BINARY(16) NOT NULL, stat_date DATE NOT NULL, PRIMARY KEY (stat_date, uuid))',
        );
        await sql.query(
          'CREATE TABLE message_uuids (uuid BINARY(16) NOT NULL PRIMARY KEY, stat_date DATE NOT NULL)',
        );
        await sql.query(
          "INSERT INTO message_uuids SELECT UNHEX(REPLACE(uuid, '-', '')), stat_date FROM messages_keyed_by_uuid LIMIT 100",
        );
      });
      expect(await upgraded(database)).toEqual(snapshot);
    } finally {
      await database.drop();
    }
  });

  it('after its copy, before it was recorded, keeps the copy as it is', async () => {
    const database = await createTestDatabase();
    try {
      const snapshot = await populated(database);
      expect(await upgraded(database)).toEqual(snapshot);
      await usingDataSource(database, undefined, (sql) =>
        sql.query(
          "DELETE FROM typeorm_migrations WHERE name = 'KeyLedgerByDay1764900000000'",
        ),
      );
      expect(await upgraded(database)).toEqual(snapshot);
    } finally {
      await database.drop();
    }
  });
});

describe(`start-up migrations (${process.env.E2E_DATABASE})`, () => {
  it('are applied by default, and not with MIGRATIONS_RUN=false', async () => {
    const migrated = await createTestApp();
    const untouched = await createTestApp({ migrationsRun: false });
    try {
      expect(await migrated.dataSource.showMigrations()).toBe(false);
      expect(await untouched.dataSource.showMigrations()).toBe(true);
      expect(await schemaOf(untouched.dataSource).hasTable('messages')).toBe(
        false,
      );
    } finally {
      await migrated.close();
      await untouched.close();
    }
  });

  it('left to run later, make readiness and every request 503 saying so until they have run', async () => {
    const t = await createTestApp({ migrationsRun: false });
    try {
      const behind = {
        status: 503,
        type: 'urn:message-stats:problem:database-unavailable',
        title: 'Database schema behind',
      };
      const ready = await t.http().get('/health/ready').expect(503);
      expect(ready.body).toMatchObject({
        ...behind,
        detail: expect.stringMatching(
          /^the database schema is behind this build: 10 migration\(s\) pending \(CreateLedgerAndDailyStatistics1764100000000, .*node dist\/cli\/migrate\.js run/,
        ),
      });
      const posted = await t
        .http()
        .post('/messages')
        .send(aMessage())
        .expect(503)
        .expect('retry-after', '5');
      expect(posted.body).toMatchObject({
        ...behind,
        detail: expect.stringContaining('its migrations have not run'),
      });
      const batch = await t
        .http()
        .post('/messages/batch')
        .send([aMessage()])
        .expect(503);
      expect(batch.body).toMatchObject(behind);
      const read = await t
        .http()
        .get('/stats?from=2026-01-01&to=2026-01-31')
        .expect(503);
      expect(read.body).toMatchObject(behind);

      await t.dataSource.runMigrations();

      await t.http().get('/health/ready').expect(200);
      await t.http().post('/messages').send(aMessage()).expect(201);
    } finally {
      await t.close();
    }
  });
});

describe('the test databases', () => {
  it('are refused when their name lacks "test"', () => {
    expect(() => assertTestDatabaseName('message_stats')).toThrow(
      /lacks "test"/,
    );
    expect(() => assertTestDatabaseName('test_e2e_0a1b2c3d')).not.toThrow();
  });
});

/** Brings a database to the first migration alone, as the first build left it, and seeds it. */
async function atFirstMigration(
  database: TestDatabase,
  seed: (before: DataSource) => Promise<void>,
): Promise<void> {
  const options = buildDataSourceOptions(database.config);
  const [first] = options.migrations as Array<new () => unknown>;
  const before = await new DataSource({
    ...options,
    migrations: [first],
  }).initialize();
  try {
    await before.runMigrations();
    await seed(before);
  } finally {
    await before.destroy();
  }
}

/**
 * A database for an upgrade, which two data sources in turn must see: a
 * test database on MySQL, a file (not an in-memory SQLite) on SQLite,
 * removed with its folder on drop.
 */
/** Opens the database with its first `migrations` migrations (all when undefined) known, for `work`. */
async function usingDataSource<T>(
  database: TestDatabase,
  migrations: number | undefined,
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const options = buildDataSourceOptions(database.config);
  const known = options.migrations as Array<new () => unknown>;
  const dataSource = await new DataSource({
    ...options,
    migrations: known.slice(0, migrations),
  }).initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

async function upgradeDatabase(): Promise<TestDatabase> {
  if (process.env.E2E_DATABASE === 'mysql') return createTestDatabase();
  const folder = mkdtempSync(join(tmpdir(), 'message-stats-upgrade-'));
  return {
    config: { type: 'sqlite', path: join(folder, 'upgrade.sqlite') },
    drop: () => {
      rmSync(folder, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

/** The columns of a table's primary key, in key order. */
async function primaryKey(
  dataSource: DataSource,
  table: string,
): Promise<string[]> {
  if (dataSource.options.type === 'mysql') {
    const rows = await dataSource.query<Array<{ column: string }>>(
      `SELECT column_name AS \`column\` FROM information_schema.statistics
WHERE table_schema = DATABASE() AND table_name = ? AND index_name = 'PRIMARY'
ORDER BY seq_in_index`,
      [table],
    );
    return rows.map((row) => row.column);
  }
  const columns = await dataSource.query<Array<{ name: string; pk: number }>>(
    `PRAGMA table_info(${table})`,
  );
  return columns
    .filter((column) => column.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((column) => column.name);
}

/** A counter table's rows as sorted lines: period, customer, type, count, total. */
async function counters(
  dataSource: DataSource,
  table: string,
  period: string,
): Promise<string[]> {
  const total =
    dataSource.options.type === 'mysql'
      ? 'total_amount_milli'
      : 'CAST(total_amount_milli AS TEXT)';
  const rows = await dataSource.query<Array<Record<string, unknown>>>(
    `SELECT ${period} AS period, customer_id, type, message_count, ${total} AS total FROM ${table}`,
  );
  return rows
    .map((row) =>
      [
        String(row.period),
        Number(row.customer_id),
        String(row.type),
        Number(row.message_count),
        String(row.total),
      ].join(' '),
    )
    .sort();
}

/** Every ledger row as one line of text, uuid first, sorted: equal before and after a change of layout. */
async function ledgerOf(dataSource: DataSource): Promise<string[]> {
  const rows = await dataSource.query<Array<Record<string, unknown>>>(
    'SELECT uuid, customer_id, type, amount_milli, stat_date, received_at, event_at, voided_at, void_reason FROM messages',
  );
  return rows
    .map((row) =>
      [
        readUuid(row.uuid),
        ...Object.entries(row)
          .filter(([column]) => column !== 'uuid')
          .map(([, value]) => (value === null ? 'null' : readText(value))),
      ].join(' '),
    )
    .sort();
}

/**
 * Reads the schema through a query runner that gives its connection back
 * after each call: a runner left unreleased holds a pooled connection, and
 * a dozen of them exhaust MySQL's pool.
 */
function schemaOf(dataSource: DataSource) {
  const ask = async <T>(question: (runner: QueryRunner) => Promise<T>) => {
    const runner = dataSource.createQueryRunner();
    try {
      return await question(runner);
    } finally {
      await runner.release();
    }
  };
  return {
    hasTable: (table: string) => ask((r) => r.hasTable(table)),
    hasColumn: (table: string, column: string) =>
      ask((r) => r.hasColumn(table, column)),
    getTable: (table: string) => ask((r) => r.getTable(table)),
  };
}
