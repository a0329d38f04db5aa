import {
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { Amount } from '../common/amount';
import { Clock } from '../common/clock';
import { ProblemType } from '../common/problem-details';
import { utcDateOf } from '../common/utc-date';
import { MessageLedgerRepository } from '../database/repositories/message-ledger.repository';
import { StoredMessage } from '../database/repositories/stored-message';
import { IngestMessageDto } from './dto/ingest-message.dto';
import { IngestResultDto } from './dto/ingest-result.dto';
import { MessageViewDto } from './dto/message-view.dto';

@Injectable()
export class IngestionService {
  constructor(
    private readonly ledger: MessageLedgerRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Counts a message on the UTC day it arrives. A uuid counts once: sent again
   * with the same content it is a duplicate, with other content a conflict,
   * and neither changes anything.
   */
  async ingest(message: IngestMessageDto): Promise<IngestResultDto> {
    const receivedAt = this.clock.now();
    const amount = Amount.parse(message.amount);
    const result = await this.ledger.record({
      uuid: message.uuid,
      customerId: message.customerId,
      type: message.type,
      amount,
      date: utcDateOf(receivedAt),
      receivedAt,
    });
    if (result.recorded) return { uuid: message.uuid, status: 'counted' };
    if (!sameContent(result.existing, message, amount)) {
      throw new ConflictException({
        type: ProblemType.uuidConflict,
        title: 'uuid already used',
        detail: `Message ${message.uuid} was already counted with different content; nothing was changed.`,
      });
    }
    return { uuid: message.uuid, status: 'duplicate' };
  }

  async find(uuid: string): Promise<MessageViewDto> {
    const stored = await this.ledger.findByUuid(uuid);
    if (!stored)
      throw new NotFoundException(`No message with uuid ${uuid} was counted.`);
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
