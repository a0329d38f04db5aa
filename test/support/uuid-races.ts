import { mapConcurrently } from './concurrently';
import { aMessage, WireMessage } from './message-factory';

/** What one request said of one message. */
export interface Answer {
  uuid: string;
  sent: WireMessage;
  /** counted, duplicate or conflict; or the HTTP status of a failed request. */
  outcome: string;
}

const SINGLE_OUTCOME: Record<number, string> = {
  201: 'counted',
  200: 'duplicate',
  409: 'conflict',
};

async function post(base: string, path: string, body: unknown) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, body: await response.json() };
}

async function batch(base: string, messages: WireMessage[]): Promise<Answer[]> {
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
      SINGLE_OUTCOME[status] ?? `answered ${status}: ${JSON.stringify(body)}`,
  };
}

const sameContent = (a: WireMessage, b: WireMessage) =>
  a.customerId === b.customerId &&
  a.type === b.type &&
  Number(a.amount) === Number(b.amount);

export interface RaceOptions {
  /**
   * Give each message its own timestamp, anywhere in the last 34 days (the
   * default window keeps 35), so that a round writes into many days,
   * months, and on some dates two years.
   */
  spreadOverWindow?: boolean;
}

const withinWindow = () =>
  new Date(
    Date.now() - Math.floor(Math.random() * 34 * 86_400_000),
  ).toISOString();

/**
 * One round of clients racing the same uuids through every replica: 500
 * messages over 7 customers and 2 types (so a few hot counters), sent one
 * by one through each replica (one replica with every fifth amount changed,
 * so those uuids also conflict), and in 16 batches of overlapping random
 * subsets spread over the replicas, so batches keep finding uuids that
 * another request is inserting at that moment.
 */
export async function raceRound(
  bases: string[],
  { spreadOverWindow = false }: RaceOptions = {},
): Promise<{ originals: WireMessage[]; answers: Answer[] }> {
  const originals = Array.from({ length: 500 }, (_, i) =>
    aMessage({
      customerId: 1 + (i % 7),
      type: ['A', 'B'][i % 2],
      amount: `${i % 13}.5`,
      ...(spreadOverWindow && { timestamp: withinWindow() }),
    }),
  );
  const variants = originals.map((m, i) =>
    i % 5 === 0 ? { ...m, amount: '999.999' } : m,
  );
  const someOf = (list: WireMessage[]) =>
    list.filter(() => Math.random() < 0.8);
  const batches = Array.from({ length: 16 }, (_, i) =>
    batch(bases[i % bases.length], someOf(i % 4 === 0 ? variants : originals)),
  );
  const singles = bases.map((base, i) => {
    const list = i % 2 === 0 ? originals : [...variants].reverse();
    return mapConcurrently(list, 16, (m) => single(base, m));
  });
  const answers = (await Promise.all([...batches, ...singles])).flat();
  return { originals, answers };
}

/**
 * What went wrong in a round, as a list a failing test prints: requests
 * answered with anything but counted, duplicate or conflict; uuids counted
 * other than once; answers that do not match the one that counted.
 */
export function raceFindings(
  originals: WireMessage[],
  answers: Answer[],
): string[] {
  const findings = answers
    .filter(
      ({ outcome }) => !['counted', 'duplicate', 'conflict'].includes(outcome),
    )
    .map(({ uuid, outcome }) => `${uuid}: ${outcome}`);
  const byUuid = new Map<string, Answer[]>();
  for (const answer of answers) {
    byUuid.set(answer.uuid, [...(byUuid.get(answer.uuid) ?? []), answer]);
  }
  for (const original of originals) {
    const uuid = String(original.uuid);
    const mine = byUuid.get(uuid) ?? [];
    const counted = mine.filter((answer) => answer.outcome === 'counted');
    if (counted.length !== 1) {
      findings.push(`${uuid}: counted ${counted.length} times`);
      continue;
    }
    for (const answer of mine) {
      if (!['counted', 'duplicate', 'conflict'].includes(answer.outcome)) {
        continue;
      }
      const want =
        answer === counted[0]
          ? 'counted'
          : sameContent(answer.sent, counted[0].sent)
            ? 'duplicate'
            : 'conflict';
      if (answer.outcome !== want) {
        findings.push(`${uuid}: answered ${answer.outcome}, not ${want}`);
      }
    }
  }
  return findings;
}

/**
 * `rounds` race rounds through these replicas, each expected to find
 * nothing wrong; a failure names its round and its first findings.
 */
export async function expectCleanRaces(
  bases: string[],
  rounds: number,
  options: RaceOptions = {},
): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    const { originals, answers } = await raceRound(bases, options);
    const findings = raceFindings(originals, answers);
    expect({
      round,
      findings: findings.slice(0, 5),
      count: findings.length,
    }).toEqual({ round, findings: [], count: 0 });
  }
}
