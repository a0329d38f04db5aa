import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Amount } from '../../src/common/amount';
import { utcDateOf } from '../../src/common/utc-date';
import {
  inKeyOrder,
  LedgerEntry,
} from '../../src/database/repositories/ledger-entries';

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

export const BASELINE_NODE = process.env.BENCH_BASELINE_NODE || undefined;

export const AB_ROUNDS = Number(process.env.BENCH_AB_ROUNDS ?? 3);

/**
 * Load before a latency target's measured run, so that it measures a
 * service running, not starting: under one customer's year at 16
 * connections V8's compiler threads were still busy 8 s into the load
 * (10 % of the machine's CPU in the seconds after a 3 s warm-up).
 */
export const WARM_UP_SECONDS = 10;

/** BENCH_AB_LEDGER=year: the A/B writes on a year of ledger (the intervals dataset), not on empty tables. */
export const AB_LEDGER_CUSTOMERS =
  process.env.BENCH_AB_LEDGER === 'year'
    ? Number(process.env.BENCH_INTERVAL_CUSTOMERS ?? 1000)
    : 0;

export const CONNECTIONS = 64;

export const ONLY = process.env.BENCH_ONLY ?? '';

export const SERVER_URL = new URL(
  (
    process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/test'
  ).replace(/^mariadb:/, 'mysql:'),
);

export const DATABASE = 'bench_message_stats';

/** The URL of a database of that name on the benchmark's server. */
export function databaseUrlOf(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export const databaseUrl = databaseUrlOf(DATABASE);

export const ROOT = join(__dirname, '..', '..');

export const TYPES = ['A', 'B', 'C', 'D', 'E'];

/** The service runs as in production, so with an API key, which every request sends. */
export const API_KEY = randomBytes(24).toString('hex');

export const AUTHORIZATION = { authorization: `Bearer ${API_KEY}` };

export function aMessage() {
  return {
    customerId: 1 + Math.floor(Math.random() * 1000),
    type: TYPES[Math.floor(Math.random() * TYPES.length)],
    amount: (Math.floor(Math.random() * 10000) / 1000).toFixed(3),
    uuid: randomUUID(),
  };
}

/** `count` random messages received now, as ledger entries in key order: one transaction's. */
export function entriesReceivedNow(count: number): LedgerEntry[] {
  const receivedAt = new Date();
  return inKeyOrder(
    Array.from({ length: count }, () => {
      const { amount, ...message } = aMessage();
      return {
        ...message,
        amount: Amount.parse(amount),
        date: utcDateOf(receivedAt),
        receivedAt,
      };
    }),
  );
}

/** Whether BENCH_ONLY (scenario names, comma-separated) selects this scenario; unset selects all. */
export function selected(name: string): boolean {
  return ONLY === '' || ONLY.split(',').includes(name);
}
