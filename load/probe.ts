import { randomUUID } from 'node:crypto';

/** What a lone producer and a readiness check saw while something else ran. */
export interface ProbeResult {
  /** Milliseconds each POST /messages took, in the order sent. */
  latencies: number[];
  /** How many POSTs got each status (or "failed"). */
  posts: Record<string, number>;
  /** How many readiness checks got each status (or "failed"). */
  ready: Record<string, number>;
}

export interface Probe {
  stop(): Promise<ProbeResult>;
}

const count = (counts: Record<string, number>, outcome: string) =>
  (counts[outcome] = (counts[outcome] ?? 0) + 1);

/**
 * A lone producer that sends one message at a time, a pause after each, and
 * an orchestrator that asks /health/ready every 250 ms: what a flood costs
 * the traffic that matters.
 */
export function startProbe(base: string, apiKey?: string): Probe {
  const result: ProbeResult = { latencies: [], posts: {}, ready: {} };
  const headers: Record<string, string> = apiKey
    ? { authorization: `Bearer ${apiKey}` }
    : {};
  let running = true;
  const pause = (ms: number) =>
    new Promise((resolve) => setTimeout(resolve, ms));

  async function produce(): Promise<void> {
    while (running) {
      const started = performance.now();
      try {
        const response = await fetch(`${base}/messages`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({
            customerId: 600_000,
            type: 'lone',
            amount: '0.001',
            uuid: randomUUID(),
          }),
          signal: AbortSignal.timeout(30_000),
        });
        await response.arrayBuffer();
        count(result.posts, String(response.status));
      } catch {
        count(result.posts, 'failed');
      }
      result.latencies.push(performance.now() - started);
      await pause(20);
    }
  }

  async function checkReadiness(): Promise<void> {
    while (running) {
      try {
        const response = await fetch(`${base}/health/ready`, {
          signal: AbortSignal.timeout(30_000),
        });
        await response.arrayBuffer();
        count(result.ready, String(response.status));
      } catch {
        count(result.ready, 'failed');
      }
      await pause(250);
    }
  }

  const done = Promise.all([produce(), checkReadiness()]);
  return {
    async stop() {
      running = false;
      await done;
      return result;
    },
  };
}

/** The value below which `p` percent of the numbers fall. */
export function percentile(numbers: number[], p: number): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}
