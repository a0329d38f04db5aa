import { Logger } from '@nestjs/common';
import * as amqp from 'amqplib';
import type { AmqpConfig } from '../config/app-config';

/** A connection to the broker and its one confirm channel. */
export interface AmqpLink {
  connection: amqp.ChannelModel;
  channel: amqp.ConfirmChannel;
}

/** The queue where messages the service refuses go, with their problem. */
export const deadLetterQueue = (config: Pick<AmqpConfig, 'queue'>) =>
  `${config.queue}.dead`;

/**
 * Connects and opens a confirm channel with the queue, its dead-letter
 * queue and the prefetch window. A channel the broker closes (say, on an
 * error of ours) ends its connection too, so that `onClosed` hears of it
 * and the consumer reconnects instead of stalling.
 */
export async function openAmqpLink(
  config: AmqpConfig,
  logger: Logger,
  onClosed: (link: AmqpLink) => void,
): Promise<AmqpLink> {
  const connection = await amqp.connect(config.url);
  try {
    const channel = await connection.createConfirmChannel();
    await channel.assertQueue(config.queue, { durable: true });
    await channel.assertQueue(deadLetterQueue(config), { durable: true });
    await channel.prefetch(config.prefetch);
    const link = { connection, channel };
    connection.on('error', (error: Error) =>
      logger.warn(`RabbitMQ connection error: ${error.message}`),
    );
    connection.on('close', () => onClosed(link));
    channel.on('error', (error: Error) =>
      logger.warn(`RabbitMQ channel error: ${error.message}`),
    );
    channel.on('close', () => {
      connection.close().catch(() => undefined);
    });
    return link;
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw error;
  }
}

/** Closes the channel and its connection, whatever state they are in. */
export async function closeAmqpLink(link: AmqpLink | undefined): Promise<void> {
  await link?.channel.close().catch(() => undefined);
  await link?.connection.close().catch(() => undefined);
}
