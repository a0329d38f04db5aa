import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../support/test-app';

export const WRITER = 'writer-key-0123456789abcdef';
export const READER = 'reader-key-0123456789abcdef';
export const KEYS = `writer:ingest:${WRITER},reader:read:${READER}`;

/** A message of a day, sent with its own timestamp. */
export interface DayMessage {
  customerId: number;
  type: string;
  amount: string;
  date: string;
}

const DAY_MS = 86_400_000;

/**
 * Counts messages on past days as producers would have sent them: the
 * clock is moved to the end of each 30 days in turn and the days' messages
 * go in batches with their timestamps, inside the event window. The clock
 * is left at `now`.
 */
export async function sendDays(
  t: TestApp,
  messages: DayMessage[],
  now: string,
): Promise<void> {
  const sorted = [...messages].sort((a, b) => a.date.localeCompare(b.date));
  let start = 0;
  while (start < sorted.length) {
    const windowEnd =
      Date.parse(`${sorted[start].date}T00:00:00Z`) + 30 * DAY_MS;
    let end = start;
    while (
      end < sorted.length &&
      Date.parse(`${sorted[end].date}T00:00:00Z`) < windowEnd
    )
      end++;
    t.clock.set(new Date(windowEnd).toISOString());
    const chunk = sorted.slice(start, end);
    for (let i = 0; i < chunk.length; i += 1000) {
      const batch = chunk.slice(i, i + 1000).map((message) => ({
        customerId: message.customerId,
        type: message.type,
        amount: message.amount,
        uuid: randomUUID(),
        timestamp: `${message.date}T12:00:00.000Z`,
      }));
      const response = await t
        .http()
        .post('/messages/batch')
        .set('authorization', `Bearer ${WRITER}`)
        .send(batch);
      const counted = (
        response.body as { results?: { status: string }[] }
      ).results?.filter((result) => result.status === 'counted').length;
      if (response.status !== 200 || counted !== batch.length) {
        throw new Error(
          `seeding failed: ${response.status} ${JSON.stringify(response.body).slice(0, 500)}`,
        );
      }
    }
    start = end;
  }
  t.clock.set(now);
}

/** Every date from `from` to `to`, inclusive. */
export function datesOf(from: string, to: string): string[] {
  const dates: string[] = [];
  for (
    let t = Date.parse(`${from}T00:00:00Z`);
    t <= Date.parse(`${to}T00:00:00Z`);
    t += DAY_MS
  ) {
    dates.push(new Date(t).toISOString().slice(0, 10));
  }
  return dates;
}

export interface ApiItem {
  customerId: number;
  type: string;
  date?: string;
  messageCount: number;
  totalAmount: string;
}

export interface ApiPage {
  items: ApiItem[];
  nextCursor: string | null;
  settledThrough: string | null;
}

/** Every page of GET /stats, as the test reads it itself. */
export async function readApi(
  t: TestApp,
  query: Record<string, string>,
): Promise<ApiPage[]> {
  const pages: ApiPage[] = [];
  let cursor: string | null = null;
  do {
    const response: { body: unknown } = await t
      .http()
      .get('/stats')
      .query({ ...query, limit: '10000', ...(cursor ? { cursor } : {}) })
      .set('authorization', `Bearer ${READER}`)
      .expect(200);
    pages.push(response.body as ApiPage);
    cursor = (response.body as ApiPage).nextCursor;
  } while (cursor !== null);
  return pages;
}

/** Thousandths of an amount string, and back: the test's own exact sums. */
export const milli = (amount: string): bigint =>
  BigInt(amount.replace('.', ''));
export const amount = (thousandths: bigint): string => {
  const digits = thousandths.toString().padStart(4, '0');
  return `${digits.slice(0, -3)}.${digits.slice(-3)}`;
};
