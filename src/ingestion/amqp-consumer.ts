import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  UnprocessableEntityException,
} from '@nestjs/common';
import * as amqp from 'amqplib';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProblemType } from '../common/problem-details';
import { AmqpConfig, AppConfig } from '../config/app-config';
import { loggableError } from '../database/database-errors';
import { ConsumedOutcome, MetricsService } from '../metrics/metrics.service';
import { IngestMessageDto } from './dto/ingest-message.dto';
import { MessageProblem, parseMessageBody } from './amqp-message';
import { IngestionService } from './ingestion.service';
import { consumerBackoff as backoff, SharedRetry } from './shared-retry';

/** Most messages in one transaction, as in one POST /messages/batch. */
const GROUP_SIZE = 500;
/** How long a group waits for more deliveries before it is written. */
const LINGER_MS = 5;

/** One connection's consumer: its deliveries are acknowledged on its channel only. */
interface Consuming {
  connection: amqp.ChannelModel;
  channel: amqp.ConfirmChannel;
  /** Undefined while deliveries are paused (the database is away). */
  consumerTag?: string;
  /** Groups handed to the database and not yet acknowledged, oldest first. */
  unacknowledged: amqp.ConsumeMessage[][];
  finished: Set<amqp.ConsumeMessage[]>;
}

/** What to do with one delivery once its group is written. */
type Disposal =
  | { ack: ConsumedOutcome }
  | { deadLetter: ConsumedOutcome; problem: MessageProblem };

/**
 * The RabbitMQ front door, off unless AMQP_URL is set: consumes the queue's
 * messages (the JSON of POST /messages, one per AMQP message) with manual
 * acknowledgements and a prefetch window, and writes them in groups of up
 * to 500 through the batch endpoint's transaction. A message is
 * acknowledged only after the transaction that counted it (or found it
 * counted) committed. Invalid messages, uuid conflicts and counters that
 * would overflow go to the dead-letter queue `<queue>.dead` with the problem
 * in their headers. While the database is unavailable nothing is
 * acknowledged: one group is retried with backoff while the others wait
 * (SharedRetry) and new deliveries gather into full groups, and whatever a
 * stopped consumer held is delivered again, where the ledger answers it
 * duplicate.
 */
