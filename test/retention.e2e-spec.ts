import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { LedgerNotKeptError } from '../src/database/ledger-not-kept.error';
import { DAY } from '../src/database/periods';
import { LedgerRetentionService } from '../src/retention/ledger-retention.service';
import { aMessage, WireMessage } from './support/message-factory';
import { createTestApp, TestApp, useTestApp } from './support/test-app';

/** 400 days before 2026-03-01 is 2025-01-25: the first day kept then. */
const LATER = '2026-03-01T06:00:00.000Z';
const FIRST_KEPT = '2025-01-25';

describe(`the ledger's retention (${process.env.E2E_DATABASE})`, () => {
  const t = useTestApp();
  const retention = () => t.app.get(LedgerRetentionService);

  /** Counts messages as received at `at`, in batches. */
  const countAt = async (at: string, messages: WireMessage[]) => {
    t.clock.set(at);
    for (let i = 0; i < messages.length; i += 1000) {
      await t
        .http()
        .post('/messages/batch')
        .send(messages.slice(i, i + 1000))
        .expect(200);
    }
  };
  const stats = async (from: string, to: string, customerId: number) =>
    (
      await t
        .http()
        .get(
          `/stats?from=${from}&to=${to}&customerId=${customerId}&groupBy=day`,
        )
        .expect(200)
    ).body.items as unknown[];
  const ledgerDays = async (customerId: number) =>
    (
      await t.dataSource.query<Array<{ d: string }>>(
        'SELECT DISTINCT stat_date AS d FROM messages WHERE customer_id = ? ORDER BY stat_date',
        [customerId],
      )
    ).map(({ d }) => String(d).slice(0, 10));

  it('removes the days before the first kept one, in chunks, and keeps every counter', async () => {
    const old = Array.from({ length: 12_001 }, () =>
      aMessage({ customerId: 801, amount: '0.001' }),
    );
    await countAt('2025-01-24T23:59:59.999Z', old);
    const kept = aMessage({ customerId: 801, amount: '2.5' });
    await countAt('2025-01-25T00:00:00.000Z', [kept]);
    const before = await stats('2025-01-01', '2025-01-31', 801);
    expect(before).toEqual([
      expect.objectContaining({
        date: '2025-01-24',
        messageCount: 12_001,
        totalAmount: '12.001',
      }),
      expect.objectContaining({ date: '2025-01-25', messageCount: 1 }),
    ]);

    t.clock.set(LATER);
    const pass = await retention().runPass();

    expect(pass).toMatchObject({
      firstKeptDay: FIRST_KEPT,
      removed: 12_001,
      finished: true,
    });
    expect(await ledgerDays(801)).toEqual(['2025-01-25']);
    expect(await stats('2025-01-01', '2025-01-31', 801)).toEqual(before);
    const gone = `No message with uuid ${old[0].uuid as string} is in the ledger, which holds the days from ${FIRST_KEPT} on: it was never counted, or it counted on an earlier day, which is settled.`;
    const removed = `/messages/${old[0].uuid as string}`;
    expect((await t.http().get(removed).expect(404)).body).toMatchObject({
      status: 404,
      detail: gone,
    });
    expect(
      (await t.http().post(`${removed}/void`).expect(404)).body,
    ).toMatchObject({ status: 404, detail: gone });
    await t
      .http()
      .get(`/messages/${kept.uuid as string}`)
      .expect(200);
    expect(await retention().runPass()).toMatchObject({ removed: 0 });
  });

  it('never moves the horizon back, whatever the clock says', async () => {
    t.clock.set(LATER);
    await retention().runPass();
    t.clock.set('2025-02-01T00:00:00.000Z');
    expect(await retention().runPass()).toMatchObject({
      firstKeptDay: FIRST_KEPT,
    });
    expect(await t.audit.firstKeptDay()).toBe(FIRST_KEPT);
  });

  it('refuses to check or rebuild a day it no longer holds, and checks a month begun before it against its days', async () => {
    await countAt('2025-01-20T10:00:00.000Z', [aMessage({ customerId: 802 })]);
    await countAt('2025-01-26T10:00:00.000Z', [aMessage({ customerId: 802 })]);
    t.clock.set(LATER);
    await retention().runPass();

    const refusal = new LedgerNotKeptError('2025-01-24', FIRST_KEPT);
    await expect(
      t.audit.differences('2025-01-24', '2025-01-31'),
    ).rejects.toEqual(refusal);
    await expect(t.audit.rebuild('2025-01-24', '2025-01-31')).rejects.toEqual(
      refusal,
    );
    await expect(t.audit.rebuildPeriod(DAY, '2025-01-20')).rejects.toEqual(
      new LedgerNotKeptError('2025-01-20', FIRST_KEPT),
    );
    expect(refusal.message).toContain(
      'the ledger holds event days from 2025-01-25 on (LEDGER_RETENTION_DAYS): 2025-01-24 is settled',
    );

    // January 2025 and the year 2025 began before the horizon: they are
    // checked against, and rebuilt from, their days' and months' counters.
    expect(await t.audit.differences(FIRST_KEPT, '2025-12-31')).toEqual([]);
    const before = await stats('2025-01-01', '2025-01-31', 802);
    await t.audit.rebuild(FIRST_KEPT, '2025-12-31');
    expect(await stats('2025-01-01', '2025-01-31', 802)).toEqual(before);
    expect(await t.audit.differences(FIRST_KEPT, '2025-12-31')).toEqual([]);

    // A month counter wrong against its days is still found, and so is
    // its year, which no longer matches its months.
    await t.dataSource.query(
      `UPDATE monthly_statistics SET message_count = message_count + 1 WHERE customer_id = 802`,
    );
    const counts = (stored: number, expected: number) => ({
      stored: expect.objectContaining({ messageCount: stored }) as unknown,
      fromLedger: expect.objectContaining({
        messageCount: expected,
      }) as unknown,
    });
    expect(await t.audit.differences(FIRST_KEPT, FIRST_KEPT)).toEqual([
      expect.objectContaining({ date: '2025', ...counts(2, 3) }),
      expect.objectContaining({ date: '2025-01', ...counts(3, 2) }),
    ]);
    await t.audit.rebuild(FIRST_KEPT, FIRST_KEPT);
    expect(await t.audit.differences(FIRST_KEPT, FIRST_KEPT)).toEqual([]);
  });

  it('counts again a uuid sent after its day left the ledger: the promise holds within retention', async () => {
    const message = aMessage({ customerId: 803, amount: '1' });
    await countAt('2025-01-10T10:00:00.000Z', [message]);
    t.clock.set(LATER);
    await retention().runPass();

    await t.http().post('/messages').send(message).expect(201);

    expect(await ledgerDays(803)).toEqual(['2026-03-01']);
  });

  it('reports the ledger in the metrics after each pass', async () => {
    await countAt('2026-02-27T10:00:00.000Z', [aMessage({ customerId: 804 })]);
    t.clock.set(LATER);
    const pass = await retention().runPass();
    const metrics = (await t.http().get('/metrics').expect(200)).text;

    const value = (name: string) =>
      Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1]);
    expect(value('message_stats_ledger_rows')).toBe(pass.rows);
    expect(pass.rows).toBeGreaterThan(0);
    expect(value('message_stats_ledger_bytes')).toBeGreaterThan(0);
    expect(value('message_stats_ledger_first_kept_day_timestamp_seconds')).toBe(
      Date.parse(`${FIRST_KEPT}T00:00:00Z`) / 1000,
    );
    expect(value('message_stats_ledger_oldest_day_timestamp_seconds')).toBe(
      Date.parse(`${pass.oldestDay}T00:00:00Z`) / 1000,
    );
    expect(pass.oldestDay! >= FIRST_KEPT).toBe(true);
    expect(metrics).toMatch(
      /^message_stats_ledger_retention_passes_total\{outcome="completed"\} [1-9]/m,
    );
    expect(metrics).toMatch(/^message_stats_ledger_removed_rows_total \d+/m);
  });
});

