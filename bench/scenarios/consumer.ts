import { ceilingsOf, Scenario } from '../support/scenario';
import * as amqp from 'amqplib';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'mysql2/promise';
import { SECONDS, aMessage } from '../support/settings';
import { Line } from '../support/report';
import { peakRssMb, cpuShares } from '../support/cpu';
import { startService, stop } from '../support/service-process';
import { truncate } from '../support/database';
import { metric } from './cluster';

// --- the RabbitMQ consumer -------------------------------------------------------
export const AMQP_URL =
  process.env.BENCH_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

/**
 * The consumer's throughput: a queue filled first (publisher confirms),
 * then a service started on it, timed until the ledger holds every message.
 * Beside it, the batch endpoint's line of the same run.
 */
export async function consumerThroughput(pool: Pool): Promise<Line> {
  const total = Math.max(50_000, Math.round(SECONDS * 10_000));
  const queue = `bench.message-stats.${randomBytes(4).toString('hex')}`;
  const connection = await amqp.connect(AMQP_URL);
  const channel = await connection.createConfirmChannel();
  try {
    await channel.assertQueue(queue, { durable: true });
    for (let sent = 0; sent < total; sent += 1000) {
      for (let i = 0; i < 1000; i++) {
        channel.sendToQueue(queue, Buffer.from(JSON.stringify(aMessage())), {
          persistent: true,
        });
      }
      await channel.waitForConfirms();
    }
    await truncate(pool);
    const { child, base } = await startService(3998, {
      AMQP_URL,
      AMQP_QUEUE: queue,
      ...(process.env.BENCH_AMQP_PREFETCH && {
        AMQP_PREFETCH: process.env.BENCH_AMQP_PREFETCH,
      }),
    });
    // The consumer starts before the service answers its health check:
    // the machine's CPU is shared out over what is consumed from here on.
    // Progress is read off the service's counter, seldom: a COUNT(*) of
    // the ledger every 50 ms scanned it and halved the consumer's rate
    // (MariaDB's CPU), and each scrape of /metrics costs the service too.
    const shares = cpuShares(child.pid!);
    const consumed = () => metric(base, 'message_stats_amqp_messages_total');
    const consumedBefore = await consumed();
    while ((await consumed()) < total) await sleep(250);
    // From the first group's commit to the last's: the consumer starts
    // consuming before the service answers its health check.
    const [[span]] = (await pool.query(
      'SELECT TIMESTAMPDIFF(MICROSECOND, MIN(received_at), MAX(received_at)) AS us FROM messages',
    )) as unknown as [[{ us: number }]];
    const seconds = Number(span.us) / 1e6;
    // The service's CPU and its share are of the same window and messages.
    const { serviceUs: cpuUs, note: machineCpu } = shares.perUnit(
      total - consumedBefore,
    );
    const rssMb = peakRssMb(child.pid!);
    await stop(child);
    return {
      name: `consumer: ${total.toLocaleString('en-US')} messages from RabbitMQ, prefetch ${process.env.BENCH_AMQP_PREFETCH ?? 2000}, groups of 500`,
      unit: 'messages/s',
      throughput: Math.round(total / seconds),
      p50: 0,
      p99: 0,
      errors: 0,
      rssMb,
      cpuUs,
      note: `${seconds.toFixed(1)} s from the first commit to the last (latency not measured); ${machineCpu}`,
    };
  } finally {
    await channel.deleteQueue(queue).catch(() => undefined);
    await channel.deleteQueue(`${queue}.dead`).catch(() => undefined);
    await connection.close();
  }
}

export const consumerScenario: Scenario = {
  name: 'consumer',
  async run(context) {
    const line = await consumerThroughput(context.pool);
    return [{ ...line, ceilings: ceilingsOf(context, ['DB 64/tx']) }];
  },
};
