import { Injectable } from '@nestjs/common';
import { Amount } from '../common/amount';
import { Clock } from '../common/clock';
import { utcDateOf } from '../common/utc-date';
import { CounterOverflowError } from '../database/counter-overflow.error';
import { MessageLedgerRepository } from '../database/repositories/message-ledger.repository';
import { StoredMessage } from '../database/repositories/stored-message';
import { BatchResultDto } from './dto/batch-result.dto';
import { MetricsService } from '../metrics/metrics.service';
import { IngestMessageDto } from './dto/ingest-message.dto';
import { GroupCommitter } from './group-committer';
import { IngestResultDto } from './dto/ingest-result.dto';
import { MessageViewDto } from './dto/message-view.dto';
import { MessageNotFoundError } from './message-not-found.error';
import { UuidConflictError } from './uuid-conflict.error';

@Injectable()
export class IngestionService {
  constructor(
    private readonly ledger: MessageLedgerRepository,
    private readonly committer: GroupCommitter,
    private readonly clock: Clock,
    private readonly metrics: MetricsService,
  ) {}

  /**
   * Counts a message on the UTC day it arrives. A uuid counts once: sent again
   * with the same content it is a duplicate, with other content a conflict,
   * and neither changes anything.
   */
  async ingest(message: IngestMessageDto): Promise<IngestResultDto> {
    const receivedAt = this.clock.now();
    const amount = Amount.parse(message.amount);
    const result = await this.committer
      .submit({
        uuid: message.uuid,
        customerId: message.customerId,
        type: message.type,
        amount,
        date: utcDateOf(receivedAt),
        receivedAt,
      })
      .catch((error) => this.refuseOverflow(error, 1));
    if (result.recorded) {
      this.metrics.countMessage('counted');
      return { uuid: message.uuid, status: 'counted' };
    }
    if (!sameContent(result.existing, message, amount)) {
      this.metrics.countMessage('conflict');
      throw new UuidConflictError(message.uuid);
    }
    this.metrics.countMessage('duplicate');
    return { uuid: message.uuid, status: 'duplicate' };
  }

  /**
   * Counts a batch in one transaction, all or nothing, and answers for each
   * message in order. Messages arrive together, so they count on one day.
   */
  async ingestBatch(messages: IngestMessageDto[]): Promise<BatchResultDto> {
    const receivedAt = this.clock.now();
    const date = utcDateOf(receivedAt);
    const amounts = messages.map((message) => Amount.parse(message.amount));
    const results = await this.ledger
      .recordBatch(
        messages.map((message, i) => ({
          uuid: message.uuid,
          customerId: message.customerId,
          type: message.type,
          amount: amounts[i],
          date,
          receivedAt,
        })),
      )
      .catch((error) => this.refuseOverflow(error, messages.length));
    return {
      results: results.map((result, i) => {
        const status = result.recorded
          ? 'counted'
          : sameContent(result.existing, messages[i], amounts[i])
            ? 'duplicate'
            : 'conflict';
        this.metrics.countMessage(status);
        return { uuid: messages[i].uuid, status };
      }),
    };
  }

  /** Counts the messages a counter overflow refused; the error passes on. */
  private refuseOverflow(error: unknown, messages: number): never {
    if (error instanceof CounterOverflowError) {
      this.metrics.countMessage('overflow', messages);
    }
    throw error;
  }

  async find(uuid: string): Promise<MessageViewDto> {
    const stored = await this.ledger.findByUuid(uuid);
    if (!stored) throw new MessageNotFoundError(uuid);
    return { ...stored, amount: stored.amount.toString() };
  }
}

function sameContent(
  stored: StoredMessage,
  message: IngestMessageDto,
  amount: Amount,
): boolean {
  return (
    stored.customerId === message.customerId &&
    stored.type === message.type &&
    stored.amount.equals(amount)
  );
}
