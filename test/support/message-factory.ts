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

/**
 * A valid message's JSON with bytes that are not UTF-8 (FF FE) inside its
 * type "P": what a producer with a broken encoder sends. Lenient decoding
 * would count it under a type no producer sent, "P\uFFFD\uFFFD".
 */
export function aMessageWithInvalidUtf8(
  overrides: Partial<WireMessage> = {},
): Buffer {
  const json = JSON.stringify(aMessage({ ...overrides, type: 'P' }));
  const at = json.indexOf('"P"') + 2;
  return Buffer.concat([
    Buffer.from(json.slice(0, at)),
    Buffer.from([0xff, 0xfe]),
    Buffer.from(json.slice(at)),
  ]);
}
