import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  CounterDifference,
  StatisticsAuditRepository,
} from '../src/database/repositories/statistics-audit.repository';
import { DAY, MONTH, QUARTER, YEAR } from '../src/database/periods';
import { aMessage } from './support/message-factory';
import { LedgerRetentionService } from '../src/retention/ledger-retention.service';
import { createTestApp, TestApp } from './support/test-app';

describe(`verifying and rebuilding the counters (${process.env.E2E_DATABASE})`, () => {
  let t: TestApp;
  let audit: StatisticsAuditRepository;

  beforeEach(async () => {
    t = await createTestApp();
    audit = t.audit;
    for (const [at, customerId, type, amount] of [
      ['2026-03-01T10:00:00Z', 1, 'A', '1.5'],
      ['2026-03-01T11:00:00Z', 1, 'A', '2'],
      ['2026-03-01T12:00:00Z', 2, 'a', '0.001'],
      ['2026-03-02T10:00:00Z', 1, 'A', '999999999999.999'],
    ] as const) {
      t.clock.set(at);
      await t
        .http()
        .post('/messages')
        .send(aMessage({ customerId, type, amount }))
        .expect(201);
    }
  });

  afterEach(async () => {
    await t.close();
  });

  const stats = async (query = 'from=2026-03-01&to=2026-03-02&groupBy=day') =>
    (await t.http().get(`/stats?${query}`).expect(200)).body.items as unknown[];

  /** Each difference as its key, and count and total on each side. */
  const described = (differences: CounterDifference[]) =>
    differences.map((d) => ({
      key: [d.customerId, d.date, d.type],
      stored: [d.stored.messageCount, d.stored.totalAmount.toString()],
      ledger: [d.fromLedger.messageCount, d.fromLedger.totalAmount.toString()],
    }));

  it('finds nothing to report when the counters match the ledger', async () => {
    await expect(
      audit.differences('2026-03-01', '2026-03-02'),
    ).resolves.toEqual([]);
  });

  it('finds a corrupted, a missing and an invented counter; rebuild fixes all three', async () => {
    const before = await stats();
    await t.dataSource.query(
      "UPDATE daily_statistics SET message_count = 5, total_amount_milli = 1 WHERE customer_id = 1 AND stat_date = '2026-03-01'",
    );
    await t.dataSource.query(
      'DELETE FROM daily_statistics WHERE customer_id = 2',
    );
    await t.dataSource.query(
      "INSERT INTO daily_statistics (customer_id, type, stat_date, message_count, total_amount_milli) VALUES (3, 'Z', '2026-03-02', 4, 4000)",
    );

    const differences = await audit.differences('2026-03-01', '2026-03-02');

    expect(described(differences)).toEqual([
      {
        key: [1, '2026-03-01', 'A'],
        stored: [5, '0.001'],
        ledger: [2, '3.500'],
      },
      {
        key: [2, '2026-03-01', 'a'],
        stored: [0, '0.000'],
        ledger: [1, '0.001'],
      },
      {
        key: [3, '2026-03-02', 'Z'],
        stored: [4, '4.000'],
        ledger: [0, '0.000'],
      },
    ]);

    await audit.rebuildPeriod(DAY, '2026-03-01');
    await audit.rebuildPeriod(DAY, '2026-03-02');

    await expect(
      audit.differences('2026-03-01', '2026-03-02'),
    ).resolves.toEqual([]);
    expect(await stats()).toEqual(before);
  });

  it("finds a quarter hour's counter moved to another quarter of its day; rebuilding the day's quarter hours fixes it", async () => {
    // Customer 1's 11:00 message (quarter 44) moved to 11:15 (45).
    await t.dataSource.query(
      "UPDATE quarter_hour_statistics SET quarter = 45 WHERE customer_id = 1 AND stat_date = '2026-03-01' AND quarter = 44",
    );

    expect(
      described(await audit.differences('2026-03-01', '2026-03-02')),
    ).toEqual([
      {
        key: [1, '2026-03-01T11:00Z', 'A'],
        stored: [0, '0.000'],
        ledger: [1, '2.000'],
      },
      {
        key: [1, '2026-03-01T11:15Z', 'A'],
        stored: [1, '2.000'],
        ledger: [0, '0.000'],
      },
    ]);

    await audit.rebuildPeriod(QUARTER, '2026-03-01');

    await expect(
      audit.differences('2026-03-01', '2026-03-02'),
    ).resolves.toEqual([]);
  });

  it("counts each message in its month's counter as in its day's", async () => {
    const months = await t.dataSource.query<Array<Record<string, unknown>>>(
      `SELECT customer_id, type, stat_month, message_count, ${process.env.E2E_DATABASE === 'mysql' ? 'total_amount_milli' : 'CAST(total_amount_milli AS TEXT)'} AS total
FROM monthly_statistics ORDER BY customer_id, type`,
    );
    expect(
      months.map((row) => [
        Number(row.customer_id),
        String(row.type),
        String(row.stat_month),
        Number(row.message_count),
        String(row.total),
      ]),
    ).toEqual([
      [1, 'A', '2026-03-01', 3, '1000000000003499'],
      [2, 'a', '2026-03-01', 1, '1'],
    ]);
  });

  it('finds a monthly counter that differs from its month of the ledger; rebuilding the month fixes it', async () => {
    await t.dataSource.query(
      "UPDATE monthly_statistics SET message_count = 9 WHERE customer_id = 2 AND stat_month = '2026-03-01'",
    );
    await t.dataSource.query(
      "INSERT INTO monthly_statistics (stat_month, customer_id, type, message_count, total_amount_milli) VALUES ('2026-03-01', 4, 'Q', 1, 1)",
    );

    const differences = await audit.differences('2026-03-15', '2026-03-15');

    expect(
      differences.map((d) => ({
        key: [d.customerId, d.date, d.type],
        stored: d.stored.messageCount,
        ledger: d.fromLedger.messageCount,
      })),
    ).toEqual([
      { key: [2, '2026-03', 'a'], stored: 9, ledger: 1 },
      { key: [4, '2026-03', 'Q'], stored: 1, ledger: 0 },
    ]);

    await audit.rebuildPeriod(MONTH, '2026-03-01');

    await expect(
      audit.differences('2026-03-01', '2026-03-31'),
    ).resolves.toEqual([]);
  });

  it('rebuilds a year from its months: a month off the ledger stays in its year until the month is rebuilt', async () => {
    await t.dataSource.query(
      "UPDATE monthly_statistics SET message_count = 9 WHERE customer_id = 2 AND stat_month = '2026-03-01'",
    );
    await audit.rebuildPeriod(YEAR, '2026-01-01');

    expect(
      described(await audit.differences('2026-03-01', '2026-03-01')).map(
        ({ key, stored, ledger }) => ({
          key,
          stored: stored[0],
          ledger: ledger[0],
        }),
      ),
    ).toEqual([
      { key: [2, '2026', 'a'], stored: 9, ledger: 1 },
      { key: [2, '2026-03', 'a'], stored: 9, ledger: 1 },
    ]);

    await audit.rebuildPeriod(MONTH, '2026-03-01');
    await audit.rebuildPeriod(YEAR, '2026-01-01');

    await expect(
      audit.differences('2026-01-01', '2026-12-31'),
    ).resolves.toEqual([]);
  });

  it('finds a yearly counter that differs from its year of the ledger; rebuilding the year fixes it', async () => {
    const year = () => stats('from=2026-01-01&to=2026-12-31&customerId=1');
    const before = await year();
    expect(before).toEqual([
      {
        customerId: 1,
        type: 'A',
        messageCount: 3,
        totalAmount: '1000000000003.499',
      },
    ]);
    await t.dataSource.query(
      "UPDATE yearly_statistics SET message_count = 7, total_amount_milli = 2 WHERE customer_id = 1 AND stat_year = '2026-01-01'",
    );
    await t.dataSource.query(
      'DELETE FROM yearly_statistics WHERE customer_id = 2',
    );

    const differences = await audit.differences('2026-03-02', '2026-03-02');

    expect(described(differences)).toEqual([
      {
        key: [1, '2026', 'A'],
        stored: [7, '0.002'],
        ledger: [3, '1000000000003.499'],
      },
      { key: [2, '2026', 'a'], stored: [0, '0.000'], ledger: [1, '0.001'] },
    ]);

    await audit.rebuildPeriod(YEAR, '2026-01-01');

    await expect(
      audit.differences('2026-01-01', '2026-12-31'),
    ).resolves.toEqual([]);
    expect(await year()).toEqual(before);
  });

  it('checks and rebuilds the first and last days of the calendar, and reads only the periods that hold data', async () => {
    for (const at of ['0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z']) {
      t.clock.set(at);
      await t
        .http()
        .post('/messages')
        .send(aMessage({ customerId: 5, type: 'E', amount: '2' }))
        .expect(201);
    }
    await expect(
      audit.differences('9999-12-31', '9999-12-31'),
    ).resolves.toEqual([]);
    await expect(
      audit.storedPeriods('0001-01-01', '9999-12-31'),
    ).resolves.toEqual({
      'quarter hour': ['0001-01-01', '2026-03-01', '2026-03-02', '9999-12-31'],
      day: ['0001-01-01', '2026-03-01', '2026-03-02', '9999-12-31'],
      month: ['0001-01-01', '2026-03-01', '9999-12-01'],
      year: ['0001-01-01', '2026-01-01', '9999-01-01'],
    });

    for (const [table, column, first] of [
      ['quarter_hour_statistics', 'stat_date', '9999-12-31'],
      ['daily_statistics', 'stat_date', '9999-12-31'],
      ['monthly_statistics', 'stat_month', '9999-12-01'],
      ['yearly_statistics', 'stat_year', '9999-01-01'],
      ['monthly_statistics', 'stat_month', '0001-01-01'],
      ['yearly_statistics', 'stat_year', '0001-01-01'],
    ]) {
      await t.dataSource.query(
        `UPDATE ${table} SET message_count = 7 WHERE customer_id = 5 AND ${column} = '${first}'`,
      );
    }
    expect(
      described(await audit.differences('0001-01-01', '9999-12-31')).map(
        ({ key }) => key,
      ),
    ).toEqual([
      [5, '0001', 'E'],
      [5, '0001-01', 'E'],
      [5, '9999', 'E'],
      [5, '9999-12', 'E'],
      [5, '9999-12-31', 'E'],
      [5, '9999-12-31T23:45Z', 'E'],
    ]);

    await audit.rebuildPeriod(QUARTER, '9999-12-31');
    await audit.rebuildPeriod(DAY, '9999-12-31');
    for (const month of ['0001-01-01', '9999-12-01'])
      await audit.rebuildPeriod(MONTH, month);
    for (const year of ['0001-01-01', '9999-01-01'])
      await audit.rebuildPeriod(YEAR, year);

    await expect(
      audit.differences('0001-01-01', '9999-12-31'),
    ).resolves.toEqual([]);
    expect(
      await stats('from=9999-12-01&to=9999-12-31&customerId=5&groupBy=month'),
    ).toEqual([
      expect.objectContaining({ messageCount: 1, totalAmount: '2.000' }),
    ]);
  });
});

