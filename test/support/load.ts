import type { WireMessage } from './message-factory';

/** What one message got: an HTTP status, or 'failed' when the connection did. */
export type Outcome = number | 'failed';

export interface Load {
  /** Resolves when every message has an outcome. */
  done: Promise<Map<string, Outcome>>;
  /** How many messages have an outcome so far. */
  answered(): number;
}

/**
 * Sends each message once to POST /messages of the given bases in turn,
 * `concurrency` at a time, and records what each got.
 */
export function sendAll(
  bases: string[],
  messages: WireMessage[],
  concurrency: number,
): Load {
  const outcomes = new Map<string, Outcome>();
  let next = 0;
  async function worker(): Promise<void> {
    while (next < messages.length) {
      const i = next++;
      const message = messages[i];
      try {
        const response = await fetch(`${bases[i % bases.length]}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(message),
          signal: AbortSignal.timeout(15000),
        });
        await response.arrayBuffer();
        outcomes.set(String(message.uuid), response.status);
      } catch {
        outcomes.set(String(message.uuid), 'failed');
      }
    }
  }
  return {
    done: Promise.all(Array.from({ length: concurrency }, worker)).then(
      () => outcomes,
    ),
    answered: () => outcomes.size,
  };
}

/** The expected counters of a set of messages, each counted once, keyed "customer/type". */
export function modelOf(
  messages: WireMessage[],
): Map<string, { messageCount: number; milli: bigint }> {
  const model = new Map<string, { messageCount: number; milli: bigint }>();
  for (const m of messages) {
    const key = `${String(m.customerId)}/${String(m.type)}`;
    const [units, decimals = ''] = String(m.amount).split('.');
    const entry = model.get(key) ?? { messageCount: 0, milli: 0n };
    entry.messageCount += 1;
    entry.milli +=
      BigInt(units) * 1000n + BigInt(decimals.padEnd(3, '0') || '0');
    model.set(key, entry);
  }
  return model;
}

export function formatMilli(milli: bigint): string {
  return `${milli / 1000n}.${String(milli % 1000n).padStart(3, '0')}`;
}