describe(`the ledger's retention racing verify and rebuild (${process.env.E2E_DATABASE})`, () => {
  const t = useTestApp();
  const DAY_MS = 86_400_000;
  const dayOf = (base: string, offset: number) =>
    new Date(Date.parse(`${base}T00:00:00Z`) + offset * DAY_MS)
      .toISOString()
      .slice(0, 10);

  it('answers every check and rebuild at the moving horizon exactly, or refuses it, and never changes a counter', async () => {
    const first = '2025-03-01';
    // Ten days of messages, three customers, two types.
    for (let day = 0; day < 10; day++) {
      t.clock.set(`${dayOf(first, day)}T12:00:00.000Z`);
      await t
        .http()
        .post('/messages/batch')
        .send(
          Array.from({ length: 120 }, (_, i) =>
            aMessage({
              customerId: 900 + (i % 3),
              type: ['A', 'B'][i % 2],
              amount: `${i}.${day}`,
            }),
          ),
        )
        .expect(200);
    }
    const everything = async () =>
      (
        await t
          .http()
          .get(`/stats?from=${first}&to=${dayOf(first, 9)}&groupBy=day`)
          .expect(200)
      ).body.items as unknown[];
    const before = await everything();
    const retention = t.app.get(LedgerRetentionService);
    const outcomes: string[] = [];
    const outcome = (promise: Promise<unknown>) =>
      promise.then(
        (value) =>
          Array.isArray(value) && value.length > 0
            ? `differs: ${JSON.stringify(value)}`
            : 'exact',
        (error: Error) =>
          error instanceof LedgerNotKeptError
            ? 'refused'
            : `failed: ${error.message}`,
      );

    // Each round the horizon moves one day, over the day the check and the
    // rebuild begin on, a little later into their run each round: before
    // they start (refused), between their reads, or after them (exact).
    for (let day = 1; day <= 8; day++) {
      t.clock.set(`${dayOf(first, 400 + day)}T00:30:00.000Z`);
      const from = dayOf(first, day - 1);
      const to = dayOf(first, day + 1);
      const [verify, rebuild, pass] = await Promise.all([
        outcome(t.audit.differences(from, to)),
        outcome(t.audit.rebuild(from, to)),
        sleep((day - 1) * 3).then(() => retention.runPass()),
      ]);
      expect(pass.firstKeptDay).toBe(dayOf(first, day));
      outcomes.push(verify, rebuild);
    }

    expect(outcomes.filter((o) => o !== 'exact' && o !== 'refused')).toEqual(
      [],
    );
    expect(await everything()).toEqual(before);
    expect(await t.audit.differences(dayOf(first, 8), dayOf(first, 9))).toEqual(
      [],
    );
  });
});

describe(`the ledger's retention, left to itself (${process.env.E2E_DATABASE})`, () => {
  let t: TestApp;

  afterEach(() => t?.close());

  it('runs every LEDGER_RETENTION_INTERVAL_S seconds without being asked', async () => {
    t = await createTestApp({
      ledgerRetention: { days: 400, intervalS: 1 },
    });
    t.clock.set('2025-01-10T10:00:00.000Z');
    const uuid = randomUUID();
    await t.http().post('/messages').send(aMessage({ uuid })).expect(201);
    t.clock.set(LATER);

    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && (await t.countRows('messages')) > 0) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    expect(await t.countRows('messages')).toBe(0);
    expect(await t.audit.firstKeptDay()).toBe(FIRST_KEPT);
  });
});
