import { randomUUID } from 'node:crypto';

export interface WireMessage {
  customerId: unknown;
  type?: unknown;
  amount: unknown;
  uuid: unknown;
  [extra: string]: unknown;
}

/** A valid message with a fresh uuid; override any field, or set it undefined to leave it out. */
export function aMessage(overrides: Partial<WireMessage> = {}): WireMessage {
  return {
    customerId: 1,
    type: 'A',
    amount: '0.012',
    uuid: randomUUID(),
    ...overrides,
  };
}
