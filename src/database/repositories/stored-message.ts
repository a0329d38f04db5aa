import { Amount } from '../../common/amount';

/** A message as the ledger recorded it. */
export interface StoredMessage {
  uuid: string;
  customerId: number;
  type: string;
  amount: Amount;
  /** The UTC day it counted on (its event time's), YYYY-MM-DD. */
  date: string;
  /** When it arrived, ISO 8601 UTC. */
  receivedAt: string;
  /** Its own timestamp, ISO 8601 UTC; none when it was sent without one. */
  eventAt?: string;
  /** When it was taken back, ISO 8601 UTC; none while it counts. */
  voidedAt?: string;
  /** Why it was taken back, if the client said. */
  voidReason?: string;
}
