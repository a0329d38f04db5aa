import { percentile } from '../../load/probe';
import { AUTHORIZATION } from './settings';

/** One walk through a query's pages: its time and how many items it answered. */
async function walk(
  paths: string[],
  base: string,
): Promise<{ ms: number; items: number }> {
  const started = performance.now();
  let items = 0;
  let cursor: string | null = null;
  for (const path of paths) {
    const url: string = `${base}${path}${cursor === null ? '' : `&cursor=${cursor}`}`;
    const response = await fetch(url, { headers: AUTHORIZATION });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    const body = (await response.json()) as {
      items: unknown[];
      nextCursor: string | null;
    };
    items += body.items.length;
    cursor = body.nextCursor;
  }
  return { ms: performance.now() - started, items };
}

/** Tenths of a millisecond: one customer's reads take one or two. */
function summary(times: number[], items: number) {
  times.sort((a, b) => a - b);
  return {
    p50: Math.round(percentile(times, 50) * 10) / 10,
    p99: Math.round(percentile(times, 99) * 10) / 10,
    items,
  };
}

/** One request at a time, `runs` times: the latency of a query alone. */
export async function timeRequests(
  paths: () => string[],
  base: string,
  runs: number,
): Promise<{ p50: number; p99: number; items: number }> {
  const times: number[] = [];
  let items = 0;
  for (let run = 0; run < runs; run++) {
    const walked = await walk(paths(), base);
    times.push(walked.ms);
    items = walked.items;
  }
  return summary(times, items);
}

/**
 * Two queries timed in turn, A B A B, `runs` times each: a host whose
 * speed drifts during the run slows both alike, so their ratio holds.
 */
export async function timeAlternately(
  a: () => string[],
  b: () => string[],
  base: string,
  runs: number,
) {
  const times: [number[], number[]] = [[], []];
  const items = [0, 0];
  for (let run = 0; run < runs; run++) {
    for (const [index, paths] of [a, b].entries()) {
      const walked = await walk(paths(), base);
      times[index].push(walked.ms);
      items[index] = walked.items;
    }
  }
  return [summary(times[0], items[0]), summary(times[1], items[1])] as const;
}
