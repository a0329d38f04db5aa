import autocannon, { Result } from 'autocannon';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  SECONDS,
  WARM_UP_SECONDS,
  CONNECTIONS,
  AUTHORIZATION,
} from './settings';
import { Line } from './report';
import { cpuSeconds, cpuShares } from './cpu';

export async function load(
  url: string,
  options: Partial<autocannon.Options> & { makeBody?: () => string },
): Promise<Result> {
  const { makeBody, ...rest } = options;
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: AUTHORIZATION,
    ...(makeBody && {
      method: 'POST',
      headers: { ...AUTHORIZATION, 'content-type': 'application/json' },
      requests: [
        { setupRequest: (request) => ({ ...request, body: makeBody() }) },
      ],
    }),
    ...rest,
  });
}

export function fromAutocannon(
  name: string,
  result: Result,
  unitPerRequest = 1,
): Line {
  return {
    name,
    unit: unitPerRequest === 1 ? 'req/s' : 'messages/s',
    throughput: (result.requests.average * unitPerRequest) | 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/**
 * A latency target's load on the service `pid`, run by bench/support/load-process.js
 * in a process of its own (see there why), after WARM_UP_SECONDS of the same
 * load: the target is the latency of a running service, and one just started
 * answers its first thousands of requests before V8 has optimised their path
 * (p99 13 against 8-9 ms in one run). What the warm-up measured is returned
 * as a note, not counted.
 */
export async function loadRunning(
  pid: number,
  options: { url: string; connections: number; path: string; upTo?: number },
): Promise<{ result: Result; cpuUs: number; note: string }> {
  const load = { headers: AUTHORIZATION, upTo: 1, ...options };
  const warmUp = await loadFromAnotherProcess({
    ...load,
    duration: WARM_UP_SECONDS,
  });
  const shares = cpuShares(pid);
  const result = await loadFromAnotherProcess({ ...load, duration: SECONDS });
  const { serviceUs, note } = shares.perUnit(result.requests.total, 'request');
  return {
    result,
    cpuUs: serviceUs,
    note: `${note}; the first ${WARM_UP_SECONDS} s of load, before it: p50 ${warmUp.latency.p50} / p99 ${warmUp.latency.p99} ms`,
  };
}

/** A load run by bench/support/load-process.js in a process of its own (see there why). */
export async function loadFromAnotherProcess(
  options: Record<string, unknown>,
): Promise<Result> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(__dirname, 'load-process.js'), JSON.stringify(options)],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as Result;
}

/** Runs a load against a server process and adds what the process spent per unit. */
export async function loadOn(
  pid: number,
  url: string,
  options: Parameters<typeof load>[1],
  unitPerRequest = 1,
): Promise<{ result: Result; cpuUs: number }> {
  const before = cpuSeconds(pid);
  const result = await load(url, options);
  const units = result.requests.total * unitPerRequest;
  return {
    result,
    cpuUs: Math.round(((cpuSeconds(pid) - before) * 1e6) / units),
  };
}
