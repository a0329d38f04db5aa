import { cpuShares, peakRssMb } from '../support/cpu';
import { truncate } from '../support/database';
import { fromAutocannon, loadOn } from '../support/load';
import type { Line } from '../support/report';
import type { Scenario } from '../support/scenario';
import { startService, stop } from '../support/service-process';
import { aMessage } from '../support/settings';

const DAY_MS = 86_400_000;

/** Today only: no timestamp. Spread: an instant anywhere in the last 34 days. */
const SPREADS = {
  'today only': () => aMessage(),
  'timestamps over the window': () => ({
    ...aMessage(),
    timestamp: new Date(
      Date.now() - Math.floor(Math.random() * 34 * DAY_MS),
    ).toISOString(),
  }),
};

/**
 * Counting into any day of the window against counting into today:
 * POST /messages and batches of 500, each spread in turn, two rounds in
 * swapped order, on one service. Spread over 34 days, a batch's messages
 * touch many day counters where today's touch one per customer and type.
 */
export const eventWindowScenario: Scenario = {
  name: 'window',
  async run(context) {
    await truncate(context.pool);
    const { child, base } = await startService(3998);
    const found: Line[] = [];
    const spreads = Object.entries(SPREADS);
    try {
      for (let round = 1; round <= 2; round++) {
        for (const [name, message] of round === 1
          ? spreads
          : [...spreads].reverse()) {
          const single = await loadOn(child.pid!, `${base}/messages`, {
            makeBody: () => JSON.stringify(message()),
          });
          found.push({
            ...fromAutocannon(
              `window round ${round}, ${name}: POST /messages`,
              single.result,
            ),
            rssMb: peakRssMb(child.pid!),
            cpuUs: single.cpuUs,
          });
          const shares = cpuShares(child.pid!);
          const batch = await loadOn(
            child.pid!,
            `${base}/messages/batch`,
            {
              connections: 16,
              makeBody: () =>
                JSON.stringify(Array.from({ length: 500 }, message)),
            },
            500,
          );
          found.push({
            ...fromAutocannon(
              `window round ${round}, ${name}: POST /messages/batch, 500 per request, 16 connections`,
              batch.result,
              500,
            ),
            rssMb: peakRssMb(child.pid!),
            cpuUs: batch.cpuUs,
            note: shares.perUnit(batch.result.requests.total * 500).note,
          });
        }
      }
    } finally {
      await stop(child);
    }
    return found;
  },
};
