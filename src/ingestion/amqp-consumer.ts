import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import type { ConsumeMessage } from 'amqplib';
import { setTimeout as sleep } from 'node:timers/promises';
import { AmqpConfig, AppConfig } from '../config/app-config';
import { loggableError } from '../database/database-errors';
import { ConsumedOutcome, MetricsService } from '../metrics/metrics.service';
import { AcknowledgementWindow } from './acknowledgement-window';
import { AmqpLink, closeAmqpLink, openAmqpLink } from './amqp-connection';
import { parseMessageBody } from './amqp-message';
import { Disposal, publishDeadLetter } from './dead-letter';
import { writeGroup } from './group-writer';
import { IngestionService } from './ingestion.service';
import { consumerBackoff as backoff, SharedRetry } from './shared-retry';

/** One connection's consumer: its deliveries are acknowledged on its channel only. */
interface Consuming extends AmqpLink {
  /** Undefined while deliveries are paused (the database is away). */
  consumerTag?: string;
  window: AcknowledgementWindow<ConsumeMessage>;
}

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
  private pending: ConsumeMessage[] = [];
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
    await closeAmqpLink(consuming);
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
    const link = await openAmqpLink(config, this.logger, ({ connection }) => {
      if (this.stopping || this.consuming?.connection !== connection) return;
      // Unacknowledged deliveries go back to the queue; reconnect for them.
      this.consuming = undefined;
      this.pending = [];
      this.logger.warn('RabbitMQ connection closed; reconnecting');
      this.connecting = this.connect(config);
    });
    const consuming: Consuming = {
      ...link,
      window: new AcknowledgementWindow(),
    };
    try {
      if (!this.writes.failing) await this.take(consuming);
      return consuming;
    } catch (error) {
      await closeAmqpLink(link);
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
    return this.pending.length + (this.consuming?.window.held ?? 0);
  }

  private receive(message: ConsumeMessage): void {
    const { groupSize, lingerMs } = this.config!;
    this.pending.push(message);
    if (this.pending.length >= groupSize) this.flush();
    else this.lingering ??= setTimeout(() => this.flush(), lingerMs);
  }

  private flush(): void {
    clearTimeout(this.lingering);
    this.lingering = undefined;
    const consuming = this.consuming;
    if (this.pending.length === 0 || !consuming) return;
    // While the database is away, deliveries gather into full groups
    // (written when it is back) rather than into thousands of small ones.
    if (this.writes.failing && this.pending.length < this.config!.groupSize)
      return;
    const group = this.pending;
    this.pending = [];
    consuming.window.add(group);
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
    group: ConsumeMessage[],
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
    const disposals = new Map<ConsumeMessage, Disposal>();
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
            () => writeGroup(this.ingestion, messages),
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
      publishDeadLetter(channel, this.config!, delivery, problem);
    }
    // Dead letters are safe in their queue before their originals go.
    if (deadLetters.length > 0) await channel.waitForConfirms();
    for (const delivery of group) {
      const disposal = disposals.get(delivery)!;
      this.metrics.countConsumed(
        'ack' in disposal ? disposal.ack : disposal.deadLetter,
      );
    }
    const last = consuming.window.finish(group);
    if (last) channel.ack(last, true);
  }
}
