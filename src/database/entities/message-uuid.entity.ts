import { EntitySchema } from 'typeorm';
import type { ColumnTypes } from '../column-types';

/**
 * Each uuid the ledger holds, once, with the day its row is on, where the
 * ledger is partitioned by day (ColumnTypes.ledgerKeyedByDay): the unique
 * key a partitioned table cannot have.
 */
export interface MessageUuidRow {
  uuid: string;
  statDate: string;
}

export const messageUuidEntity = (types: ColumnTypes) =>
  new EntitySchema<MessageUuidRow>({
    name: 'MessageUuid',
    tableName: 'message_uuids',
    columns: {
      uuid: { ...types.uuid, primary: true },
      statDate: { name: 'stat_date', type: 'date' },
    },
  });
