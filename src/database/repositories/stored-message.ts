import { Amount } from '../../common/amount';

/** A message as the ledger recorded it. */
export interface StoredMessage {
  uuid: string;
  customerId: number;
  type: string;
  amount: Amount;
  /** The UTC day it counted on, YYYY-MM-DD. */
  date: string;
  /** When it arrived, ISO 8601 UTC. */
  receivedAt: string;
}