// The command itself, once, on a SQLite file it can open from another process.
const describeOnce =
  process.env.E2E_DATABASE === 'sqlite' ? describe : describe.skip;

/** An npm stats script on a SQLite file, as an operator runs it: its exit code and output. */
function runStats(
  script: string,
  file: string,
  from: string,
  to: string,
): Promise<{ code: number; stdout: string }> {
  return promisify(execFile)(
    'npm',
    ['run', '--silent', script, '--', '--from', from, '--to', to],
    {
      cwd: join(__dirname, '..'),
      env: { ...process.env, DATABASE_URL: `sqlite:${file}` },
      timeout: 30_000,
    },
  ).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({
      code: error.code,
      stdout: error.stdout,
    }),
  );
}

describeOnce('npm run stats:verify and stats:rebuild', () => {
  it('exit 1 naming a differing counter, then rebuild it and exit 0', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'message-stats-audit-'));
    const file = join(directory, 'audit.sqlite');
    const t = await createTestApp({ database: { type: 'sqlite', path: file } });
    const run = (script: string) =>
      runStats(script, file, '2026-04-01', '2026-04-30');
    try {
      t.clock.set('2026-04-10T08:00:00Z');
      await t
        .http()
        .post('/messages')
        .send(aMessage({ customerId: 9, amount: '1' }))
        .expect(201);
      await t.app.close();

      expect(await run('stats:verify')).toMatchObject({ code: 0 });

      const db = new (await import('better-sqlite3')).default(file);
      db.prepare('UPDATE daily_statistics SET message_count = 2').run();
      db.close();

      const verify = await run('stats:verify');
      expect(verify.code).toBe(1);
      expect(verify.stdout).toContain(
        'customer 9, 2026-04-10, type "A": counted 2 messages / 1.000, ledger 1 messages / 1.000',
      );
      const rebuild = await run('stats:rebuild');
      expect(rebuild.code).toBe(0);
      expect(rebuild.stdout).toContain('every counter matches the ledger');
      expect(await run('stats:verify')).toMatchObject({ code: 0 });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('ends at the last day of the calendar: --from 9999-12-31 --to 9999-12-31 rebuilds and verifies that day', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'message-stats-audit-'));
    const file = join(directory, 'audit.sqlite');
    const t = await createTestApp({ database: { type: 'sqlite', path: file } });
    // It used to loop forever past 9999-12-31.
    const run = (script: string) =>
      runStats(script, file, '9999-12-31', '9999-12-31');
    try {
      t.clock.set('9999-12-31T12:00:00Z');
      await t
        .http()
        .post('/messages')
        .send(aMessage({ customerId: 9, amount: '1' }))
        .expect(201);
      await t.app.close();
      const db = new (await import('better-sqlite3')).default(file);
      db.prepare('UPDATE monthly_statistics SET message_count = 2').run();
      db.close();

      const rebuild = await run('stats:rebuild');
      expect(rebuild).toEqual({
        code: 0,
        stdout: expect.stringContaining(
          'rebuilt 1 day(s) and their quarter hours, 1 month(s) and 1 year(s) from the ledger',
        ),
      });
      expect(rebuild.stdout).toContain('every counter matches the ledger');
      expect(await run('stats:verify')).toMatchObject({ code: 0 });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
  it('refuse days retention removed (64), and check a month begun before the horizon against its days', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'message-stats-audit-'));
    const file = join(directory, 'audit.sqlite');
    const t = await createTestApp({ database: { type: 'sqlite', path: file } });
    try {
      t.clock.set('2025-01-20T08:00:00Z');
      await t.http().post('/messages').send(aMessage()).expect(201);
      t.clock.set('2025-01-26T08:00:00Z');
      await t.http().post('/messages').send(aMessage()).expect(201);
      // 400 days before 2026-03-01: the ledger keeps 2025-01-25 on.
      t.clock.set('2026-03-01T08:00:00Z');
      await t.app.get(LedgerRetentionService).runPass();
      await t.app.close();

      const refused = await runStats(
        'stats:verify',
        file,
        '2025-01-24',
        '2025-01-31',
      );
      expect(refused.code).toBe(64);
      const rebuild = await runStats(
        'stats:rebuild',
        file,
        '2025-01-25',
        '2025-01-31',
      );
      expect(rebuild.code).toBe(0);
      expect(rebuild.stdout).toContain(
        "month 2025-01 and year 2025 began before 2025-01-25, the ledger's first kept day: summed from their finer counters",
      );
      expect(rebuild.stdout).toContain('every counter matches the ledger');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
