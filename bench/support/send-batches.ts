import { AUTHORIZATION } from './settings';

/**
 * Sends `count` messages to a running service as POST /messages/batch of
 * 1000, `connections` at once, each message made by `message(i)`: the way
 * to fill a ledger that does not depend on its layout, so that two builds
 * with different tables get the same data. Answers the seconds it took.
 */
export async function sendBatches(
  base: string,
  count: number,
  message: (index: number) => object,
  connections = 4,
): Promise<number> {
  const started = Date.now();
  let next = 0;
  async function worker(): Promise<void> {
    while (next < count) {
      const from = next;
      next = Math.min(count, next + 1000);
      const batch = Array.from({ length: next - from }, (_, i) =>
        message(from + i),
      );
      const response = await fetch(`${base}/messages/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...AUTHORIZATION },
        body: JSON.stringify(batch),
      });
      const body = await response.text();
      if (response.status !== 200) {
        throw new Error(`batch at ${from}: ${response.status} ${body}`);
      }
    }
  }
  await Promise.all(Array.from({ length: connections }, worker));
  return (Date.now() - started) / 1000;
}
