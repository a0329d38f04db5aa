/**
 * Floods a service with one kind of heavy request from a process of its
 * own, so that the process measuring a lone producer beside it shares no
 * event loop with the flood. Used by the fault tests and by npm run bench:
 *
 *   node -r ts-node/register/transpile-only load/flood.ts \
 *     <base> <batches|invalid-batches|stats> <connections> <seconds> [api key]
 *
 * or floodFromAnotherProcess() below.
 *
 * Prints one JSON line when done: how many requests got each status, and
 * how many failed without one.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

export const FLOODS = ['batches', 'invalid-batches', 'stats'] as const;
export type Flood = (typeof FLOODS)[number];

/** Enough padding per message to make a batch of 1000 about 1 MiB. */
const PADDING = 'x'.repeat(900);

function batchBody(valid: boolean): string {
  return JSON.stringify(
    Array.from({ length: 1000 }, (_, i) => ({
      customerId: 500_000 + (i % 50),
      type: 'flood',
      amount: valid ? '0.001' : 1,
      uuid: randomUUID(),
      padding: PADDING,
    })),
  );
}

function requestOf(
  flood: Flood,
  base: string,
  headers: Record<string, string>,
): [string, RequestInit] {
  if (flood === 'stats') {
    return [
      `${base}/stats?from=2000-01-01&to=2099-12-31&limit=10000`,
      { headers },
    ];
  }
  return [
    `${base}/messages/batch`,
    {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: batchBody(flood === 'batches'),
    },
  ];
}

export async function flood(
  base: string,
  kind: Flood,
  connections: number,
  seconds: number,
  apiKey?: string,
): Promise<Record<string, number>> {
  const headers: Record<string, string> = apiKey
    ? { authorization: `Bearer ${apiKey}` }
    : {};
  const deadline = Date.now() + seconds * 1000;
  const counts: Record<string, number> = {};
  const count = (outcome: string) =>
    (counts[outcome] = (counts[outcome] ?? 0) + 1);
  async function worker(): Promise<void> {
    while (Date.now() < deadline) {
      const [url, init] = requestOf(kind, base, headers);
      try {
        const response = await fetch(url, {
          ...init,
          signal: AbortSignal.timeout(60_000),
        });
        await response.arrayBuffer();
        count(String(response.status));
      } catch {
        count('failed');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }
  await Promise.all(Array.from({ length: connections }, worker));
  return counts;
}

/**
 * Runs a flood from a process of its own (this file, through ts-node), so
 * that it shares no event loop with whoever measures beside it.
 */
export function floodFromAnotherProcess(
  base: string,
  kind: Flood,
  connections: number,
  seconds: number,
  apiKey: string,
): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        __filename,
        base,
        kind,
        String(connections),
        String(seconds),
        apiKey,
      ],
      {
        cwd: join(__dirname, '..'),
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as Record<string, number>)
        : reject(new Error(`the ${kind} flood exited with ${code}`)),
    );
  });
}

if (require.main === module) {
  const [base, kind, connections, seconds, apiKey] = process.argv.slice(2);
  if (!(FLOODS as readonly string[]).includes(kind)) {
    console.error(`unknown flood ${kind}; one of ${FLOODS.join(', ')}`);
    process.exit(2);
  }
  void flood(
    base,
    kind as Flood,
    Number(connections),
    Number(seconds),
    apiKey,
  ).then((counts) => console.log(JSON.stringify(counts)));
}
