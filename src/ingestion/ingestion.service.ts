import { Injectable } from '@nestjs/common';
import { Amount } from '../common/amount';
import { Clock } from '../common/clock';
import { parseTimestamp } from '../common/event-time';
import { lastSettledDay } from '../common/settled-days';
import { AppConfig } from '../config/app-config';
import { utcDateOf } from '../common/utc-date';
import { CounterOverflowError } from '../database/counter-overflow.error';
import {
  LedgerEntry,
  MessageLedgerRepository,
  RecordResult,
} from '../database/repositories/message-ledger.repository';
import { StoredMessage } from '../database/repositories/stored-message';
import { BatchResultDto } from './dto/batch-result.dto';
import { MetricsService } from '../metrics/metrics.service';
import { IngestMessageDto } from './dto/ingest-message.dto';
import { GroupCommitter } from './group-committer';
import { IngestResultDto } from './dto/ingest-result.dto';
import { MessageViewDto } from './dto/message-view.dto';
import { eventTimesOf } from './event-window';
import { LedgerRetentionRepository } from '../database/repositories/ledger-retention.repository';
import { MessageNotFoundError } from './message-not-found.error';
import { MessageSettledError } from './message-settled.error';
import { UuidConflictError } from './uuid-conflict.error';

@Injectable()
export class IngestionService {
  constructor(
    private readonly ledger: MessageLedgerRepository,
    private readonly committer: GroupCommitter,
    private readonly clock: Clock,
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
    private readonly retention: LedgerRetentionRepository,
  ) {}

  /**
   * Counts a message on the UTC day of its event time: its timestamp, or
   * when it arrives. A uuid counts once: sent again with the same content
   * (its timestamp included) it is a duplicate, with other content a
   * conflict, and neither changes anything.
   */
  async ingest(message: IngestMessageDto): Promise<IngestResultDto> {
    const receivedAt = this.clock.now();
    const [eventAt] = this.eventTimes([message], receivedAt, false);
    const amount = Amount.parse(message.amount);
    const result = await this.committer
      .submit(entryOf(message, amount, receivedAt, eventAt))
      .catch((error) => this.countOverflow(error, 1));
    const status = statusOf(result, message, amount);
    this.metrics.countMessage(status);
    if (status === 'conflict') throw new UuidConflictError(message.uuid);
    return { uuid: message.uuid, status };
  }

  /**
   * Counts a batch in one transaction, all or nothing, and answers for each
   * message in order. A timestamp outside the window refuses the batch.
   */
  async ingestBatch(messages: IngestMessageDto[]): Promise<BatchResultDto> {
    const receivedAt = this.clock.now();
    const eventTimes = this.eventTimes(messages, receivedAt, true);
    const amounts = messages.map((message) => Amount.parse(message.amount));
    const results = await this.ledger
      .recordBatch(
        messages.map((message, i) =>
          entryOf(message, amounts[i], receivedAt, eventTimes[i]),
        ),
      )
      .catch((error) => this.countOverflow(error, messages.length));
    return {
      results: results.map((result, i) => {
        const status = statusOf(result, messages[i], amounts[i]);
        this.metrics.countMessage(status);
        return { uuid: messages[i].uuid, status };
      }),
    };
  }

  /** The messages' event times; refuses (and counts) any outside the window. */
  private eventTimes(
    messages: IngestMessageDto[],
    receivedAt: Date,
    batch: boolean,
  ): Array<Date | undefined> {
    try {
      return eventTimesOf(
        messages.map((message) => message.timestamp),
        receivedAt,
        this.config.eventWindow,
        batch,
      );
    } catch (error) {
      this.metrics.countMessage('outside_window', messages.length);
      throw error;
    }
  }

  /** A uuid the ledger does not hold: said with how far back it holds. */
  private async notFound(uuid: string): Promise<MessageNotFoundError> {
    return new MessageNotFoundError(uuid, await this.retention.firstKeptDay());
  }

  /** Counts the messages a counter overflow refused; the error passes on. */
  private countOverflow(error: unknown, messages: number): never {
    if (error instanceof CounterOverflowError) {
      this.metrics.countMessage('overflow', messages);
    }
    throw error;
  }

  async find(uuid: string): Promise<MessageViewDto> {
    const stored = await this.ledger.findByUuid(uuid);
    if (!stored) throw await this.notFound(uuid);
    return viewOf(stored);
  }

  /**
   * Takes a counted message back: it stops counting, and its uuid is never
   * counted again. Voiding it again answers the first void. A message
   * whose day is settled stays counted: a billing run may have read it as
   * final.
   */
  async void(uuid: string, reason?: string): Promise<MessageViewDto> {
    const at = this.clock.now();
    const settledThrough = lastSettledDay(
      at,
      this.config.eventWindow.maxAgeDays,
    );
    const result = await this.ledger.voidMessage({
      uuid,
      at,
      reason,
      settledThrough,
    });
    this.metrics.countVoid(result.outcome);
    if (result.outcome === 'not_found') throw await this.notFound(uuid);
    if (result.outcome === 'settled') {
      throw new MessageSettledError(uuid, result.message.date, settledThrough!);
    }
    return viewOf(result.message);
  }
}

function viewOf(stored: StoredMessage): MessageViewDto {
  const { eventAt, ...message } = stored;
  return {
    ...message,
    amount: stored.amount.toString(),
    ...(eventAt !== undefined && { timestamp: eventAt }),
  };
}

/**
 * What an ingested message became: counted, or answered by the message its
 * uuid already stands for (a duplicate, a voided message sent again, or a
 * conflict when the content differs).
 */
function statusOf(
  result: RecordResult,
  message: IngestMessageDto,
  amount: Amount,
): 'counted' | 'duplicate' | 'voided' | 'conflict' {
  if (result.recorded) return 'counted';
  if (!sameContent(result.existing, message, amount)) return 'conflict';
  return result.existing.voidedAt === undefined ? 'duplicate' : 'voided';
}

function entryOf(
  message: IngestMessageDto,
  amount: Amount,
  receivedAt: Date,
  eventAt: Date | undefined,
): LedgerEntry {
  return {
    uuid: message.uuid,
    customerId: message.customerId,
    type: message.type,
    amount,
    date: utcDateOf(eventAt ?? receivedAt),
    receivedAt,
    eventAt,
  };
}

/**
 * The same message sent again: equal customer, type and amount, and the
 * same timestamp, or none when the first had none.
 */
function sameContent(
  stored: StoredMessage,
  message: IngestMessageDto,
  amount: Amount,
): boolean {
  const eventAt = parseTimestamp(message.timestamp);
  return (
    stored.customerId === message.customerId &&
    stored.type === message.type &&
    stored.amount.equals(amount) &&
    (stored.eventAt === undefined
      ? eventAt === undefined
      : eventAt === Date.parse(stored.eventAt))
  );
}
