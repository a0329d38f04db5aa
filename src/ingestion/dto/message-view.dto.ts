import { ApiProperty } from '@nestjs/swagger';
import { MESSAGE_TYPE_MAX_LENGTH } from '../../common/message-rules';

/** The ledger's amounts: always three decimals. */
const STORED_AMOUNT_PATTERN = '^\\d{1,12}\\.\\d{3}$';

/** A message as the ledger recorded it. */
export class MessageViewDto {
  /** @example "a596b362-08be-419f-8070-9c3055566e7c" */
  @ApiProperty({ format: 'uuid' })
  uuid: string;

  /** @example 1 */
  @ApiProperty({ type: 'integer', format: 'int64' })
  customerId: number;

  /** @example "A" */
  @ApiProperty({ maxLength: MESSAGE_TYPE_MAX_LENGTH })
  type: string;

  /**
   * The amount, always with 3 decimals.
   * @example "0.012"
   */
  @ApiProperty({ pattern: STORED_AMOUNT_PATTERN })
  amount: string;

  /**
   * The UTC day the message counted on: its timestamp's day, or the day it arrived.
   * @example "2026-11-25"
   */
  @ApiProperty({ format: 'date' })
  date: string;

  /**
   * When the message arrived, ISO 8601 in UTC.
   * @example "2026-11-25T19:00:00.000Z"
   */
  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  /**
   * The message's own timestamp, as an instant in UTC. Absent when it was sent without one: it then happened when it arrived.
   * @example "2026-11-25T18:59:58.250Z"
   */
  @ApiProperty({ required: false, format: 'date-time' })
  timestamp?: string;

  /**
   * When the message was voided, ISO 8601 in UTC. Absent while it counts.
   * @example "2026-11-25T19:20:00.000Z"
   */
  @ApiProperty({ required: false, format: 'date-time' })
  voidedAt?: string;

  /**
   * Why it was voided, as the client said. Absent without a reason.
   * @example "sent to the wrong customer"
   */
  @ApiProperty({ required: false })
  voidReason?: string;
}
