import { mapConcurrently } from './concurrently';
import { aMessage, WireMessage } from './message-factory';

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

async function call(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<Reply> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
  };
}

/** What every request of a round said about one uuid. */
interface Said {
  ingested: string[];
  voids: Reply[];
}

/**
 * One round of voids racing ingestion through every replica. Half of 200
 * messages (few customers and types, so the counters are hot) are counted
 * first; then, all at once, each uuid is voided through every replica,
 * sent alone through one and in batches of overlapping random subsets
 * through the others. The messages counted first meet void against void
 * and void against a retry; the others void against their first count.
 * Answers the findings: anything a client could not rely on.
 */
export async function voidRaceRound(
  bases: string[],
  round: number,
): Promise<string[]> {
  const customers = [0, 1, 2].map((i) => 9000 + round * 10 + i);
  const messages = Array.from({ length: 200 }, (_, i) =>
    aMessage({
      customerId: customers[i % 3],
      type: ['A', 'B'][i % 2],
      amount: `${i % 11}.${String(i % 1000).padStart(3, '0')}`,
    }),
  );
  const first = messages.filter((_, i) => i % 2 === 0);
  const counted = await call(bases[0], 'POST', '/messages/batch', first);
  if (counted.status !== 200) {
    return [`counting the first half answered ${counted.status}`];
  }

  const said = new Map<string, Said>(
    messages.map((m) => [String(m.uuid), { ingested: [], voids: [] }]),
  );
  const of = (m: WireMessage) => said.get(String(m.uuid))!;
  const someOf = () => messages.filter(() => Math.random() < 0.5);
  const voids = bases.map((base, i) =>
    mapConcurrently(i % 2 ? [...messages].reverse() : messages, 8, async (m) =>
      of(m).voids.push(
        await call(base, 'POST', `/messages/${String(m.uuid)}/void`, {
          reason: 'race',
        }),
      ),
    ),
  );
  const singles = mapConcurrently(messages, 8, async (m) => {
    const { status, body } = await call(bases[0], 'POST', '/messages', m);
    of(m).ingested.push(
      status === 201 || status === 200 ? String(body.status) : `${status}`,
    );
  });
  const batches = Array.from({ length: 6 }, async (_, i) => {
    const subset = someOf();
    const { status, body } = await call(
      bases[(i + 1) % bases.length],
      'POST',
      '/messages/batch',
      subset,
    );
    subset.forEach((m, j) =>
      of(m).ingested.push(
        status === 200
          ? (body.results as Array<{ status: string }>)[j].status
          : `batch ${status}`,
      ),
    );
  });
  await Promise.all([...voids, singles, ...batches]);

  const findings: string[] = [];
  const firstHalf = new Set(first.map((m) => String(m.uuid)));
  const counting: WireMessage[] = [];
  for (const m of messages) {
    const uuid = String(m.uuid);
    const { ingested, voids: answers } = said.get(uuid)!;
    const stored = await call(bases[0], 'GET', `/messages/${uuid}`);
    const isVoided = stored.body.voidedAt !== undefined;
    if (!isVoided) counting.push(m);
    const wasFirst = firstHalf.has(uuid);
    const counts = ingested.filter((s) => s === 'counted').length;
    const odd = ingested.filter(
      (s) => !['counted', 'duplicate', 'voided'].includes(s),
    );
    const voidedAnswers = answers.filter((a) => a.status === 200);
    const badVoids = answers.filter((a) => ![200, 404].includes(a.status));
    const problems = [
      stored.status !== 200 && `not in the ledger (${stored.status})`,
      counts !== (wasFirst ? 0 : 1) && `counted ${counts} times by the race`,
      odd.length > 0 && `ingestion answered ${odd.join(', ')}`,
      badVoids.length > 0 &&
        `a void answered ${badVoids.map((a) => a.status).join(', ')}`,
      wasFirst &&
        voidedAnswers.length !== answers.length &&
        'a void of a counted message was not answered 200',
      isVoided !== voidedAnswers.length > 0 &&
        `voided in the ledger: ${isVoided}, voids answered 200: ${voidedAnswers.length}`,
      voidedAnswers.some(
        (a) => JSON.stringify(a.body) !== JSON.stringify(stored.body),
      ) && 'a void answered other than the ledger holds',
      !isVoided &&
        ingested.includes('voided') &&
        'answered voided, yet not voided',
    ].filter((problem): problem is string => typeof problem === 'string');
    findings.push(...problems.map((problem) => `${uuid}: ${problem}`));
  }
  findings.push(...(await totalsDiffer(bases[0], counting, customers)));
  return findings;
}

/**
 * The service's totals for the customers of the round against the sum of
 * the messages that still count (the ledger holds them not voided), added
 * up here.
 */
async function totalsDiffer(
  base: string,
  counting: WireMessage[],
  customers: number[],
): Promise<string[]> {
  const expected = new Map<string, { count: number; milli: bigint }>();
  for (const m of counting) {
    const key = `${String(m.customerId)}/${String(m.type)}`;
    const sum = expected.get(key) ?? { count: 0, milli: 0n };
    sum.count += 1;
    sum.milli += BigInt(String(m.amount).replace('.', ''));
    expected.set(key, sum);
  }
  // The days around now: a round may cross midnight.
  const day = (offset: number) =>
    new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const found = new Map<string, string>();
  for (const customerId of customers) {
    const { body } = await call(
      base,
      'GET',
      `/stats?from=${day(-1)}&to=${day(1)}&customerId=${customerId}`,
    );
    for (const item of body.items as Array<Record<string, unknown>>) {
      found.set(
        `${String(item.customerId)}/${String(item.type)}`,
        `${String(item.messageCount)} / ${String(item.totalAmount)}`,
      );
    }
  }
  const keys = new Set([...expected.keys(), ...found.keys()]);
  return [...keys]
    .map((key) => {
      const sum = expected.get(key);
      const want = sum
        ? `${sum.count} / ${(sum.milli / 1000n).toString()}.${(sum.milli % 1000n).toString().padStart(3, '0')}`
        : 'none';
      const got = found.get(key) ?? 'none';
      return want === got ? '' : `totals of ${key}: ${got}, ledger ${want}`;
    })
    .filter(Boolean);
}
