import { Amount } from '../../common/amount';

/**
 * Reading values back from either driver: mysql2 gives BIGINT and DECIMAL as
 * strings and VARBINARY as a Buffer; better-sqlite3 gives numbers and text.
 */
export function readText(value: unknown): string {
  return Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
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