@Injectable()
export class AmqpConsumer
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(AmqpConsumer.name);
  private readonly config?: AmqpConfig;
  private consuming?: Consuming;
  private pending: amqp.ConsumeMessage[] = [];
  private lingering?: NodeJS.Timeout;
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;
  private connecting?: Promise<void>;
  private readonly writes = new SharedRetry(
    backoff,
    (error, wait) =>
      this.logger.warn(
        `cannot write consumed messages (${loggableError(error).summary}); ${this.held()} message(s) held, none acknowledged; retrying in ${Math.round(wait)} ms`,
      ),
    { began: () => this.pause(), ended: () => this.resume() },
  );

  constructor(
    config: AppConfig,
    private readonly ingestion: IngestionService,
    private readonly metrics: MetricsService,
  ) {
    this.config = config.amqp;
  }

  onApplicationBootstrap(): void {
    // The service starts whether the broker is up or not; it keeps trying.
    if (this.config) this.connecting = this.connect(this.config);
  }

  /** SIGTERM: no new deliveries; what was delivered is written and acknowledged; then close. */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.config) return;
    this.stopping = true;
    await this.connecting;
    const consuming = this.consuming;
    if (consuming?.consumerTag) {
      await consuming.channel
        .cancel(consuming.consumerTag)
        .catch(() => undefined);
    }
    this.flush();
    const held = this.held();
    if (held > 0) {
      this.logger.log(
        `stopping: ${held} consumed message(s) are written and acknowledged first`,
      );
    }
    await Promise.all(this.inFlight);
    this.logger.log('stopped consuming from RabbitMQ');
    this.consuming = undefined;
    await consuming?.channel.close().catch(() => undefined);
    await consuming?.connection.close().catch(() => undefined);
  }

  private async connect(config: AmqpConfig): Promise<void> {
    for (let attempt = 0; !this.stopping; attempt++) {
      try {
        this.consuming = await this.open(config);
        this.logger.log(
          `consuming ${config.queue} (prefetch ${config.prefetch})`,
        );
        return;
      } catch (error) {
        const wait = backoff(attempt);
        this.logger.warn(
          `cannot consume from RabbitMQ (${loggableError(error).summary}); retrying in ${Math.round(wait)} ms`,
        );
        await sleep(wait);
      }
    }
  }

  private async open(config: AmqpConfig): Promise<Consuming> {
    const connection = await amqp.connect(config.url);
    try {
      const channel = await connection.createConfirmChannel();
      await channel.assertQueue(config.queue, { durable: true });
      await channel.assertQueue(`${config.queue}.dead`, { durable: true });
      await channel.prefetch(config.prefetch);
      connection.on('error', (error: Error) =>
        this.logger.warn(`RabbitMQ connection error: ${error.message}`),
      );
      connection.on('close', () => {
        if (this.stopping || this.consuming?.connection !== connection) return;
        // Unacknowledged deliveries go back to the queue; reconnect for them.
        this.consuming = undefined;
        this.pending = [];
        this.logger.warn('RabbitMQ connection closed; reconnecting');
        this.connecting = this.connect(config);
      });
      // A channel the broker closed (say, on an error of ours) ends its
      // connection too, so that the consumer reconnects instead of stalling.
      channel.on('error', (error: Error) =>
        this.logger.warn(`RabbitMQ channel error: ${error.message}`),
      );
      channel.on('close', () => {
        if (!this.stopping) connection.close().catch(() => undefined);
      });
      const consuming: Consuming = {
        connection,
        channel,
        unacknowledged: [],
        finished: new Set(),
      };
      if (!this.writes.failing) await this.take(consuming);
      return consuming;
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
  }

  /** Starts the deliveries on the connection's channel. */
  private async take(consuming: Consuming): Promise<void> {
    const { consumerTag } = await consuming.channel.consume(
      this.config!.queue,
      (message) => {
        if (message) this.receive(message);
      },
    );
    consuming.consumerTag = consumerTag;
  }

  /**
   * The database is away: no more deliveries until it is back. Those held
   * stay unacknowledged, and the rest wait in the queue, where they cost
   * the service nothing.
   */
  private pause(): void {
    const consuming = this.consuming;
    const tag = consuming?.consumerTag;
    if (!consuming || tag === undefined) return;
    consuming.consumerTag = undefined;
    consuming.channel.cancel(tag).catch(() => undefined);
    this.logger.warn(
      'taking no deliveries from RabbitMQ until consumed messages can be written again',
    );
  }

  /** The database is back: write what was held back, and take deliveries again. */
  private resume(): void {
    this.flush();
    const consuming = this.consuming;
    if (!consuming || consuming.consumerTag !== undefined || this.stopping)
      return;
    this.logger.log('consumed messages are written again; taking deliveries');
    this.take(consuming).catch((error) => {
      this.logger.warn(
        `cannot take deliveries again (${loggableError(error).summary}); reconnecting`,
      );
      consuming.connection.close().catch(() => undefined);
    });
  }

  /** Messages delivered and not yet acknowledged. */
  private held(): number {
    const groups = this.consuming?.unacknowledged ?? [];
    return groups.reduce((n, group) => n + group.length, this.pending.length);
  }

  private receive(message: amqp.ConsumeMessage): void {
    this.pending.push(message);
    if (this.pending.length >= GROUP_SIZE) this.flush();
    else this.lingering ??= setTimeout(() => this.flush(), LINGER_MS);
  }

  private flush(): void {
    clearTimeout(this.lingering);
    this.lingering = undefined;
    const consuming = this.consuming;
    if (this.pending.length === 0 || !consuming) return;
    // While the database is away, deliveries gather into full groups
    // (written when it is back) rather than into thousands of small ones.
    if (this.writes.failing && this.pending.length < GROUP_SIZE) return;
    const group = this.pending;
    this.pending = [];
    consuming.unacknowledged.push(group);
    const work = this.write(group, consuming).catch((error) => {
      this.logger.error(
        `a group of ${group.length} message(s) was left unacknowledged: ${loggableError(error).summary}`,
      );
      // Later groups cannot be acknowledged past it: start over on a new
      // connection, and the broker delivers the unacknowledged again.
      consuming.connection.close().catch(() => undefined);
    });
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** Writes a group and then acknowledges or dead-letters each of its messages. */
  private async write(
    group: amqp.ConsumeMessage[],
    consuming: Consuming,
  ): Promise<void> {
    const { channel } = consuming;
    const redelivered = group.filter((m) => m.fields.redelivered).length;
    if (redelivered > 0) this.metrics.countRedelivered(redelivered);
    const parsed = group.map((delivery) => ({
      delivery,
      ...parseMessageBody(delivery.content, delivery.properties),
    }));
    const valid = parsed.flatMap((p) =>
      'message' in p ? [{ delivery: p.delivery, message: p.message }] : [],
    );
    const disposals = new Map<amqp.ConsumeMessage, Disposal>();
    for (const p of parsed) {
      if ('problem' in p) {
        disposals.set(p.delivery, {
          deadLetter: 'invalid',
          problem: p.problem,
        });
      }
    }
    const messages = valid.map((v) => v.message);
    const written =
      messages.length === 0
        ? []
        : await this.writes.run(
            () => this.record(messages),
            () => this.stopping,
          );
    // Stopped before the group was written: nothing is acknowledged, and
    // the broker delivers it again.
    if (written === undefined) return;
    valid.forEach(({ delivery }, i) => disposals.set(delivery, written[i]));

    const deadLetters = group.filter((d) => 'deadLetter' in disposals.get(d)!);
    for (const delivery of deadLetters) {
      const { problem } = disposals.get(delivery) as Extract<
        Disposal,
        { deadLetter: ConsumedOutcome }
      >;
      channel.sendToQueue(`${this.config!.queue}.dead`, delivery.content, {
        ...delivery.properties,
        persistent: true,
        headers: {
          ...delivery.properties.headers,
          'x-problem-type': problem.type,
          'x-problem-title': problem.title,
          'x-problem-status': problem.status,
          'x-problem-detail': problem.detail,
        },
      });
    }
    // Dead letters are safe in their queue before their originals go.
    if (deadLetters.length > 0) await channel.waitForConfirms();
    for (const delivery of group) {
      const disposal = disposals.get(delivery)!;
      this.metrics.countConsumed(
        'ack' in disposal ? disposal.ack : disposal.deadLetter,
      );
    }
    this.acknowledge(group, consuming);
  }

  /**
   * Acknowledges groups in delivery order, each run of finished groups with
   * one frame (`multiple`): a group's deliveries are consecutive, so the
   * last tag of the oldest finished groups covers exactly them. A group
   * finished before an older one waits for it.
   */
  private acknowledge(
    group: amqp.ConsumeMessage[],
    { channel, unacknowledged, finished }: Consuming,
  ): void {
    finished.add(group);
    let last: amqp.ConsumeMessage | undefined;
    while (unacknowledged.length > 0 && finished.has(unacknowledged[0])) {
      const oldest = unacknowledged.shift()!;
      finished.delete(oldest);
      last = oldest[oldest.length - 1];
    }
    if (last) channel.ack(last, true);
  }

  /**
   * One transaction for the group. If a counter would overflow, the whole
   * transaction is refused: the group is then written one message at a
   * time, and only the messages refused alone are dead-lettered.
   */
  private async record(messages: IngestMessageDto[]): Promise<Disposal[]> {
    try {
      const { results } = await this.ingestion.ingestBatch(messages);
      return results.map(({ status }) =>
        status === 'conflict'
          ? {
              deadLetter: 'conflict',
              problem: {
                type: ProblemType.uuidConflict,
                title: 'uuid already used',
                status: 409,
                detail:
                  'The uuid was already counted with different content; nothing was changed.',
              },
            }
          : { ack: status },
      );
    } catch (error) {
      if (!(error instanceof UnprocessableEntityException)) throw error;
      if (messages.length === 1) {
        const { title, detail } = error.getResponse() as {
          title?: string;
          detail?: string;
        };
        return [
          {
            deadLetter: 'overflow',
            problem: {
              type: ProblemType.counterOverflow,
              title: title ?? 'Counter would overflow',
              status: 422,
              detail: detail ?? 'A counter would overflow.',
            },
          },
        ];
      }
    }
    const disposals: Disposal[] = [];
    for (const message of messages) {
      disposals.push(...(await this.record([message])));
    }
    return disposals;
  }
}
