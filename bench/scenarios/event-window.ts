import { truncate } from '../support/database';
import type { Line } from '../support/report';
import type { Scenario } from '../support/scenario';
import { startService, stop } from '../support/service-process';
import { measureWrites } from '../support/write-loads';
import { aMessage } from '../support/settings';

const DAY_MS = 86_400_000;

/**
 * Today only, without a timestamp and with one (its send time): what the
 * spread is held to, body for body. Spread: an instant anywhere in the
 * last 34 days.
 */
const SPREADS = {
  'today only': () => aMessage(),
  'today, timestamped': () => ({
    ...aMessage(),
    timestamp: new Date().toISOString(),
  }),
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
 * swapped order, on one service, each load on an empty ledger. Spread over 34 days, a batch's messages
 * touch many day counters where today's touch one per customer and type.
 */
export const eventWindowScenario: Scenario = {
  name: 'window',
  async run(context) {
    const { child, base } = await startService(3998);
    const found: Line[] = [];
    const spreads = Object.entries(SPREADS);
    try {
      for (let round = 1; round <= 2; round++) {
        for (const [name, message] of round === 1
          ? spreads
          : [...spreads].reverse()) {
          // Each load starts from an empty ledger: one that grew through
          // the loads before cost the later ones up to 3x in MariaDB.
          await truncate(context.pool);
          found.push(
            ...(await measureWrites(
              child.pid!,
              base,
              `window round ${round}, ${name}`,
              message,
            )),
          );
        }
      }
    } finally {
      await stop(child);
    }
    return found;
  },
};
