import { EntitySchema } from 'typeorm';
import type { ColumnTypes } from '../column-types';

/**
 * The ledger: one row per counted message, keyed by its uuid (SQLite), or
 * by its day and uuid where it is partitioned by month (MySQL, with
 * message_uuids keeping each uuid once: KeyLedgerByDay1764900000000). It makes
 * deduplication exact, answers "was this message counted?", and holds what
 * is needed to rebuild the statistics. A voided message keeps its row: it
 * no longer counts, and its uuid is never counted again.
 */
export interface MessageRow {
  uuid: string;
  customerId: string;
  type: string;
  amountMilli: string;
  statDate: string;
  receivedAt: string;
  /** The message's own timestamp; null when it was sent without one. */
  eventAt: string | null;
  /** When the message was taken back; null while it counts. */
  voidedAt: string | null;
  /** Why, as the client said; null without a reason. */
  voidReason: string | null;
}

export function messageEntity(types: ColumnTypes) {
  return new EntitySchema<MessageRow>({
    name: 'Message',
    tableName: 'messages',
    columns: {
      uuid: { ...types.uuid, primary: true },
      statDate: {
        name: 'stat_date',
        type: 'date',
        primary: types.ledgerKeyedByDay,
      },
      customerId: { name: 'customer_id', ...types.counter },
      type: { name: 'type', ...types.messageType },
      amountMilli: { name: 'amount_milli', ...types.counter },
      receivedAt: { name: 'received_at', ...types.receivedAt },
      eventAt: { name: 'event_at', ...types.receivedAt, nullable: true },
      voidedAt: { name: 'voided_at', ...types.receivedAt, nullable: true },
      voidReason: { name: 'void_reason', ...types.reason, nullable: true },
    },
    // Keyed by day first, the key itself serves a day's range.
    indices: types.ledgerKeyedByDay
      ? []
      : [{ name: 'idx_messages_stat_date', columns: ['statDate'] }],
  });
}
