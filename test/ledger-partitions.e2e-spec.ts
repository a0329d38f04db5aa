import { Connection, createConnection } from 'mysql2/promise';
import {
  addMonths,
  lastDayOfMonth,
  monthOf,
  utcDateOf,
} from '../src/common/utc-date';
import { AppConfig } from '../src/config/app-config';
import { LIST_PARTITIONS } from '../src/database/mysql/mysql-ledger-retention.repository';
import { uuidBytes } from '../src/database/mysql/mysql-uuid';
import { LedgerRetentionService } from '../src/retention/ledger-retention.service';
import { aMessage, WireMessage } from './support/message-factory';
import { useTestApp } from './support/test-app';

const describeMysql =
  process.env.E2E_DATABASE === 'mysql' ? describe : describe.skip;

/** The first day of this month, as the upgrade that made the partitions saw it. */
const THIS_MONTH = monthOf(utcDateOf(new Date()));
const month = (months: number) => addMonths(THIS_MONTH, months);
const partitionOf = (months: number) =>
  `m${month(months).slice(0, 7).replace('-', '')}`;

describeMysql('the ledger in month partitions (mysql)', () => {
  const t = useTestApp();
  const retention = () => t.app.get(LedgerRetentionService);

  const countOn = async (day: string, messages: WireMessage[]) => {
    t.clock.set(`${day}T12:00:00.000Z`);
    await t.http().post('/messages/batch').send(messages).expect(200);
  };
  const partitions = async () =>
    (await t.dataSource.query<Array<{ name: string }>>(LIST_PARTITIONS)).map(
      (row) => row.name,
    );
  const rowsIn = async (partition: string) =>
    Number(
      (
        await t.dataSource.query<Array<{ n: unknown }>>(
          `SELECT COUNT(*) AS n FROM messages PARTITION (${partition})`,
        )
      )[0].n,
    );
  const uuidsKept = async (messages: WireMessage[]) =>
    Number(
      (
        await t.dataSource.query<Array<{ n: unknown }>>(
          `SELECT COUNT(*) AS n FROM message_uuids WHERE uuid IN (${messages.map(() => '?').join(', ')})`,
          messages.map((message) => uuidBytes(message.uuid as string)),
        )
      )[0].n,
    );
  const stats = async () =>
    (
      await t
        .http()
        .get(
          `/stats?from=${month(0)}&to=${lastDayOfMonth(month(5))}&customerId=901&groupBy=month`,
        )
        .expect(200)
    ).body.items as unknown[];

  const first = Array.from({ length: 30 }, () =>
    aMessage({ customerId: 901, amount: '0.001' }),
  );
  const second = Array.from({ length: 20 }, () =>
    aMessage({ customerId: 901, amount: '0.002' }),
  );
  const later = [aMessage({ customerId: 901, amount: '7' })];

  it('are made by the upgrade: every earlier day, this month and two more, every later day', async () => {
    expect(await partitions()).toEqual([
      'p_before',
      partitionOf(0),
      partitionOf(1),
      partitionOf(2),
      'p_future',
    ]);
  });

  it('drop a month wholly behind the horizon, with its uuids, keep the month it falls in, and split the last ahead of time', async () => {
    await countOn(month(0).replace(/01$/, '05'), first);
    await countOn(month(1).replace(/01$/, '28'), second);
    // Past the months the upgrade made: into the last partition.
    await countOn(month(4).replace(/01$/, '10'), later);
    expect(await rowsIn('p_future')).toBe(1);
    const before = await stats();

    // 400 days before the 10th of the 14th month is in the 1st: month 0
    // is wholly behind the horizon, month 1 is not.
    t.clock.set(`${month(14).slice(0, 8)}10T06:00:00.000Z`);
    const pass = await retention().runPass();

    expect(pass).toMatchObject({ removed: 30, finished: true });
    expect(pass.firstKeptDay.slice(0, 7)).toBe(month(1).slice(0, 7));
    expect(await partitions()).toEqual([
      'p_before',
      ...Array.from({ length: 17 }, (_, i) => partitionOf(i + 1)),
      'p_future',
    ]);
    expect(await uuidsKept(first)).toBe(0);
    expect(await uuidsKept(second)).toBe(20);
    expect(await rowsIn(partitionOf(1))).toBe(20);
    expect(await rowsIn(partitionOf(4))).toBe(1);
    expect(await rowsIn('p_future')).toBe(0);
    // The counters are the record of a dropped month.
    expect(await stats()).toEqual(before);
    // A message of the month kept past the horizon is still known.
    await t
      .http()
      .get(`/messages/${second[0].uuid as string}`)
      .expect(200);

    // Nothing more to do on the next pass.
    expect(await retention().runPass()).toMatchObject({
      removed: 0,
      finished: true,
    });
  });

  describe('while a long reader holds the ledger', () => {
    let reader: Connection | undefined;

    afterEach(async () => {
      await reader?.end();
      reader = undefined;
    });

    it('a pass yields after a short wait, readiness never flaps, and ingestion goes on', async () => {
      // Six months on: the pass has months to add ahead and one to drop.
      t.clock.set(`${month(20).slice(0, 8)}10T06:00:00.000Z`);
      const { database } = t.app.get(AppConfig);
      if (database.type !== 'mysql') throw new Error('MySQL only');
      reader = await createConnection({ uri: database.url });
      await reader.query('START TRANSACTION');
      await reader.query('SELECT COUNT(*) FROM messages');

      let probing = true;
      const readiness: number[] = [];
      const probe = (async () => {
        while (probing) {
          readiness.push((await t.http().get('/health/ready')).status);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })();
      const pass = retention().runPass();
      // Ingestion waits behind the partition change, at most its short wait.
      const posted = await t
        .http()
        .post('/messages')
        .send(aMessage({ customerId: 902 }));
      const yielded = await pass;
      await reader.query('COMMIT');
      const next = await retention().runPass();
      probing = false;
      await probe;

      expect(posted.status).toBe(201);
      expect(yielded.finished).toBe(false);
      expect(next.finished).toBe(true);
      expect(readiness.length).toBeGreaterThan(10);
      expect(readiness.filter((status) => status !== 200)).toEqual([]);
      expect(await partitions()).toContain(partitionOf(23));
    });
  });
});
