import { cpuShares, peakRssMb } from './cpu';
import { fromAutocannon, loadOn } from './load';
import type { Line } from './report';

/**
 * The write path on a running service, as the A/B comparisons measure it:
 * POST /messages at 64 connections, then batches of 500 at 16, each line
 * with the service's CPU per unit and the machine's shares beside it.
 */
export async function measureWrites(
  pid: number,
  base: string,
  label: string,
  message: () => object,
): Promise<Line[]> {
  const singleShares = cpuShares(pid);
  const single = await loadOn(pid, `${base}/messages`, {
    makeBody: () => JSON.stringify(message()),
  });
  const singleLine: Line = {
    ...fromAutocannon(`${label}: POST /messages`, single.result),
    rssMb: peakRssMb(pid),
    cpuUs: single.cpuUs,
    note: singleShares.perUnit(single.result.requests.total).note,
  };
  const batchShares = cpuShares(pid);
  const batch = await loadOn(
    pid,
    `${base}/messages/batch`,
    {
      connections: 16,
      makeBody: () => JSON.stringify(Array.from({ length: 500 }, message)),
    },
    500,
  );
  return [
    singleLine,
    {
      ...fromAutocannon(
        `${label}: POST /messages/batch, 500 per request, 16 connections`,
        batch.result,
        500,
      ),
      rssMb: peakRssMb(pid),
      cpuUs: batch.cpuUs,
      note: batchShares.perUnit(batch.result.requests.total * 500).note,
    },
  ];
}
