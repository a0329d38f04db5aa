/**
 * A producer written against the client generated from openapi.json
 * (openapi-typescript types, openapi-fetch requests): what a client author
 * gets. CI type-checks it and runs it against the service it just built.
 *
 *   npm run client:check                          generate the types, type-check this
 *   MESSAGE_STATS_URL=http://localhost:3000 \
 *   MESSAGE_STATS_API_KEY=… node examples/producer/producer.mts
 *
 * The key needs both scopes. Exit 1, saying what differed, if the service
 * does not answer as its contract says.
 */
import { randomInt, randomUUID } from 'node:crypto';
import createClient from 'openapi-fetch';
import type { paths } from './api.js';

const baseUrl = process.env.MESSAGE_STATS_URL ?? 'http://localhost:3000';
const key = process.env.MESSAGE_STATS_API_KEY;
const client = createClient<paths>({
  baseUrl,
  headers: key === undefined ? {} : { authorization: `Bearer ${key}` },
});

function expectEqual(what: string, actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(
      `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
    );
  }
}

// A customer of its own, so the numbers below are this run's alone.
const customerId = randomInt(1_000_000, 2 ** 47);
const message = { customerId, type: 'A', amount: '0.012', uuid: randomUUID() };

const first = await client.POST('/messages', { body: message });
expectEqual(
  'a new message',
  [first.response.status, first.data?.status],
  [201, 'counted'],
);

const again = await client.POST('/messages', { body: message });
expectEqual(
  'the same message again',
  [again.response.status, again.data?.status],
  [200, 'duplicate'],
);

const conflict = await client.POST('/messages', {
  body: { ...message, amount: '7' },
});
expectEqual(
  'its uuid with another amount',
  [conflict.response.status, conflict.error?.type],
  [409, 'urn:message-stats:problem:uuid-conflict'],
);

const batch = await client.POST('/messages/batch', {
  body: [
    { customerId, type: 'A', amount: '999999999999.999', uuid: randomUUID() },
    { customerId, amount: '1', uuid: randomUUID() },
    message,
  ],
});
expectEqual(
  'a batch',
  batch.data?.results.map((result) => result.status),
  ['counted', 'counted', 'duplicate'],
);

const found = await client.GET('/messages/{uuid}', {
  params: { path: { uuid: message.uuid.toUpperCase() } },
});
expectEqual(
  'the message, looked up',
  [found.data?.uuid, found.data?.amount],
  [message.uuid, '0.012'],
);

const day = found.data?.date ?? '';
const stats = await client.GET('/stats', {
  params: { query: { from: day, to: day, customerId } },
});
expectEqual(
  'its statistics',
  stats.data?.items.map(({ type, messageCount, totalAmount }) => ({
    type,
    messageCount,
    totalAmount,
  })),
  [
    { type: '', messageCount: 1, totalAmount: '1.000' },
    { type: 'A', messageCount: 2, totalAmount: '1000000000000.011' },
  ],
);

const invalid = await client.GET('/stats', {
  params: { query: { from: day, to: '2000-01-01' } },
});
expectEqual(
  'an interval that ends before it starts',
  [invalid.response.status, invalid.error?.errors?.[0]?.field],
  [400, 'to'],
);

const ready = await client.GET('/health/ready');
expectEqual('readiness', ready.data, { status: 'ok' });

console.log(
  `producer: ${baseUrl} answered as openapi.json says (customer ${customerId})`,
);
