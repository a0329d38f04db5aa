import { Connection, createConnection } from 'mysql2/promise';
import { mapConcurrently } from '../support/concurrently';
import { aMessage, WireMessage } from '../support/message-factory';
import { useFaultDatabase } from '../support/fault-database';

/** What one request said of one message. */
interface Answer {
  uuid: string;
  sent: WireMessage;
  /** counted, duplicate or conflict; or the HTTP status of a failed request. */
  outcome: string;
}

const BATCH_STATUS: Record<number, string> = {
  201: 'counted',
  200: 'duplicate',
  409: 'conflict',
};

/**
 * Two service processes on one MariaDB, and clients that race the same
 * uuids through single POSTs and 500-message batches, with the same content
 * and with other content: a duplicate-key race is never the caller's error.
 */
describe('racing the same uuids through single and batch requests (mysql)', () => {
  const database = useFaultDatabase('all');
  let sql: Connection | undefined;

  afterAll(async () => {
    await sql?.end();
  });

  async function post(base: string, path: string, body: unknown) {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    return {
      status: response.status,
      body: await response.json(),
    };
  }

  async function batch(
    base: string,
    messages: WireMessage[],
  ): Promise<Answer[]> {
    const { status, body } = await post(base, '/messages/batch', messages);
    if (status !== 200) {
      return messages.map((sent) => ({
        uuid: String(sent.uuid),
        sent,
        outcome: `batch answered ${status}: ${JSON.stringify(body)}`,
      }));
    }
    const { results } = body as { results: Array<{ status: string }> };
    return messages.map((sent, i) => ({
      uuid: String(sent.uuid),
      sent,
      outcome: results[i].status,
    }));
  }

  async function single(base: string, sent: WireMessage): Promise<Answer> {
    const { status, body } = await post(base, '/messages', sent);
    return {
      uuid: String(sent.uuid),
      sent,
      outcome:
        BATCH_STATUS[status] ?? `answered ${status}: ${JSON.stringify(body)}`,
    };
  }

  const sameContent = (a: WireMessage, b: WireMessage) =>
    a.customerId === b.customerId &&
    a.type === b.type &&
    Number(a.amount) === Number(b.amount);

  /** Counters that differ from the sums of the ledger rows they were counted from. */
  /** Every daily and monthly counter that differs from the ledger's sums. */
  async function countersOffTheLedger(): Promise<unknown[]> {
    sql ??= await createConnection({ uri: database.url });
    const differences: unknown[] = [];
    for (const [table, period, ledgerPeriod] of [
      // Periods as text on both sides (mysql2 alone reads DATE as a Date).
      [
        'daily_statistics',
        "DATE_FORMAT(stat_date, '%Y-%m-%d')",
        "DATE_FORMAT(stat_date, '%Y-%m-%d')",
      ],
      [
        'monthly_statistics',
        "DATE_FORMAT(stat_month, '%Y-%m-%d')",
        "DATE_FORMAT(stat_date, '%Y-%m-01')",
      ],
    ]) {
      const [counters] = await sql.query(
        `SELECT customer_id, HEX(type) AS type, ${period} AS period, message_count AS n, total_amount_milli AS total FROM ${table}`,
      );
      const [ledger] = await sql.query(
        `SELECT customer_id, HEX(type) AS type, ${ledgerPeriod} AS period, COUNT(*) AS n, SUM(amount_milli) AS total FROM messages GROUP BY customer_id, type, ${ledgerPeriod}`,
      );
      const key = (row: Record<string, unknown>) =>
        `${table}/${String(row.customer_id)}/${String(row.type)}/${String(row.period)}`;
      const value = (row?: Record<string, unknown>) =>
        row ? `${String(row.n)} / ${String(row.total)}` : 'none';
      const stored = new Map(
        (counters as Array<Record<string, unknown>>).map((r) => [key(r), r]),
      );
      const summed = new Map(
        (ledger as Array<Record<string, unknown>>).map((r) => [key(r), r]),
      );
      differences.push(
        ...[...new Set([...stored.keys(), ...summed.keys()])]
          .filter((k) => value(stored.get(k)) !== value(summed.get(k)))
          .map((k) => ({
            counter: k,
            stored: value(stored.get(k)),
            ledger: value(summed.get(k)),
          })),
      );
    }
    return differences;
  }

  it('answers every request with counted, duplicate or conflict, counts each uuid once, and keeps the counters equal to the ledger', async () => {
    const [a, b] = await Promise.all([database.start(), database.start()]);
    for (let round = 0; round < 6; round++) {
      const originals = Array.from({ length: 500 }, (_, i) =>
        aMessage({
          customerId: 1 + (i % 7),
          type: ['A', 'B'][i % 2],
          amount: `${i % 13}.5`,
        }),
      );
      // Every fifth uuid also travels with another amount.
      const variants = originals.map((m, i) =>
        i % 5 === 0 ? { ...m, amount: '999.999' } : m,
      );
      const reversed = (list: WireMessage[]) => [...list].reverse();
      // Batches of overlapping random subsets keep finding uuids that
      // another batch is inserting at that moment.
      const someOf = (list: WireMessage[]) =>
        list.filter(() => Math.random() < 0.8);
      const batches = Array.from({ length: 16 }, (_, i) =>
        batch([a, b][i % 2].base, someOf(i % 4 === 0 ? variants : originals)),
      );

      const answers = (
        await Promise.all([
          ...batches,
          mapConcurrently(originals, 16, (m) => single(a.base, m)),
          mapConcurrently(reversed(variants), 16, (m) => single(b.base, m)),
        ])
      ).flat();

      const failures = answers.filter(
        ({ outcome }) =>
          !['counted', 'duplicate', 'conflict'].includes(outcome),
      );
      expect({
        round,
        failures: failures.slice(0, 3),
        count: failures.length,
      }).toEqual({ round, failures: [], count: 0 });
      for (const original of originals) {
        const uuid = String(original.uuid);
        const mine = answers.filter((answer) => answer.uuid === uuid);
        const counted = mine.filter((answer) => answer.outcome === 'counted');
        expect({ round, uuid, counted: counted.length }).toEqual({
          round,
          uuid,
          counted: 1,
        });
        for (const answer of mine) {
          const want =
            answer === counted[0]
              ? 'counted'
              : sameContent(answer.sent, counted[0].sent)
                ? 'duplicate'
                : 'conflict';
          expect({ round, uuid, outcome: answer.outcome }).toEqual({
            round,
            uuid,
            outcome: want,
          });
        }
      }
    }
    expect(await countersOffTheLedger()).toEqual([]);
  });
});
