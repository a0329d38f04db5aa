import { Amount } from '../../common/amount';

/**
 * Reading values back from either driver: mysql2 gives BIGINT and DECIMAL as
 * strings and VARBINARY as a Buffer; better-sqlite3 gives numbers and text.
 */
export function readText(value: unknown): string {
  return Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
}

/** A uuid as text, from its text or from 16 bytes (MySQL's BINARY(16)). */
export function readUuid(value: unknown): string {
  if (!Buffer.isBuffer(value) || value.length !== 16) return readText(value);
  const hex = value.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function readSafeInteger(value: unknown): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) {
    throw new RangeError(`not a safe integer: ${String(value)}`);
  }
  return number;
}

export function readAmount(value: unknown): Amount {
  return Amount.fromMilli(typeof value === 'number' ? value : readText(value));
}
